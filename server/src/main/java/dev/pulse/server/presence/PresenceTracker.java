package dev.pulse.server.presence;

import dev.pulse.server.config.Config;
import dev.pulse.server.metrics.PulseMetrics;
import dev.pulse.server.profiles.Members;
import dev.pulse.server.profiles.Members.Member;
import dev.pulse.server.store.Database;
import dev.pulse.server.store.UserRepository;
import dev.pulse.server.store.UserRepository.StoredPresence;
import dev.pulse.socketio.BroadcastOperator;
import dev.pulse.socketio.Namespace;
import dev.pulse.socketio.Socket;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who is online on this node. A user changes state only when their first connection opens
 * ({@code user_online}) and when their last one has been closed for the grace period
 * ({@code user_offline}): more tabs, or a reload within the grace period, change nothing others
 * see. Users who blocked someone are never announced to them. Used on the event loop only.
 */
public final class PresenceTracker {
  private static final Logger log = LoggerFactory.getLogger(PresenceTracker.class);

  /** The room every connection of a user joins. */
  public static String room(String username) {
    return "user:" + username;
  }

  private static final class Entry {
    final Member member;
    int sockets;
    long graceTimer = -1;
    Instant closedAt;
    Status chosen;
    String statusText;
    Instant lastSeen;
    long lastActivity;
    boolean idle;

    Entry(Member member) {
      this.member = member;
    }
  }

  private final Vertx vertx;
  private final Namespace namespace;
  private final Config.Presence config;
  private final Database db;
  private final UserRepository users;
  private final Members members;
  private final PulseMetrics metrics;
  private final Clock clock;
  private final OnlineCountBroadcaster counts;
  private final Map<String, Entry> online = new HashMap<>();
  private final List<Consumer<String>> offlineListeners = new ArrayList<>();
  private long sweeper = -1;

  public PresenceTracker(Vertx vertx, Namespace namespace, Config.Presence config, Database db,
      UserRepository users, Members members, PulseMetrics metrics, Clock clock) {
    this.members = members;
    this.vertx = vertx;
    this.namespace = namespace;
    this.config = config;
    this.db = db;
    this.users = users;
    this.metrics = metrics;
    this.clock = clock;
    this.counts = new OnlineCountBroadcaster(vertx, namespace, online::size, config.countInterval().toMillis());
  }

  /** Starts the inactivity sweep that turns idle users away. Call on the event loop. */
  public void start() {
    long every = Math.max(100, Math.min(config.awayAfter().toMillis() / 5, 30_000));
    sweeper = vertx.setPeriodic(every, id -> sweepIdle());
  }

  public void stop() {
    if (sweeper >= 0) {
      vertx.cancelTimer(sweeper);
    }
    online.values().forEach(e -> {
      if (e.graceTimer >= 0) {
        vertx.cancelTimer(e.graceTimer);
      }
    });
  }

  /** Runs {@code listener} with the username whenever a user goes offline. */
  public void onOffline(Consumer<String> listener) {
    offlineListeners.add(listener);
  }

  /** A connection of {@code member} opened; {@code stored} is their status from the database. */
  public void arrived(Member member, StoredPresence stored, Socket socket) {
    String username = member.username();
    Entry e = online.get(username);
    if (e == null) {
      e = new Entry(member);
      Status chosen = Status.chosen(stored.status());
      e.chosen = chosen == null ? Status.ONLINE : chosen;
      e.statusText = stored.statusText();
      e.lastSeen = stored.lastSeen();
      e.lastActivity = clock.millis();
      e.sockets = 1;
      online.put(username, e);
      members.pin(member);
      metrics.usersOnline(online.size());
      log.info("user {} online (1 socket)", username);
      // not to the user's own socket: it knows, and a burst of arrivals is all the fan-out there is
      visibleTo(e).except(room(username)).emit("user_online", new JsonObject().put("username", username)
          .put("status", effective(e).wire()).put("statusText", e.statusText));
      counts.changed();
    } else {
      if (e.graceTimer >= 0) {
        vertx.cancelTimer(e.graceTimer);
        e.graceTimer = -1;
      }
      e.sockets++;
      log.info("user {} online ({} sockets)", username, e.sockets);
      touch(e);
    }
    counts.welcome(socket);
  }

  /** A connection of {@code username} closed. */
  public void left(String username) {
    Entry e = online.get(username);
    if (e == null || e.sockets == 0) {
      return;
    }
    e.sockets--;
    if (e.sockets > 0) {
      log.debug("user {} still online ({} sockets)", username, e.sockets);
      return;
    }
    e.closedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    long grace = config.offlineGrace().toMillis();
    if (grace <= 0) {
      wentOffline(username);
    } else {
      e.graceTimer = vertx.setTimer(grace, id -> wentOffline(username));
    }
  }

  private void wentOffline(String username) {
    Entry e = online.get(username);
    if (e == null || e.sockets > 0) {
      return;
    }
    Instant lastSeen = e.closedAt;
    // stored before it is announced, so that whoever hears of it can read the same last seen
    db.run(c -> {
      users.setLastSeen(c, username, lastSeen);
      return null;
    }).onFailure(err -> log.warn("could not store last seen of {}: {}", username, err.toString()))
        .onComplete(ar -> announceOffline(username, e, lastSeen));
  }

  private void announceOffline(String username, Entry e, Instant lastSeen) {
    if (online.get(username) != e || e.sockets > 0 || !lastSeen.equals(e.closedAt)) {
      return; // back while storing, or closed again and in a new grace period
    }
    online.remove(username);
    members.unpin(username);
    metrics.usersOnline(online.size());
    log.info("user {} offline", username);
    visibleTo(e).emit("user_offline",
        new JsonObject().put("username", username).put("lastSeen", lastSeen.toString()));
    counts.changed();
    offlineListeners.forEach(l -> l.accept(username));
  }

  /** The user did something: an idle ("away") user is back online. */
  public void activity(String username) {
    Entry e = online.get(username);
    if (e != null) {
      touch(e);
    }
  }

  private void touch(Entry e) {
    e.lastActivity = clock.millis();
    if (e.idle) {
      e.idle = false;
      announceStatus(e);
    }
  }

  /** Stores and announces a status the user chose. */
  public Future<PresenceView> choose(String username, Status status, String text) {
    String storedText = status == Status.ONLINE ? null : text;
    return db.run(c -> {
      users.setStatus(c, username, status.wire(), storedText);
      return null;
    }).map(v -> {
      Entry e = online.get(username);
      if (e == null) {
        return new PresenceView(username, Status.OFFLINE, null, null);
      }
      e.chosen = status;
      e.statusText = storedText;
      e.idle = false;
      e.lastActivity = clock.millis();
      announceStatus(e);
      return view(e);
    });
  }

  private void sweepIdle() {
    long cutoff = clock.millis() - config.awayAfter().toMillis();
    for (Entry e : online.values()) {
      if (!e.idle && e.sockets > 0 && e.chosen == Status.ONLINE && e.lastActivity <= cutoff) {
        e.idle = true;
        announceStatus(e);
      }
    }
  }

  private void announceStatus(Entry e) {
    PresenceView v = view(e);
    visibleTo(e).emit("presence_update", new JsonObject().put("username", v.username())
        .put("status", v.status().wire()).put("statusText", v.statusText())
        .put("lastSeen", v.lastSeen() == null ? null : v.lastSeen().toString()));
  }

  /** Everyone but the users this user has blocked. */
  private BroadcastOperator visibleTo(Entry e) {
    Set<String> blocked = e.member.blocked();
    if (blocked.isEmpty()) {
      return namespace.except();
    }
    return namespace.except(blocked.stream().map(PresenceTracker::room).toArray(String[]::new));
  }

  private static Status effective(Entry e) {
    if (e.chosen == Status.ONLINE && e.idle) {
      return Status.AWAY;
    }
    return e.chosen;
  }

  private PresenceView view(Entry e) {
    return new PresenceView(e.member.username(), effective(e), e.statusText, e.lastSeen);
  }

  /** The user's presence if online here, else null (offline: ask the database for last seen). */
  public PresenceView onlineView(String username) {
    Entry e = online.get(username);
    return e == null ? null : view(e);
  }

  public boolean isOnline(String username) {
    return online.containsKey(username);
  }

  /** Open connections of the user on this node (0 while in the grace period). */
  public int sockets(String username) {
    Entry e = online.get(username);
    return e == null ? 0 : e.sockets;
  }

  public int onlineCount() {
    return online.size();
  }

  public List<PresenceView> onlineUsers() {
    List<PresenceView> views = new ArrayList<>(online.size());
    online.values().forEach(e -> views.add(view(e)));
    return views;
  }
}
