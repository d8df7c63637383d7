package dev.pulse.server.chat;

import dev.pulse.server.metrics.PulseMetrics;
import dev.pulse.server.presence.PresenceTracker;
import dev.pulse.socketio.Namespace;
import dev.pulse.socketio.Socket;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes messages to their recipient's sockets and records delivery only when a socket
 * acknowledges one: a message pushed into a connection that was closing stays undelivered and
 * is pushed again on the next connect. Confirmations are collected for {@link #FLUSH_MILLIS},
 * written with the message writer's next commit, and each sender is then told with
 * {@code message_delivered}. Event loop only.
 */
public final class DeliveryReceipts {
  private static final Logger log = LoggerFactory.getLogger(DeliveryReceipts.class);
  /** How long a socket has to acknowledge a message before it counts as not delivered there. */
  static final long ACK_TIMEOUT_MILLIS = 30_000;
  static final long FLUSH_MILLIS = 20;

  private final Vertx vertx;
  private final Namespace namespace;
  private final MessageWriter writer;
  private final PulseMetrics metrics;
  private final Clock clock;
  private Map<Long, Message> confirmed = new LinkedHashMap<>();
  // socket id -> ids of messages pushed to it and not yet acknowledged (or timed out)
  private final Map<String, Set<Long>> inFlight = new HashMap<>();
  private boolean flushScheduled;

  public DeliveryReceipts(Vertx vertx, Namespace namespace, MessageWriter writer, PulseMetrics metrics,
      Clock clock) {
    this.vertx = vertx;
    this.namespace = namespace;
    this.writer = writer;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** The recipient's sockets on this node. */
  public List<Socket> recipientSockets(String username) {
    Set<String> ids = namespace.adapter().sockets(Set.of(PresenceTracker.room(username)));
    List<Socket> sockets = new ArrayList<>(ids.size());
    for (String id : ids) {
      Socket socket = namespace.socket(id);
      if (socket != null && socket.connected()) {
        sockets.add(socket);
      }
    }
    return sockets;
  }

  /**
   * Sends {@code m} as {@code new_message} to each socket, asking for an ack; the first ack
   * confirms it. A socket that already has {@code m} on its way (pushed live while its catch-up
   * was being read, or the other way round) is skipped, so no socket gets a message twice.
   */
  public void push(Message m, List<Socket> sockets) {
    JsonObject event = m.toEvent();
    boolean[] done = {false};
    for (Socket socket : sockets) {
      Set<Long> pending = inFlight.computeIfAbsent(socket.id(), id -> new HashSet<>());
      if (!pending.add(m.id())) {
        continue;
      }
      socket.emitWithAck(ACK_TIMEOUT_MILLIS, "new_message", event).onComplete(ar -> {
        Set<Long> still = inFlight.get(socket.id());
        if (still != null) {
          still.remove(m.id());
          if (still.isEmpty()) {
            inFlight.remove(socket.id());
          }
        }
        if (ar.succeeded() && !done[0]) {
          done[0] = true;
          confirm(m);
        }
      });
    }
  }

  private void confirm(Message m) {
    confirmed.put(m.id(), m);
    if (!flushScheduled) {
      flushScheduled = true;
      vertx.setTimer(FLUSH_MILLIS, id -> flush());
    }
  }

  /** Writes the confirmations collected so far (also called at shutdown, before the writer closes). */
  public void flush() {
    flushScheduled = false;
    if (confirmed.isEmpty()) {
      return;
    }
    Map<Long, Message> batch = confirmed;
    confirmed = new LinkedHashMap<>();
    Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    writer.markDelivered(batch.keySet(), at).onComplete(ar -> {
      if (ar.failed()) {
        // they stay undelivered and are pushed again on the next connect
        log.warn("could not record {} deliveries: {}", batch.size(), ar.cause().toString());
        return;
      }
      metrics.messagesDelivered(ar.result());
      // one receipt per sender and recipient: the highest id they now have
      Map<String, Message> latest = new LinkedHashMap<>();
      for (Message m : batch.values()) {
        latest.merge(m.from() + "\u0000" + m.to(), m, (a, b) -> a.id() >= b.id() ? a : b);
      }
      for (Message m : latest.values()) {
        namespace.to(PresenceTracker.room(m.from())).emit("message_delivered", new JsonObject()
            .put("by", m.to()).put("upToId", m.id()).put("at", at.toString()));
      }
    });
  }
}
