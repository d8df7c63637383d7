package dev.pulse.server.chat;

import dev.pulse.server.chat.Standing.State;
import dev.pulse.server.core.DomainException;
import dev.pulse.server.store.ConversationRepository;
import dev.pulse.server.store.Database;
import dev.pulse.server.store.InterestRepository;
import dev.pulse.server.store.MessageRepository;
import io.vertx.core.Future;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Message requests: a first message from someone the recipient never talked to (no earlier
 * message between them, no accepted interest either way) is filed under the recipient's
 * Requests until they accept it, reply (which accepts it), or decline it. A declined request
 * takes no more messages from its sender; the sender is never told "declined" (decision 017).
 *
 * <p>Every message asks {@link #admit} first. Accepted is for good, so accepted pairs are
 * remembered here and most messages (an ongoing conversation) cost no database round trip for
 * it; a pair not remembered (the first message, a request, or after a restart) is decided in one
 * short transaction. Only accepted pairs are remembered: pending and declined ones change on any
 * node, and are read each time. Used on the event loop.
 */
public final class Requests {
  /** Accepted pairs remembered, the most recently used. */
  static final int REMEMBERED_PAIRS = 100_000;

  /** How a message is filed: in the recipient's conversations, or under their Requests. */
  public enum Filing { CONVERSATION, REQUEST }

  private enum Outcome { ACCEPTED, ACCEPTED_NOW, REQUEST }

  private record Decision(Outcome outcome, Standing standing) {}

  private final Database db;
  private final ConversationRepository standings;
  private final InterestRepository interests;
  private final MessageRepository messages;
  private final ChatDelivery delivery;
  private final boolean enabled;
  private final Clock clock;
  private final Map<String, Boolean> accepted = new LinkedHashMap<>(1024, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > REMEMBERED_PAIRS;
    }
  };

  /**
   * @param enabled false when chat already needs an accepted interest ({@code
   *     CHAT_REQUIRES_INTEREST}): then everyone who may write is someone the recipient accepted
   */
  public Requests(Database db, ConversationRepository standings, InterestRepository interests,
      MessageRepository messages, ChatDelivery delivery, boolean enabled, Clock clock) {
    this.db = db;
    this.standings = standings;
    this.interests = interests;
    this.messages = messages;
    this.delivery = delivery;
    this.enabled = enabled;
    this.clock = clock;
  }

  /**
   * Decides how a message from {@code from} to {@code to} is filed, recording a new request or a
   * reply that accepts one; fails with {@code request_closed} when {@code to} declined
   * {@code from}'s request.
   */
  public Future<Filing> admit(String from, String to) {
    String key = Message.pairKey(from, to);
    if (!enabled || accepted.get(key) != null) {
      return Future.succeededFuture(Filing.CONVERSATION);
    }
    Instant now = now();
    return db.tx(c -> decide(c, key, from, to, now)).map(decision -> {
      if (decision.outcome() == Outcome.REQUEST) {
        return Filing.REQUEST;
      }
      accepted.put(key, Boolean.TRUE);
      if (decision.outcome() == Outcome.ACCEPTED_NOW) {
        Standing s = decision.standing();
        delivery.requestAnswered(s.requester(), s.addressee(), State.ACCEPTED, now);
      }
      return Filing.CONVERSATION;
    });
  }

  private Decision decide(Connection c, String key, String from, String to, Instant now) throws SQLException {
    Standing standing = standings.find(c, key, true).orElse(null);
    if (standing == null) {
      boolean known = standings.talkedBefore(c, from, to) || interests.acceptedBetween(c, from, to);
      Standing fresh = new Standing(from, to, known ? State.ACCEPTED : State.PENDING);
      if (standings.insert(c, key, fresh, now)) {
        return new Decision(known ? Outcome.ACCEPTED : Outcome.REQUEST, fresh);
      }
      // the other one wrote first at the same moment
      standing = standings.find(c, key, true).orElseThrow(() -> new SQLException("no standing after a conflict"));
    }
    if (standing.state() == State.ACCEPTED) {
      return new Decision(Outcome.ACCEPTED, standing);
    }
    if (standing.addressee().equals(from) || interests.acceptedBetween(c, from, to)) {
      // a reply accepts the request, as writing back after declining it does; so does an interest
      // accepted since
      standings.setState(c, key, State.ACCEPTED, now);
      return new Decision(Outcome.ACCEPTED_NOW, standing);
    }
    if (standing.state() == State.DECLINED) {
      throw new DomainException(DomainException.Kind.FORBIDDEN, "request_closed", "You can't send " + to
          + " more messages for now. If they write to you, the conversation opens again.");
    }
    return new Decision(Outcome.REQUEST, standing);
  }

  /** {@code me} accepts the request {@code requester} sent them: it becomes a conversation. */
  public Future<Void> accept(String me, String requester) {
    String key = Message.pairKey(me, requester);
    Instant now = now();
    return db.tx(c -> {
      Standing standing = requestTo(c, key, me, requester);
      if (standing.state() == State.ACCEPTED) {
        return false;
      }
      standings.setState(c, key, State.ACCEPTED, now);
      return true;
    }).map(changed -> {
      accepted.put(key, Boolean.TRUE);
      if (changed) {
        delivery.requestAnswered(requester, me, State.ACCEPTED, now);
      }
      return null;
    });
  }

  /**
   * {@code me} declines the request {@code requester} sent them: it leaves their lists, and
   * {@code requester} cannot send more (until {@code me} writes to them). Messages of it no
   * client of {@code me} confirmed yet are marked delivered: {@code me} has seen the request,
   * and they must not wait in every later catch-up.
   */
  public Future<Void> decline(String me, String requester) {
    String key = Message.pairKey(me, requester);
    Instant now = now();
    return db.tx(c -> {
      Standing standing = requestTo(c, key, me, requester);
      if (standing.state() == State.ACCEPTED) {
        throw DomainException.conflict("You already accepted " + requester + "'s message request");
      }
      if (standing.state() == State.DECLINED) {
        return false;
      }
      standings.setState(c, key, State.DECLINED, now);
      messages.markDeliveredFrom(c, me, requester, now);
      return true;
    }).map(changed -> {
      if (changed) {
        delivery.requestAnswered(requester, me, State.DECLINED, now);
      }
      return null;
    });
  }

  private Standing requestTo(Connection c, String key, String me, String requester) throws SQLException {
    Standing standing = standings.find(c, key, true).orElse(null);
    if (standing == null || !standing.addressee().equals(me)) {
      throw DomainException.notFound(requester + " has not sent you a message request");
    }
    return standing;
  }

  /** Forgets the accepted pairs of a deleted account: a new account of that name starts afresh. */
  public void forget(String username) {
    accepted.keySet().removeIf(key -> {
      int colon = key.indexOf(':');
      return key.substring(0, colon).equals(username) || key.substring(colon + 1).equals(username);
    });
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
