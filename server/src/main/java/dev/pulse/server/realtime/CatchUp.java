package dev.pulse.server.realtime;

import dev.pulse.server.chat.ChatService;
import dev.pulse.server.chat.Inbox;
import dev.pulse.server.members.Member;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On each connect, pushes the user's messages that no connection of theirs has confirmed yet
 * (oldest first, up to {@link Inbox#CATCH_UP_LIMIT}); each acknowledgement marks one
 * delivered. A message reaches a socket once, live or in its catch-up, not both (see
 * {@link ChatPush}). Event loop only.
 */
public final class CatchUp implements ConnectionListener {
  private static final Logger log = LoggerFactory.getLogger(CatchUp.class);

  private final Inbox inbox;
  private final ChatService chat;
  private final ChatPush push;
  private final Set<Session> open = new HashSet<>();

  public CatchUp(Inbox inbox, ChatService chat, ChatPush push) {
    this.inbox = inbox;
    this.chat = chat;
    this.push = push;
  }

  @Override
  public void opened(Session session, Member member) {
    open.add(session);
    catchUp(session);
  }

  /**
   * Catches every open connection up again: messages sent while this node could not hear the
   * others (its Redis link was down) reached the database but not these sockets.
   */
  public void everyoneAgain() {
    List.copyOf(open).forEach(this::catchUp);
  }

  private void catchUp(Session session) {
    String username = session.username();
    push.beginCatchUp(session.socket(), username);
    // sends to this user still under way deliver live first, so that their messages are left out
    inbox.undelivered(username)
        .compose(pending -> chat.settled(username).map(v -> pending))
        .onComplete(ar -> {
          if (ar.failed()) {
            push.endCatchUp(session.socket(), username);
            log.warn("could not catch {} up: {}", username, ar.cause().toString());
            return;
          }
          push.catchUp(session.socket(), username, ar.result(), chat::confirmed);
          if (!ar.result().isEmpty()) {
            log.info("user {} caught up on {} messages", username, ar.result().size());
          }
        });
  }

  @Override
  public void closed(Session session) {
    open.remove(session);
    push.endCatchUp(session.socket(), session.username());
  }
}
