package dev.pulse.server.members;

import dev.pulse.server.presence.SavedStatus;
import java.util.Set;

/**
 * A member as the real-time paths need them: their name, the users they have blocked, the users
 * who blocked them (whose online presence they must not be able to count), and their stored presence (chosen status, its text, last seen). {@link Members} keeps one such object per
 * loaded member and changes it in place, on the event loop, when they block or unblock someone
 * or their stored presence changes, so whoever holds it sees the change at once.
 */
public final class Member {
  private final String username;
  private final Set<String> blocked;
  private final Set<String> blockedBy;
  private SavedStatus saved;

  Member(String username, Set<String> blocked, Set<String> blockedBy, SavedStatus saved) {
    this.username = username;
    this.blocked = blocked;
    this.blockedBy = blockedBy;
    this.saved = saved;
  }

  public String username() {
    return username;
  }

  /** The users this member blocked; live (see the class comment). */
  public Set<String> blocked() {
    return blocked;
  }

  /** The users who blocked this member; live (see the class comment). */
  public Set<String> blockedBy() {
    return blockedBy;
  }

  public boolean hasBlocked(String other) {
    return blocked.contains(other);
  }

  public SavedStatus saved() {
    return saved;
  }

  void saved(SavedStatus saved) {
    this.saved = saved;
  }
}
