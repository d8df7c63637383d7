package dev.pulse.server.realtime;

import dev.pulse.server.chat.ChatService;
import dev.pulse.server.chat.Inbox;
import dev.pulse.server.members.Member;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On connect, pushes the user's messages that no connection of theirs has confirmed yet
 * (oldest first, up to {@link Inbox#CATCH_UP_LIMIT}); each acknowledgement marks one
 * delivered. A message reaches a socket once, live or in its catch-up, not both (see
 * {@link ChatPush}).
 *
 * <p>A user's backlog goes to one socket at a time: a socket that opens within {@code
 * CATCH_UP_WINDOW_MS} of the last catch-up that handed over messages, while the socket that had
 * them is still open, gets none
 * (that one is being handed the messages; once it acknowledges them they are delivered). Otherwise
 * every new socket of a user who never acknowledges would be pushed the whole backlog again, and
 * a few hundred such sockets pin hundreds of MiB. Event loop only.
 */
public final class CatchUp implements ConnectionListener {
  private static final Logger log = LoggerFactory.getLogger(CatchUp.class);

  private final Inbox inbox;
  private final ChatService chat;
  private final ChatPush push;
  private final Set<Session> open = new HashSet<>();
  private final long windowMillis;
  private final LongSupplier clock;

  /** The socket that had a user's last catch-up, and when. */
  private record Last(Session session, long atMillis) {}

  private final Map<String, Last> last = new HashMap<>();

  public CatchUp(Inbox inbox, ChatService chat, ChatPush push, long windowMillis, LongSupplier clockMillis) {
    this.inbox = inbox;
    this.chat = chat;
    this.push = push;
    this.windowMillis = windowMillis;
    this.clock = clockMillis;
  }

  @Override
  public void opened(Session session, Member member) {
    open.add(session);
    Last before = last.get(session.username());
    long now = clock.getAsLong();
    if (before != null && now - before.atMillis() < windowMillis && open.contains(before.session())) {
      log.debug("socket {} of {} skips the catch-up another socket had {} ms ago", session.socket().id(),
          session.username(), now - before.atMillis());
      return;
    }
    catchUp(session);
  }

  /**
   * Catches every user with an open connection up again, on one of their sockets: messages sent
   * while this node could not hear the others (its Redis link was down) reached the database but
   * not these sockets.
   */
  public void everyoneAgain() {
    Map<String, Session> onePerUser = new HashMap<>();
    open.forEach(s -> onePerUser.putIfAbsent(s.username(), s));
    List.copyOf(onePerUser.values()).forEach(this::catchUp);
  }

  private void catchUp(Session session) {
    String username = session.username();
    last.put(username, new Last(session, clock.getAsLong()));
    push.beginCatchUp(session.socket(), username);
    // sends to this user still under way deliver live first, so that their messages are left out
    inbox.undelivered(username)
        .compose(pending -> chat.settled(username).map(v -> pending))
        .onComplete(ar -> {
          if (ar.failed()) {
            forget(session);
            push.endCatchUp(session.socket(), username);
            log.warn("could not catch {} up: {}", username, ar.cause().toString());
            return;
          }
          if (ar.result().messages().isEmpty()) {
            // nothing was handed to this socket: a later one (with messages it got live and
            // never confirmed) must not skip its catch-up on this one's account
            forget(session);
          }
          push.catchUp(session.socket(), username, ar.result(), chat::confirmed);
          if (!ar.result().messages().isEmpty()) {
            log.info("user {} caught up on {} messages", username, ar.result().messages().size());
          }
        });
  }

  private void forget(Session session) {
    last.computeIfPresent(session.username(), (u, l) -> l.session() == session ? null : l);
  }

  @Override
  public void closed(Session session) {
    open.remove(session);
    // the next socket of this user catches up at once
    forget(session);
    push.endCatchUp(session.socket(), session.username());
  }
}
