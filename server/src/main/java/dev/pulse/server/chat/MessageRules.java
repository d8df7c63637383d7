package dev.pulse.server.chat;

import dev.pulse.server.core.DomainException;
import dev.pulse.server.interests.InterestService;
import dev.pulse.server.members.Member;
import dev.pulse.server.members.Members;
import io.vertx.core.Future;

/**
 * Who may send what to whom, for every way of sending: a message has a recipient other than the
 * sender, a text (or a photo) within {@code MESSAGE_MAX_LENGTH}, a sensible clientId; and nobody reaches a user
 * who blocked them (messages and typing alike).
 */
public final class MessageRules {
  private final Members members;
  private final InterestService interests;
  private final int maxLength;

  public MessageRules(Members members, InterestService interests, int maxLength) {
    this.members = members;
    this.interests = interests;
    this.maxLength = maxLength;
  }

  /** The longest message text, in UTF-16 code units (Java's and JavaScript's string length). */
  public int maxLength() {
    return maxLength;
  }

  /** Throws {@code bad_request} / {@code message_too_long} for a message that cannot be sent. */
  public void check(String from, MessageRequest m) {
    if (m.to().equals(from)) {
      throw DomainException.invalid("You cannot message yourself");
    }
    String body = m.body() == null ? "" : m.body();
    if (body.isBlank() && m.photoId() == null) {
      throw DomainException.invalid("'message' must not be empty");
    }
    if (body.length() > maxLength) {
      throw new DomainException(DomainException.Kind.INVALID, "message_too_long",
          "A message can be at most " + maxLength + " characters; this one has " + body.length());
    }
  }

  /**
   * The member {@code to}, when {@code from} may reach them: {@code not_found} for an unknown
   * user, {@code forbidden} when they blocked {@code from}, {@code interest_required} when chat
   * needs an accepted interest and there is none between them.
   */
  public Future<Member> reachable(String from, String to) {
    if (to == null || to.isBlank() || to.equals(from)) {
      return Future.failedFuture(DomainException.invalid("'to' must name another user"));
    }
    return members.require(to).compose(recipient -> recipient.hasBlocked(from)
        ? Future.failedFuture(DomainException.forbidden("You cannot message " + to))
        : interests.checkChatAllowed(from, to).map(recipient));
  }
}
