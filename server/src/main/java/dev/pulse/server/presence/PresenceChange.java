package dev.pulse.server.presence;

import java.time.Instant;
import java.util.Set;

/**
 * Something others may see about a user's presence. {@code hiddenFrom} is the live set of users
 * the subject has blocked: they are never told.
 */
public sealed interface PresenceChange {
  String username();

  Set<String> hiddenFrom();

  /** The user's first connection opened. */
  record Online(PresenceView view, Set<String> hiddenFrom) implements PresenceChange {
    @Override
    public String username() {
      return view.username();
    }
  }

  /** The user's last connection closed a grace period ago; {@code lastSeen} is when. */
  record Offline(String username, Instant lastSeen, Set<String> hiddenFrom) implements PresenceChange {}

  /** An online user's status changed: away after inactivity, back, or chosen. */
  record StatusChanged(PresenceView view, Set<String> hiddenFrom) implements PresenceChange {
    @Override
    public String username() {
      return view.username();
    }
  }
}
