package dev.pulse.server.chat;

import dev.pulse.server.metrics.PulseMetrics;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records that messages reached their recipient. A message counts as delivered only when a
 * connection of its recipient confirms it (the real-time edge reports that): one pushed into a
 * connection that was closing stays undelivered and is pushed again on the next connect.
 * Confirmations are collected for {@link #FLUSH_MILLIS}, written with the message writer's next
 * commit, and each sender is then told once per recipient. Event loop only.
 */
public final class DeliveryReceipts {
  private static final Logger log = LoggerFactory.getLogger(DeliveryReceipts.class);
  static final long FLUSH_MILLIS = 20;

  private final Vertx vertx;
  private final MessageWriter writer;
  private final ChatDelivery delivery;
  private final PulseMetrics metrics;
  private final Clock clock;
  private Map<Long, Message> confirmed = new LinkedHashMap<>();
  private boolean flushScheduled;

  public DeliveryReceipts(Vertx vertx, MessageWriter writer, ChatDelivery delivery, PulseMetrics metrics,
      Clock clock) {
    this.vertx = vertx;
    this.writer = writer;
    this.delivery = delivery;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** A connection of {@code m}'s recipient confirmed it. */
  public void confirm(Message m) {
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
        delivery.delivered(m.from(), m.to(), m.id(), at);
      }
    });
  }
}
