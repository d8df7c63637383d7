package dev.pulse.server.chat;

import java.time.Instant;

/** A message accepted for storage; it becomes a {@link Message} once committed. */
public record OutgoingMessage(String from, String to, String body, String clientId, Instant timestamp) {}
