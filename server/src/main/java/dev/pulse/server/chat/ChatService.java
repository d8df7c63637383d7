package dev.pulse.server.chat;

import dev.pulse.server.api.ApiException;
import dev.pulse.server.config.Config;
import dev.pulse.server.metrics.PulseMetrics;
import dev.pulse.server.presence.PresenceTracker;
import dev.pulse.server.profiles.Members;
import dev.pulse.server.store.Database;
import dev.pulse.server.store.MessageRepository;
import dev.pulse.server.store.MessageRepository.Stored;
import dev.pulse.socketio.Namespace;
import dev.pulse.socketio.Socket;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Messages between two members: validate, store (durably, before anyone is told), push to both
 * users' connections, catch a returning user up, and carry read receipts and typing. Used on the
 * event loop.
 */
public final class ChatService {
  private static final Logger log = LoggerFactory.getLogger(ChatService.class);
  /** Most messages pushed to a user when they connect; older ones wait for the next connect. */
  static final int CATCH_UP_LIMIT = 500;
  static final int MAX_CLIENT_ID_LENGTH = 64;

  /**
   * The result of a send: the stored message, whether it was a repeat, and whether it was pushed
   * to a connection of the recipient ({@code message_delivered} confirms receipt).
   */
  public record Sent(Message message, boolean duplicate, boolean delivered) {
    public JsonObject toAck() {
      return new JsonObject().put("ok", true).put("id", message.id())
          .put("timestamp", message.timestamp().toString())
          .put("delivered", delivered).put("duplicate", duplicate);
    }
  }

  private final Namespace namespace;
  private final Database db;
  private final MessageRepository messages;
  private final MessageWriter writer;
  private final DeliveryReceipts receipts;
  private final Members members;
  private final PulseMetrics metrics;
  private final Config.Limits limits;
  private final Clock clock;

  public ChatService(Namespace namespace, Database db, MessageRepository messages, MessageWriter writer,
      DeliveryReceipts receipts, Members members, PulseMetrics metrics, Config.Limits limits, Clock clock) {
    this.namespace = namespace;
    this.db = db;
    this.messages = messages;
    this.writer = writer;
    this.receipts = receipts;
    this.members = members;
    this.metrics = metrics;
    this.limits = limits;
    this.clock = clock;
  }

  /**
   * Stores a message from {@code from} and pushes it to the recipient's connections and the
   * sender's others ({@code origin}, the sending socket, is left out; null for REST).
   */
  public Future<Sent> send(String from, String to, String body, String clientId, Socket origin) {
    long arrived = System.nanoTime();
    if (to == null || to.isBlank()) {
      return Future.failedFuture(ApiException.badRequest("'to' is required"));
    }
    if (to.equals(from)) {
      return Future.failedFuture(ApiException.badRequest("You cannot message yourself"));
    }
    if (body == null || body.isBlank()) {
      return Future.failedFuture(ApiException.badRequest("'message' must not be empty"));
    }
    if (body.length() > limits.messageMaxLength()) {
      return Future.failedFuture(new ApiException(400, "message_too_long",
          "A message can be at most " + limits.messageMaxLength() + " characters; this one has " + body.length()));
    }
    if (clientId != null && (clientId.isEmpty() || clientId.length() > MAX_CLIENT_ID_LENGTH)) {
      return Future.failedFuture(
          ApiException.badRequest("'clientId' must be 1-" + MAX_CLIENT_ID_LENGTH + " characters"));
    }
    return members.require(to).compose(recipient -> {
      if (recipient.hasBlocked(from)) {
        return Future.failedFuture(ApiException.forbidden("You cannot message " + to));
      }
      Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
      return writer.store(new OutgoingMessage(from, to, body, clientId, now));
    }).map(stored -> publish(stored, origin, arrived));
  }

  private Sent publish(Stored stored, Socket origin, long arrived) {
    Message m = stored.message();
    if (stored.duplicate()) {
      return new Sent(m, true, m.deliveredAt() != null);
    }
    metrics.messageSent();
    List<Socket> recipient = receipts.recipientSockets(m.to());
    receipts.push(m, recipient);
    var senderTabs = namespace.to(PresenceTracker.room(m.from()));
    (origin == null ? senderTabs : senderTabs.except(origin.id())).emit("new_message", m.toEvent());
    boolean pushed = !recipient.isEmpty();
    if (pushed) {
      metrics.messagePushed(System.nanoTime() - arrived);
      log.info("message {} {} -> {} delivered", m.id(), m.from(), m.to());
    } else {
      log.info("message {} {} -> {} stored ({} offline)", m.id(), m.from(), m.to(), m.to());
    }
    return new Sent(m, false, pushed);
  }

  /**
   * Pushes to a newly connected socket every message its user has not acknowledged yet, oldest
   * first; each ack marks one delivered and tells its sender.
   */
  public Future<Integer> catchUp(String username, Socket socket) {
    return db.run(c -> messages.undelivered(c, username, CATCH_UP_LIMIT)).map(pending -> {
      if (!pending.isEmpty() && socket.connected()) {
        pending.forEach(m -> receipts.push(m, List.of(socket)));
        log.info("user {} caught up on {} messages", username, pending.size());
      }
      return pending.size();
    });
  }

  /** Marks messages from {@code with} to {@code reader} read up to {@code upToId}; tells both. */
  public Future<JsonObject> markRead(String reader, String with, long upToId) {
    if (with == null || with.isBlank() || with.equals(reader)) {
      return Future.failedFuture(ApiException.badRequest("'with' must name the other user"));
    }
    if (upToId <= 0) {
      return Future.failedFuture(ApiException.badRequest("'upToId' must be a message id"));
    }
    Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    return db.run(c -> messages.markRead(c, reader, with, upToId, at)).map(count -> {
      JsonObject receipt = new JsonObject().put("by", reader).put("with", with).put("upToId", upToId)
          .put("at", at.toString());
      if (count > 0) {
        namespace.to(PresenceTracker.room(with), PresenceTracker.room(reader)).emit("message_read", receipt);
      }
      return new JsonObject().put("upToId", upToId).put("at", at.toString());
    });
  }

  /** Relays a typing signal to {@code to}'s connections, unless {@code to} blocked the sender. */
  public Future<Void> typing(String from, String to, boolean isTyping) {
    if (to == null || to.isBlank() || to.equals(from)) {
      return Future.failedFuture(ApiException.badRequest("'to' must name another user"));
    }
    return members.require(to).compose(recipient -> {
      if (recipient.hasBlocked(from)) {
        return Future.failedFuture(ApiException.forbidden("You cannot message " + to));
      }
      namespace.to(PresenceTracker.room(to)).emit("user_typing",
          new JsonObject().put("from", from).put("isTyping", isTyping));
      return Future.succeededFuture();
    });
  }

  public Future<List<Message>> history(String user, String other, Long before, int limit) {
    long beforeId = before == null ? Long.MAX_VALUE : before;
    return db.run(c -> messages.history(c, user, other, beforeId, limit));
  }
}
