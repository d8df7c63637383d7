package dev.pulse.server.interests;

import dev.pulse.server.core.DomainException;
import dev.pulse.server.interests.Interest.Status;
import dev.pulse.server.members.Members;
import dev.pulse.server.profiles.Avatars;
import dev.pulse.server.profiles.Profile;
import dev.pulse.server.store.Database;
import dev.pulse.server.store.InterestRepository;
import dev.pulse.server.store.ProfileRepository;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Interests (send, accept, decline, withdraw) and shortlists, each change told to the people it
 * concerns as it happens; and whether two people may chat when chat needs an accepted interest.
 */
public final class InterestService {
  /** The views of a member's interests. */
  public enum Box { RECEIVED, SENT, ACCEPTED }

  private final Database db;
  private final InterestRepository interests;
  private final ProfileRepository profiles;
  private final Members members;
  private final InterestDelivery delivery;
  private final boolean chatRequiresInterest;
  private final Clock clock;

  public InterestService(Database db, InterestRepository interests, ProfileRepository profiles, Members members,
      InterestDelivery delivery, boolean chatRequiresInterest, Clock clock) {
    this.db = db;
    this.interests = interests;
    this.profiles = profiles;
    this.members = members;
    this.delivery = delivery;
    this.chatRequiresInterest = chatRequiresInterest;
    this.clock = clock;
  }

  /**
   * {@code from} sends {@code to} an interest. When {@code to} had already sent one to
   * {@code from}, that one is accepted instead: both are interested.
   */
  public Future<JsonObject> send(String from, String to) {
    if (from.equals(to)) {
      return Future.failedFuture(DomainException.invalid("You cannot send an interest to yourself"));
    }
    return members.require(to).compose(recipient -> {
      if (recipient.hasBlocked(from)) {
        return Future.failedFuture(DomainException.forbidden("You cannot send an interest to " + to));
      }
      return db.tx(c -> {
        Instant now = now();
        if (interests.find(c, from, to).isPresent()) {
          throw DomainException.conflict("You already sent " + to + " an interest");
        }
        Interest theirs = interests.find(c, to, from).orElse(null);
        if (theirs != null && theirs.status() == Status.PENDING) {
          interests.setStatus(c, to, from, Status.ACCEPTED, now);
          return new Interest(to, from, Status.ACCEPTED, theirs.createdAt(), now);
        }
        Interest sent = new Interest(from, to, Status.PENDING, now, now);
        interests.insert(c, sent);
        return sent;
      });
    }).map(i -> told(i, from));
  }

  /** {@code me} accepts the interest {@code from} sent them. */
  public Future<JsonObject> accept(String me, String from) {
    return answer(me, from, Status.ACCEPTED);
  }

  /** {@code me} declines the interest {@code from} sent them. */
  public Future<JsonObject> decline(String me, String from) {
    return answer(me, from, Status.DECLINED);
  }

  private Future<JsonObject> answer(String me, String from, Status status) {
    return db.tx(c -> {
      Interest i = interests.find(c, from, me)
          .orElseThrow(() -> DomainException.notFound(from + " has not sent you an interest"));
      if (i.status() == status) {
        return i;
      }
      Instant now = now();
      interests.setStatus(c, from, me, status, now);
      return new Interest(from, me, status, i.createdAt(), now);
    }).map(i -> told(i, me));
  }

  /** {@code me} takes back the interest they sent {@code to}. */
  public Future<Void> withdraw(String me, String to) {
    return db.tx(c -> {
      if (!interests.delete(c, me, to)) {
        throw DomainException.notFound("You have not sent " + to + " an interest");
      }
      return null;
    }).onSuccess(v -> delivery.interestChanged(me, to, "withdrawn", me, now())).mapEmpty();
  }

  /** One view of {@code me}'s interests, each with the other person's card. */
  public Future<JsonObject> list(String me, Box box) {
    return db.read(c -> {
      List<Interest> found = switch (box) {
        case RECEIVED -> interests.received(c, me);
        case SENT -> interests.sent(c, me);
        case ACCEPTED -> interests.accepted(c, me);
      };
      Map<String, ProfileRepository.Row> cards = profiles.findAll(c,
          found.stream().map(i -> i.from().equals(me) ? i.to() : i.from()).toList());
      JsonArray items = new JsonArray();
      for (Interest i : found) {
        String other = i.from().equals(me) ? i.to() : i.from();
        ProfileRepository.Row row = cards.get(other);
        if (row != null) {
          items.add(i.toJson().put("with", card(row.profile())));
        }
      }
      return new JsonObject().put("items", items);
    });
  }

  /** Where {@code me} and {@code other} stand: the interest each sent (or null) and the shortlist. */
  public Future<JsonObject> between(String me, String other) {
    return db.read(c -> new JsonObject()
        .put("sent", interests.find(c, me, other).map(Interest::toJson).orElse(null))
        .put("received", interests.find(c, other, me).map(Interest::toJson).orElse(null))
        .put("shortlisted", interests.isShortlisted(c, me, other)));
  }

  public Future<Void> shortlist(String owner, String member) {
    if (owner.equals(member)) {
      return Future.failedFuture(DomainException.invalid("You cannot shortlist yourself"));
    }
    return members.require(member)
        .compose(m -> db.run(c -> interests.shortlist(c, owner, member, now())))
        .onSuccess(added -> delivery.shortlistChanged(owner, member, true)).mapEmpty();
  }

  public Future<Void> unshortlist(String owner, String member) {
    return db.run(c -> interests.unshortlist(c, owner, member))
        .onSuccess(removed -> delivery.shortlistChanged(owner, member, false)).mapEmpty();
  }

  /** {@code owner}'s shortlist as cards, most recently added first. */
  public Future<JsonObject> shortlisted(String owner) {
    return db.read(c -> {
      List<String> names = interests.shortlisted(c, owner);
      return new JsonObject().put("items", cards(c, names));
    });
  }

  /**
   * Whether {@code from} may message {@code to}: always, unless chat requires an accepted
   * interest ({@code CHAT_REQUIRES_INTEREST}), then only once one of them accepted the other's.
   */
  public Future<Void> checkChatAllowed(String from, String to) {
    if (!chatRequiresInterest) {
      return Future.succeededFuture();
    }
    return db.read(c -> interests.acceptedBetween(c, from, to)).compose(ok -> ok
        ? Future.succeededFuture()
        : Future.failedFuture(new DomainException(DomainException.Kind.FORBIDDEN, "interest_required",
            "You can message " + to + " once one of you has accepted the other's interest")));
  }

  private JsonObject told(Interest i, String by) {
    delivery.interestChanged(i.from(), i.to(), i.status().wire(), by, i.updatedAt());
    return i.toJson();
  }

  private JsonArray cards(Connection c, Collection<String> names) throws SQLException {
    Map<String, ProfileRepository.Row> rows = profiles.findAll(c, names);
    JsonArray items = new JsonArray();
    names.forEach(n -> {
      ProfileRepository.Row row = rows.get(n);
      if (row != null) {
        items.add(card(row.profile()));
      }
    });
    return items;
  }

  private JsonObject card(Profile p) {
    return new JsonObject().put("username", p.username()).put("displayName", p.displayName())
        .put("age", p.ageOn(LocalDate.now(clock))).put("city", p.city()).put("occupation", p.occupation())
        .put("avatarUrl", Avatars.urlOf(p));
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
