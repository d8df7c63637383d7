package dev.pulse.server.chat;

import dev.pulse.server.core.DomainException;
import dev.pulse.server.metrics.PulseMetrics;
import dev.pulse.server.presence.PresenceService;
import dev.pulse.server.store.Database;
import dev.pulse.server.store.MessageRepository;
import dev.pulse.server.store.MessageRepository.Stored;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sending: a message that passes the {@link MessageRules} and is admitted by {@link Requests} is
 * stored (durably, before anyone is told), then delivered to both users' connections; and typing
 * signals. The same for the socket and REST. Used on the event loop.
 */
public final class ChatService {
  private static final Logger log = LoggerFactory.getLogger(ChatService.class);

  /**
   * The result of a send: the stored message and whether it was a repeat. Delivery and reading
   * are what the server recorded, never a guess: a new message is only sent (its recipient's
   * client confirms it later, and the sender hears {@code message_delivered}); a repeat tells what
   * has been recorded of the first one since. {@code request}: the recipient files it under their
   * message Requests (they have not accepted the sender's first message yet).
   */
  public record Sent(Message message, boolean duplicate, boolean request) {
    /**
     * The ack's fields: {@code {id, timestamp, status, delivered, deliveredAt, readAt, duplicate,
     * request}}, and {@code replyTo} and {@code photo} when the message has them.
     */
    public JsonObject toAck() {
      JsonObject ack = new JsonObject();
      if (message.reply() != null) {
        ack.put("replyTo", message.reply().toJson());
      }
      if (message.photo() != null) {
        ack.put("photo", message.photo().toJson());
      }
      return ack.put("id", message.id())
          .put("timestamp", message.timestamp().toString())
          .put("status", message.status())
          .put("delivered", message.deliveredAt() != null)
          .put("deliveredAt", message.deliveredAt() == null ? null : message.deliveredAt().toString())
          .put("readAt", message.readAt() == null ? null : message.readAt().toString())
          .put("duplicate", duplicate)
          .put("request", request);
    }
  }

  private final MessageRules rules;
  private final Attachments attachments;
  private final Requests requests;
  private final MessageWriter writer;
  private final ChatDelivery delivery;
  private final DeliveryReceipts receipts;
  private final PresenceService presence;
  private final PulseMetrics metrics;
  private final Clock clock;
  // recipient -> sends to them on their way to the database or out to connections
  private final Map<String, List<Future<Sent>>> sending = new HashMap<>();
  // sender and recipient -> completes once the pair's latest send is with the writer (or failed)
  private final Map<String, Future<Void>> lastOfPair = new HashMap<>();

  public ChatService(MessageRules rules, Requests requests, Database db, MessageRepository messages,
      ChatPhotos photos, MessageWriter writer, ChatDelivery delivery, DeliveryReceipts receipts,
      PresenceService presence, PulseMetrics metrics, Clock clock) {
    this.rules = rules;
    this.requests = requests;
    this.attachments = new Attachments(db, messages, photos);
    this.writer = writer;
    this.delivery = delivery;
    this.receipts = receipts;
    this.presence = presence;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** The longest message {@link MessageRules} lets through, for clients to show before sending. */
  public int messageMaxLength() {
    return rules.maxLength();
  }

  /**
   * Stores a message from {@code from} and delivers it to the recipient's connections and the
   * sender's others ({@code origin}, the sending connection, is left out; null for REST).
   */
  public Future<Sent> send(String from, MessageRequest request, String origin) {
    long arrived = System.nanoTime();
    try {
      rules.check(from, request);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    // The checks before storing may read the database, and reads finish in any order: each send
    // of a pair is handed to the writer after the one before it, so that ids and delivery keep
    // the order the messages were written in. The checks themselves run side by side, and the
    // writer's bound still refuses at once what it cannot take.
    String pair = from + '\u0000' + request.to();
    Future<Void> previous = lastOfPair.get(pair);
    Promise<Void> handedOver = Promise.promise();
    lastOfPair.put(pair, handedOver.future());
    handedOver.future().onComplete(v -> lastOfPair.remove(pair, handedOver.future()));
    Future<Checked> checked = check(from, request);
    Future<Checked> inTurn = previous == null ? checked : previous.transform(v -> checked);
    Future<Sent> sent = inTurn.compose(c -> {
      Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
      String body = request.body() == null ? "" : request.body();
      Future<Stored> stored = writer.store(new OutgoingMessage(from, request.to(), body, request.clientId(), now,
          c.extras().reply(), c.extras().photo()));
      handedOver.tryComplete();
      return stored.map(s -> {
        if (s.duplicate() && !s.message().to().equals(request.to())) {
          // a retry names the same recipient; another one means the client reused an id by mistake
          throw new DomainException(DomainException.Kind.CONFLICT, "client_id_reused", "The clientId '"
              + request.clientId() + "' was already used for a message to someone else; use a new one");
        }
        return publish(s, c.filing() == Requests.Filing.REQUEST, origin, arrived);
      });
    });
    sent.onComplete(ar -> handedOver.tryComplete());
    track(request.to(), sent);
    return sent;
  }

  /** What the checks before storing found: how the message is filed, and what it carries. */
  private record Checked(Requests.Filing filing, Attachments.Resolved extras) {}

  private Future<Checked> check(String from, MessageRequest request) {
    return rules.reachable(from, request.to())
        .compose(recipient -> requests.admit(from, request.to()))
        .compose(filing -> attachments.resolve(from, request).map(extras -> new Checked(filing, extras)));
  }

  private void track(String recipient, Future<Sent> sent) {
    List<Future<Sent>> list = sending.computeIfAbsent(recipient, r -> new ArrayList<>(2));
    list.add(sent);
    sent.onComplete(ar -> {
      if (list.remove(sent) && list.isEmpty()) {
        sending.remove(recipient, list);
      }
    });
  }

  /**
   * Completes once every message to {@code recipient} sent on this node before now has been
   * stored and delivered (or has failed). A connection's catch-up, read meanwhile, may hold some
   * of them: waiting lets the live deliveries happen first, so the catch-up can leave them out.
   */
  public Future<Void> settled(String recipient) {
    List<Future<Sent>> list = sending.get(recipient);
    if (list == null) {
      return Future.succeededFuture();
    }
    return Future.join(List.copyOf(list)).<Void>mapEmpty().recover(err -> Future.succeededFuture());
  }

  private Sent publish(Stored stored, boolean asRequest, String origin, long arrived) {
    Message m = stored.message();
    if (stored.duplicate()) {
      return new Sent(m, true, asRequest);
    }
    metrics.messageSent();
    boolean reachable = presence.connectedHere(m.to());
    delivery.message(m, asRequest, origin, () -> receipts.confirm(m));
    if (reachable) {
      metrics.messagePushed(System.nanoTime() - arrived);
      log.info("message {} {} -> {} sent", m.id(), m.from(), m.to());
    } else {
      // in a cluster the recipient may be on another node, which pushes it: only this node is known
      log.info("message {} {} -> {} stored ({} has no connection on this node)", m.id(), m.from(), m.to(), m.to());
    }
    return new Sent(m, false, asRequest);
  }

  /**
   * Delivers a message that was stored another way (a call's entry in the conversation) as a sent
   * one is: to every connection of both users, counted delivered when the recipient confirms it.
   */
  public void announce(Message m) {
    delivery.message(m, false, null, () -> receipts.confirm(m));
  }

  /** A connection of {@code m}'s recipient confirmed receiving it (live or on catching up). */
  public void confirmed(Message m) {
    receipts.confirm(m);
  }

  /** Relays a typing signal to {@code to}'s connections, unless {@code to} blocked the sender. */
  public Future<Void> typing(String from, String to, boolean isTyping) {
    return rules.reachable(from, to).map(recipient -> {
      delivery.typing(from, to, isTyping);
      return null;
    });
  }
}
