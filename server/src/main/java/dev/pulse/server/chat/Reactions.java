package dev.pulse.server.chat;

import dev.pulse.server.core.DomainException;
import dev.pulse.server.members.Members;
import dev.pulse.server.store.Database;
import dev.pulse.server.store.MessageRepository;
import dev.pulse.server.store.ReactionRepository;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.temporal.ChronoUnit;

/**
 * Reactions to messages: each of the conversation's two members may put one of
 * {@link Reaction#EMOJI} on any of its messages; a new one replaces theirs, the same one again
 * (or none) removes it. Stored, then told to both members' connections. Nobody reacts across a
 * block, whichever way it goes. Used on the event loop.
 */
public final class Reactions {

  /** A member's reaction to a message as it now is ({@code emoji} null: none). */
  public record Change(long messageId, String by, String emoji) {
    /** The {@code message_reaction} event, and the ack's fields. */
    public JsonObject toJson() {
      return new JsonObject().put("messageId", messageId).put("by", by).put("emoji", emoji);
    }
  }

  private record Outcome(String emoji, boolean changed) {}

  private final Database db;
  private final MessageRepository messages;
  private final ReactionRepository reactions;
  private final Members members;
  private final ChatDelivery delivery;
  private final Clock clock;

  public Reactions(Database db, MessageRepository messages, ReactionRepository reactions, Members members,
      ChatDelivery delivery, Clock clock) {
    this.db = db;
    this.messages = messages;
    this.reactions = reactions;
    this.members = members;
    this.delivery = delivery;
    this.clock = clock;
  }

  /** {@code user} reacts with {@code emoji} (null: takes theirs back) to message {@code messageId}. */
  public Future<Change> react(String user, long messageId, String emoji) {
    if (emoji != null && !Reaction.EMOJI.contains(emoji)) {
      return Future.failedFuture(DomainException.invalid(
          "'emoji' must be one of " + String.join(" ", Reaction.EMOJI) + ", or null to take yours back"));
    }
    return db.read(c -> messages.find(c, messageId)).compose(found -> {
      // a message of someone else's conversation is answered as one that does not exist
      Message m = found.filter(x -> x.from().equals(user) || x.to().equals(user))
          .orElseThrow(() -> DomainException.notFound("No message " + messageId + " in your conversations"));
      String other = m.from().equals(user) ? m.to() : m.from();
      return blockedEitherWay(user, other)
          .compose(blocked -> {
            if (blocked) {
              throw DomainException.forbidden("You cannot react to messages with " + other);
            }
            return db.tx(c -> {
              String current = reactions.find(c, messageId, user);
              String next = emoji == null || emoji.equals(current) ? null : emoji;
              if (next == null) {
                return new Outcome(null, reactions.remove(c, messageId, user));
              }
              reactions.set(c, messageId, user, next, clock.instant().truncatedTo(ChronoUnit.MILLIS));
              return new Outcome(next, true);
            });
          })
          .map(outcome -> {
            Change change = new Change(messageId, user, outcome.emoji());
            if (outcome.changed()) {
              delivery.reaction(m.from(), m.to(), change);
            }
            return change;
          });
    });
  }

  private Future<Boolean> blockedEitherWay(String a, String b) {
    return members.hasBlocked(a, b).compose(yes -> yes ? Future.succeededFuture(true) : members.hasBlocked(b, a));
  }
}
