package dev.pulse.server.presence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The presence state machine of one node, as plain data: for each user with a connection here,
 * how many sockets, since when none (the grace period), the chosen status, and whether they have
 * gone idle. It has no clock, timers or I/O: callers pass the time, start the grace timer when
 * {@link #disconnected} says so, and tell others about the {@link PresenceChange}s returned.
 *
 * <p>A user changes state for others only on their first connection ({@link PresenceChange.Online})
 * and once their last one has stayed closed for the grace period ({@link PresenceChange.Offline});
 * in between, further tabs and reloads change nothing anyone sees. An online user who chose
 * "online" turns away after a stretch without activity and back on any activity; a chosen away
 * or busy stays until changed. Not thread-safe: one event loop owns it.
 */
public final class PresenceState {

  private static final class Entry {
    final String username;
    final Set<String> hiddenFrom;
    int sockets;
    Instant closedAt; // non-null while the user has no socket (in the grace period)
    Status chosen;
    String text;
    Instant lastSeen;
    long lastActivity;
    boolean idle;
    boolean inCall;

    Entry(String username, Set<String> hiddenFrom) {
      this.username = username;
      this.hiddenFrom = hiddenFrom;
    }

    Status effective() {
      if (inCall) {
        return Status.BUSY;
      }
      return chosen == Status.ONLINE && idle ? Status.AWAY : chosen;
    }

    PresenceView view() {
      return new PresenceView(username, effective(), inCall ? IN_CALL : text, lastSeen);
    }
  }

  /** The status text of a user in a call (who shows as busy meanwhile, whatever they chose). */
  public static final String IN_CALL = "In a call";

  private final Map<String, Entry> users = new HashMap<>();

  /**
   * A connection of {@code username} opened at {@code now}. {@code saved} is their stored status
   * and {@code hiddenFrom} the live set of users they blocked (used when they are new here).
   * Returns {@link PresenceChange.Online} for a first connection, null otherwise (another tab, or
   * back within the grace period).
   */
  public PresenceChange connected(String username, Set<String> hiddenFrom, SavedStatus saved, long now) {
    Entry e = users.get(username);
    if (e != null) {
      e.sockets++;
      e.closedAt = null;
      return touch(e, now);
    }
    e = new Entry(username, hiddenFrom);
    e.sockets = 1;
    e.chosen = saved.chosen();
    e.text = saved.chosen() == Status.ONLINE ? null : saved.text();
    e.lastSeen = saved.lastSeen();
    e.lastActivity = now;
    users.put(username, e);
    return new PresenceChange.Online(e.view(), hiddenFrom);
  }

  /**
   * A connection of {@code username} closed at {@code now}. Returns true when it was their last:
   * the grace period starts, and {@link #graceOver} with the same instant ends it.
   */
  public boolean disconnected(String username, Instant now) {
    Entry e = users.get(username);
    if (e == null || e.sockets == 0) {
      return false;
    }
    e.sockets--;
    if (e.sockets > 0) {
      return false;
    }
    e.closedAt = now;
    return true;
  }

  /**
   * The instant the user's last connection closed, while they still have none (in the grace
   * period); null when they have a connection or are not here.
   */
  public Instant closedAt(String username) {
    Entry e = users.get(username);
    return e == null ? null : e.closedAt;
  }

  /**
   * The grace period that began at {@code closedAt} is over (and that instant is stored as last
   * seen). Returns {@link PresenceChange.Offline} and forgets the user, or null when they came
   * back, or closed again later and are in a newer grace period.
   */
  public PresenceChange graceOver(String username, Instant closedAt) {
    Entry e = users.get(username);
    if (e == null || e.sockets > 0 || !closedAt.equals(e.closedAt)) {
      return null;
    }
    users.remove(username);
    return new PresenceChange.Offline(username, closedAt, e.hiddenFrom);
  }

  /** The user did something at {@code now}: an idle user is back (the change), else null. */
  public PresenceChange activity(String username, long now) {
    Entry e = users.get(username);
    return e == null ? null : touch(e, now);
  }

  private static PresenceChange touch(Entry e, long now) {
    e.lastActivity = now;
    if (!e.idle) {
      return null;
    }
    e.idle = false;
    return new PresenceChange.StatusChanged(e.view(), e.hiddenFrom);
  }

  /**
   * The user chose a status (the text goes with away and busy only). Returns the change for
   * others when they are here, else null (it is only stored).
   */
  public PresenceChange choose(String username, Status status, String text, long now) {
    Entry e = users.get(username);
    if (e == null) {
      return null;
    }
    e.chosen = status;
    e.text = status == Status.ONLINE ? null : text;
    e.idle = false;
    e.lastActivity = now;
    return new PresenceChange.StatusChanged(e.view(), e.hiddenFrom);
  }

  /**
   * The user is in a call now, or not any more: meanwhile others see them busy, "In a call", and
   * their chosen status again after it. Returns the change when they are here and it is one.
   */
  public PresenceChange inCall(String username, boolean inCall) {
    Entry e = users.get(username);
    if (e == null || e.inCall == inCall) {
      return null;
    }
    e.inCall = inCall;
    return new PresenceChange.StatusChanged(e.view(), e.hiddenFrom);
  }

  /** Users who chose "online", have a socket and did nothing since {@code cutoff} turn away. */
  public List<PresenceChange> idleSince(long cutoff) {
    List<PresenceChange> changes = new ArrayList<>();
    for (Entry e : users.values()) {
      if (!e.idle && e.sockets > 0 && e.chosen == Status.ONLINE && e.lastActivity <= cutoff) {
        e.idle = true;
        changes.add(new PresenceChange.StatusChanged(e.view(), e.hiddenFrom));
      }
    }
    return changes;
  }

  /** The user's presence if here (in the grace period included), else null. */
  public PresenceView view(String username) {
    Entry e = users.get(username);
    return e == null ? null : e.view();
  }

  /** Open sockets of the user here (0 in the grace period or when not here). */
  public int sockets(String username) {
    Entry e = users.get(username);
    return e == null ? 0 : e.sockets;
  }

  /** Users here, those in the grace period included. */
  public int count() {
    return users.size();
  }

  public List<PresenceView> views() {
    List<PresenceView> views = new ArrayList<>(users.size());
    users.values().forEach(e -> views.add(e.view()));
    return views;
  }
}
