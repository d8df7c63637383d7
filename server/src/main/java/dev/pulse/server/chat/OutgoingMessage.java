package dev.pulse.server.chat;

import java.time.Instant;

/**
 * A message accepted for storage; it becomes a {@link Message} once committed. {@code reply} and
 * {@code photo} are null for a plain text.
 */
public record OutgoingMessage(String from, String to, String body, String clientId, Instant timestamp, Quote reply,
    ChatPhoto photo) {

  public OutgoingMessage(String from, String to, String body, String clientId, Instant timestamp) {
    this(from, to, body, clientId, timestamp, null, null);
  }
}
