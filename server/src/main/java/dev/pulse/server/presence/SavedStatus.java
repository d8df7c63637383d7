package dev.pulse.server.presence;

import java.time.Instant;

/**
 * What is stored about a user's presence between connections: the status they chose (online,
 * away or busy; online when they never chose), its text, and when they were last seen.
 */
public record SavedStatus(Status chosen, String text, Instant lastSeen) {
  public static final SavedStatus NEVER_SEEN = new SavedStatus(Status.ONLINE, null, null);

  /** From the stored strings; an unknown or missing status is online. */
  public static SavedStatus of(String status, String text, Instant lastSeen) {
    Status chosen = Status.chosen(status);
    return new SavedStatus(chosen == null ? Status.ONLINE : chosen, text, lastSeen);
  }
}
