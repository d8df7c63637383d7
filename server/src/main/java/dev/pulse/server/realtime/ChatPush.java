package dev.pulse.server.realtime;

import dev.pulse.server.chat.ChatDelivery;
import dev.pulse.server.chat.Inbox;
import dev.pulse.server.chat.Message;
import dev.pulse.server.chat.Reactions;
import dev.pulse.server.chat.Standing;
import dev.pulse.socketio.BroadcastOperator;
import dev.pulse.socketio.Namespace;
import dev.pulse.socketio.Socket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Chat's deliveries as broadcasts to users' rooms: one encoding per message, reaching the user's
 * connections wherever they are, new messages with an ack request per connection.
 *
 * <p>A connection catching up (reading what it missed, {@link #beginCatchUp}) may be pushed the
 * same message live too: it was stored just before the read and announced just after it. Live
 * pushes to the user are noted from the moment the socket is in its room until its catch-up is
 * pushed, and left out of it; the caller waits for sends still under way on this node before
 * pushing the catch-up ({@code ChatService.settled}), so none is announced after it. A send from
 * another node in that moment is not seen here: clients keep one message per id. Event loop only.
 */
public final class ChatPush implements ChatDelivery {
  /** How long a connection has to acknowledge a message before it counts as not delivered there. */
  static final long ACK_TIMEOUT_MILLIS = 30_000;
  /** Conversations remembered as already hearing each other's presence (the most recent). */
  static final int JOINED_PAIRS = 50_000;

  private final Namespace namespace;
  // user -> (socket id -> ids of messages pushed live to the user while that socket's catch-up is read)
  private final Map<String, Map<String, Set<Long>>> reading = new HashMap<>();
  // pairs whose sockets joined each other's presence rooms; a later message need not again, since
  // sockets that connect later load their partners from the database when they watch
  private final Map<String, Boolean> joinedPairs = new LinkedHashMap<>(1024, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > JOINED_PAIRS;
    }
  };

  public ChatPush(Namespace namespace) {
    this.namespace = namespace;
  }

  @Override
  public void message(Message m, boolean request, String origin, Runnable confirmed) {
    JsonObject event = m.toEvent();
    if (request) {
      event.put("request", true);
    }
    Map<String, Set<Long>> readers = reading.get(m.to());
    if (readers != null) {
      readers.values().forEach(ids -> ids.add(m.id()));
    }
    // the first connection to confirm makes it delivered: a second one that is slow, or gone
    // without a word (a closed tab in its grace period), must not hold the tick for the timeout
    boolean[] told = {false};
    namespace.to(Rooms.user(m.to())).emitWithAck(ACK_TIMEOUT_MILLIS, reply -> {
      if (!told[0]) {
        told[0] = true;
        confirmed.run();
      }
    }, "new_message", event);
    BroadcastOperator senderTabs = namespace.to(Rooms.user(m.from()));
    (origin == null ? senderTabs : senderTabs.except(origin)).emit("new_message", event);
    // people who talk hear each other's presence, also when the conversation starts now
    if (joinedPairs.put(Message.pairKey(m.from(), m.to()), Boolean.TRUE) == null) {
      namespace.to(Rooms.user(m.to())).socketsJoin(Rooms.presenceOf(m.from()));
      senderTabs.socketsJoin(Rooms.presenceOf(m.to()));
    }
  }

  /** {@code socket} of {@code username} is about to read what it missed; see the class comment. */
  public void beginCatchUp(Socket socket, String username) {
    reading.computeIfAbsent(username, u -> new HashMap<>()).put(socket.id(), new HashSet<>());
  }

  /**
   * Pushes {@code pending} (read since {@link #beginCatchUp}) to {@code socket}, oldest first,
   * leaving out what reached it live meanwhile; {@code confirmed} gets each message it acknowledges.
   */
  public void catchUp(Socket socket, String username, Inbox.Backlog pending, Consumer<Message> confirmed) {
    Set<Long> live = endCatchUp(socket, username);
    if (!socket.connected()) {
      return;
    }
    for (Message m : pending.messages()) {
      if (live.contains(m.id())) {
        continue;
      }
      JsonObject event = m.toEvent();
      if (pending.requestsFrom().contains(m.from())) {
        event.put("request", true);
      }
      socket.emitWithAck(ACK_TIMEOUT_MILLIS, "new_message", event).onSuccess(reply -> confirmed.accept(m));
    }
  }

  /** Stops noting live pushes for {@code socket}'s catch-up; returns what was noted. */
  public Set<Long> endCatchUp(Socket socket, String username) {
    Map<String, Set<Long>> readers = reading.get(username);
    Set<Long> live = readers == null ? null : readers.remove(socket.id());
    if (readers != null && readers.isEmpty()) {
      reading.remove(username);
    }
    return live == null ? Set.of() : live;
  }

  @Override
  public void delivered(String sender, String recipient, long upToId, Collection<Long> ids, Instant at) {
    namespace.to(Rooms.user(sender)).emit("message_delivered", new JsonObject().put("by", recipient)
        .put("upToId", upToId).put("ids", new JsonArray(List.copyOf(ids))).put("at", at.toString()));
  }

  @Override
  public void read(String reader, String with, boolean toWith, long upToId, Instant at) {
    BroadcastOperator to = toWith ? namespace.to(Rooms.user(with), Rooms.user(reader)) : namespace.to(Rooms.user(reader));
    to.emit("message_read", new JsonObject()
        .put("by", reader).put("with", with).put("upToId", upToId).put("at", at.toString()));
  }

  @Override
  public void reaction(String a, String b, Reactions.Change change) {
    namespace.to(Rooms.user(a), Rooms.user(b)).emit("message_reaction", change.toJson());
  }

  public void requestAnswered(String requester, String addressee, Standing.State state, Instant at) {
    BroadcastOperator to = state == Standing.State.ACCEPTED
        ? namespace.to(Rooms.user(addressee), Rooms.user(requester))
        : namespace.to(Rooms.user(addressee));
    to.emit("message_request_update", new JsonObject().put("from", requester).put("to", addressee)
        .put("status", state.wire()).put("at", at.toString()));
  }

  @Override
  public void typing(String from, String to, boolean isTyping) {
    namespace.to(Rooms.user(to)).emit("user_typing", new JsonObject().put("from", from).put("isTyping", isTyping));
  }
}
