package dev.pulse.server.chat;

import java.time.Instant;

/**
 * A message accepted for storage. {@code deliveredAt} is set when the recipient had an open
 * connection when it was accepted (it is pushed to them right after the commit).
 */
public record OutgoingMessage(String from, String to, String body, String clientId, Instant timestamp,
    Instant deliveredAt) {}
