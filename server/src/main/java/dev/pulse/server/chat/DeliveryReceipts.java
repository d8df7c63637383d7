package dev.pulse.server.chat;

import dev.pulse.server.members.Members;
import dev.pulse.server.metrics.PulseMetrics;
import dev.pulse.server.store.Database;
import dev.pulse.server.store.MessageRepository;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records that messages reached their recipient. A message counts as delivered only when a
 * connection of its recipient confirms it (the real-time edge reports that): one pushed into a
 * connection that was closing stays undelivered and is pushed again on the next connect.
 * Confirmations are collected for {@link #FLUSH_MILLIS}, written with the message writer's next
 * commit, and each sender is then told once per recipient: which messages were confirmed, and up
 * to which id everything is recorded delivered (a later message may be confirmed before an earlier
 * one, which must not show as delivered with it). A recipient who blocked the sender confirms
 * silently. Event loop only.
 */
public final class DeliveryReceipts {
  private static final Logger log = LoggerFactory.getLogger(DeliveryReceipts.class);
  static final long FLUSH_MILLIS = 20;

  private final Vertx vertx;
  private final MessageWriter writer;
  private final Database db;
  private final MessageRepository messages;
  private final Members members;
  private final ChatDelivery delivery;
  private final PulseMetrics metrics;
  private final Clock clock;
  private Map<Long, Message> confirmed = new LinkedHashMap<>();
  private boolean flushScheduled;

  public DeliveryReceipts(Vertx vertx, MessageWriter writer, Database db, MessageRepository messages, Members members,
      ChatDelivery delivery, PulseMetrics metrics, Clock clock) {
    this.vertx = vertx;
    this.writer = writer;
    this.db = db;
    this.messages = messages;
    this.members = members;
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
      batch.values().forEach(m -> log.info("message {} {} -> {} delivered", m.id(), m.from(), m.to()));
      tellSenders(batch.values(), at);
    });
  }

  /** One receipt per sender and recipient, unless the recipient blocked the sender. */
  private void tellSenders(Iterable<Message> batch, Instant at) {
    Map<String, List<Message>> byPair = new LinkedHashMap<>();
    Set<String> recipients = new HashSet<>();
    for (Message m : batch) {
      byPair.computeIfAbsent(m.from() + "\u0000" + m.to(), k -> new ArrayList<>()).add(m);
      recipients.add(m.to());
    }
    db.run(c -> messages.oldestUndelivered(c, recipients)).onComplete(ar -> {
      if (ar.failed()) {
        log.warn("could not read what is still undelivered: {}", ar.cause().toString());
        return;
      }
      for (List<Message> pair : byPair.values()) {
        String sender = pair.get(0).from();
        String recipient = pair.get(0).to();
        List<Long> ids = pair.stream().map(Message::id).sorted().toList();
        long highest = ids.get(ids.size() - 1);
        Long oldestLeft = ar.result().getOrDefault(recipient, Map.of()).get(sender);
        long upTo = oldestLeft == null || oldestLeft > highest ? highest : oldestLeft - 1;
        members.hasBlocked(recipient, sender).onSuccess(blocked -> {
          if (!blocked) {
            delivery.delivered(sender, recipient, upTo, ids, at);
          }
        });
      }
    });
  }
}
