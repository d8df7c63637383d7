package dev.pulse.server.presence;

import dev.pulse.server.config.Config;
import dev.pulse.server.members.Member;
import dev.pulse.server.members.Members;
import dev.pulse.server.metrics.PulseMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Presence on this node: drives the {@link PresenceState} machine with the clock and timers (the
 * offline grace period, one sweep for inactivity), stores last seen and chosen statuses, keeps
 * the {@link PresenceStore} in step, and tells its listeners about every {@link PresenceChange}.
 * Knows nothing of sockets: connections are ids. Used on the event loop only.
 */
public final class PresenceService {
  private static final Logger log = LoggerFactory.getLogger(PresenceService.class);

  private final Vertx vertx;
  private final Config.Presence config;
  private final PresenceStore store;
  private final PresenceLedger ledger;
  private final Members members;
  private final PulseMetrics metrics;
  private final Clock clock;
  private final PresenceState state = new PresenceState();
  private final Map<String, Long> graceTimers = new HashMap<>();
  // user -> their last connection, kept in the store through the grace period
  private final Map<String, String> lingering = new HashMap<>();
  private final List<Consumer<PresenceChange>> listeners = new ArrayList<>();
  private long sweeper = -1;
  private boolean stopped;
  private final Map<String, Instant> leftAtStop = new HashMap<>();

  public PresenceService(Vertx vertx, Config.Presence config, PresenceStore store, PresenceLedger ledger,
      Members members, PulseMetrics metrics, Clock clock) {
    this.vertx = vertx;
    this.config = config;
    this.store = store;
    this.ledger = ledger;
    this.members = members;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** Calls {@code listener} with every change, in order, on the event loop. */
  public void onChange(Consumer<PresenceChange> listener) {
    listeners.add(listener);
  }

  /** Starts the inactivity sweep that turns idle users away. Call on the event loop. */
  public void start() {
    long every = Math.max(100, Math.min(config.awayAfter().toMillis() / 5, 30_000));
    sweeper = vertx.setPeriodic(every, id -> {
      long cutoff = clock.millis() - config.awayAfter().toMillis();
      state.idleSince(cutoff).forEach(this::publish);
    });
  }

  public void stop() {
    stopped = true;
    if (sweeper >= 0) {
      vertx.cancelTimer(sweeper);
    }
    graceTimers.values().forEach(vertx::cancelTimer);
    graceTimers.clear();
  }

  /**
   * Stores the last seen of every user whose last connection closed since {@link #stop} (the
   * server is closing them): no grace period runs any more, and the database is about to close.
   */
  public Future<Void> storeLastSeenAtStop() {
    List<Future<Void>> saved = new ArrayList<>();
    leftAtStop.forEach((username, at) -> saved.add(members.saveLastSeen(username, at)
        .onFailure(err -> log.warn("could not store last seen of {}: {}", username, err.toString()))));
    leftAtStop.clear();
    return Future.join(saved).mapEmpty();
  }

  /** A connection of {@code member} opened. */
  public void connected(Member member, String connectionId) {
    String username = member.username();
    Long timer = graceTimers.remove(username);
    if (timer != null) {
      vertx.cancelTimer(timer);
    }
    PresenceChange change = state.connected(username, member.blocked(), member.saved(), clock.millis());
    store.add(connectionId, state.view(username));
    String kept = lingering.remove(username);
    if (kept != null && !kept.equals(connectionId)) {
      // (the same id is a connection that went quiet and is back: it was just added again)
      store.remove(username, kept);
    }
    int sockets = state.sockets(username);
    log.info("user {} online ({} socket{})", username, sockets, sockets == 1 ? "" : "s");
    if (change instanceof PresenceChange.Online) {
      members.pin(member);
      metrics.usersOnline(state.count());
    }
    // every socket counts in the ledger; whether a user new here is new everywhere, it knows
    ledger.connected(username).onComplete(ar -> {
      if (ar.failed()) {
        log.warn("could not record {} online in the cluster: {}", username, ar.cause().toString());
      }
      boolean newEverywhere = ar.failed() || ar.result();
      if (change != null && (newEverywhere || !(change instanceof PresenceChange.Online))) {
        publish(change);
      }
    });
  }

  /** A connection of {@code username} closed. */
  public void disconnected(String username, String connectionId) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    long grace = config.offlineGrace().toMillis();
    ledger.disconnected(username, now.toEpochMilli() + grace)
        .onFailure(err -> log.warn("could not record {} leaving in the cluster: {}", username, err.toString()));
    if (stopped) {
      if (state.disconnected(username, now)) {
        leftAtStop.put(username, now);
      }
      return;
    }
    if (!state.disconnected(username, now)) {
      store.remove(username, connectionId);
      log.debug("user {} still online ({} sockets)", username, state.sockets(username));
      return;
    }
    lingering.put(username, connectionId);
    if (grace <= 0) {
      graceOver(username, now);
    } else {
      graceTimers.put(username, vertx.setTimer(grace, id -> {
        graceTimers.remove(username);
        graceOver(username, now);
      }));
    }
  }

  private void graceOver(String username, Instant closedAt) {
    if (!closedAt.equals(state.closedAt(username))) {
      return;
    }
    long graceEnd = closedAt.toEpochMilli() + config.offlineGrace().toMillis();
    ledger.graceOver(username, Math.max(graceEnd, clock.millis())).onComplete(verdict -> {
      // a ledger that cannot be asked leaves this node's view in charge (it keeps serving its users)
      boolean offlineEverywhere = verdict.failed() || verdict.result();
      if (!offlineEverywhere) {
        // back on another node (or taken offline by one): nothing to announce from here
        PresenceChange gone = state.graceOver(username, closedAt);
        if (gone != null) {
          store.remove(username, lingering.remove(username));
          members.unpin(username);
          metrics.usersOnline(state.count());
        }
        return;
      }
      // stored before it is announced, so that whoever hears of it can read the same last seen
      members.saveLastSeen(username, closedAt)
          .onFailure(err -> log.warn("could not store last seen of {}: {}", username, err.toString()))
          .onComplete(ar -> {
            PresenceChange change = state.graceOver(username, closedAt);
            if (change == null) {
              return; // back while storing, or closed again and in a new grace period
            }
            store.remove(username, lingering.remove(username));
            members.unpin(username);
            metrics.usersOnline(state.count());
            log.info("user {} offline", username);
            publish(change);
          });
    });
  }

  /**
   * A user's grace period ended on a node that is gone (it cannot finish it): if no socket came
   * back anywhere, this node stores last seen and announces them offline.
   */
  public void graceOverElsewhere(String username, Instant closedAt) {
    if (state.sockets(username) > 0 || state.closedAt(username) != null) {
      return; // this node has them, and finishes their grace period itself
    }
    ledger.graceOver(username, clock.millis()).onSuccess(offline -> {
      if (!offline) {
        return;
      }
      members.require(username).compose(member -> members.saveLastSeen(username, closedAt).map(member))
          .onFailure(err -> log.warn("could not take {} offline: {}", username, err.toString()))
          .onSuccess(member -> {
            log.info("user {} offline (their node is gone)", username);
            publish(new PresenceChange.Offline(username, closedAt, member.blocked()));
          });
    });
  }

  /**
   * This node's part of the cluster's presence, for writing back after the shared record was lost
   * (a Redis restart): open sockets per user, and when the grace period of each user whose last
   * socket here closed ends.
   */
  public Snapshot snapshot() {
    Map<String, Integer> sockets = new HashMap<>();
    Map<String, Long> graces = new HashMap<>();
    long grace = config.offlineGrace().toMillis();
    for (PresenceView v : state.views()) {
      int open = state.sockets(v.username());
      if (open > 0) {
        sockets.put(v.username(), open);
      } else if (state.closedAt(v.username()) != null) {
        graces.put(v.username(), state.closedAt(v.username()).toEpochMilli() + grace);
      }
    }
    return new Snapshot(sockets, graces);
  }

  /** See {@link #snapshot}. */
  public record Snapshot(Map<String, Integer> sockets, Map<String, Long> graceEnds) {}

  /** The user did something: an idle ("away") user is back online. */
  public void activity(String username) {
    PresenceChange change = state.activity(username, clock.millis());
    if (change != null) {
      publish(change);
    }
  }

  /**
   * The user is in a call now, or not any more: others see them busy, "In a call", meanwhile (if
   * they are connected to this node; every node holding them is told).
   */
  public void inCall(String username, boolean inCall) {
    PresenceChange change = state.inCall(username, inCall);
    if (change != null) {
      publish(change);
    }
  }

  /** Stores the status a user chose and, when they are online, tells others. */
  public Future<StatusChoice> choose(String username, StatusChoice choice) {
    return members.saveStatus(username, choice.status(), choice.text()).map(v -> {
      PresenceChange change = state.choose(username, choice.status(), choice.text(), clock.millis());
      if (change != null) {
        publish(change);
      }
      return choice;
    });
  }

  private void publish(PresenceChange change) {
    if (change instanceof PresenceChange.StatusChanged s) {
      store.update(s.view());
    }
    for (Consumer<PresenceChange> listener : listeners) {
      try {
        listener.accept(change);
      } catch (RuntimeException e) {
        log.error("presence listener failed on {}", change, e);
      }
    }
  }

  /** True while the user has an open connection on this node (not only a grace period). */
  public boolean connectedHere(String username) {
    return state.sockets(username) > 0;
  }

  /**
   * How many users {@code viewer} sees online: everyone online but those who blocked them, so
   * that the count minus the list ({@link #onlineFor}) reveals no one.
   */
  public Future<Integer> countFor(String viewer) {
    return members.find(viewer).compose(found -> {
      Set<String> blockers = found.map(Member::blockedBy).orElse(Set.of());
      return store.count().compose(total -> blockers.isEmpty() ? Future.succeededFuture(total)
          : store.get(List.copyOf(blockers)).map(online -> total - online.size()));
    });
  }

  /**
   * The online count as each user connected here sees it: {@code total} for everyone but the
   * few someone has blocked, who get their own in {@code own}. Costs one count, plus one look-up
   * of the blockers of those few: nothing per user in the common case where nobody is blocked.
   */
  public Future<Counts> counts() {
    List<Member> blocked = List.copyOf(members.pinnedAndBlocked());
    if (blocked.isEmpty()) {
      return store.count().map(total -> new Counts(total, Map.of()));
    }
    Set<String> blockers = new HashSet<>();
    blocked.forEach(m -> blockers.addAll(m.blockedBy()));
    return store.count().compose(total -> store.get(List.copyOf(blockers)).map(online -> {
      Map<String, Integer> own = new HashMap<>();
      for (Member m : blocked) {
        int hidden = 0;
        for (String blocker : m.blockedBy()) {
          if (online.containsKey(blocker)) {
            hidden++;
          }
        }
        own.put(m.username(), total - hidden);
      }
      return new Counts(total, own);
    }));
  }

  /** See {@link #counts}: the count for everyone, and the users whose own count differs from it may differ. */
  public record Counts(int total, Map<String, Integer> own) {
    public int of(String username) {
      return own.getOrDefault(username, total);
    }
  }

  /**
   * What {@code viewer} sees of each of {@code usernames}: a user who blocked the viewer is
   * offline and never seen; an online user as they are; anyone else offline, last seen as stored;
   * a name that is no member, offline and never seen. The one place this rule lives. Members come
   * from the directory's cache (misses read together), so this normally costs no database round trip.
   */
  public Future<Map<String, PresenceView>> viewsFor(String viewer, Collection<String> usernames) {
    return members.findAll(usernames).compose(found -> store.get(found.keySet()).map(online -> {
      Map<String, PresenceView> views = new LinkedHashMap<>();
      for (String username : usernames) {
        Member member = found.get(username);
        PresenceView view;
        if (member == null || (member.hasBlocked(viewer) && !username.equals(viewer))) {
          view = PresenceView.hidden(username);
        } else {
          view = online.get(username);
          if (view == null) {
            view = new PresenceView(username, Status.OFFLINE, null, member.saved().lastSeen());
          }
        }
        views.put(username, view);
      }
      return views;
    }));
  }

  /** What {@code viewer} sees of one member (see {@link #viewsFor}); {@code not_found} for no member. */
  public Future<PresenceView> viewFor(String viewer, String username) {
    return members.require(username)
        .compose(member -> viewsFor(viewer, List.of(username)))
        .map(views -> views.get(username));
  }

  /** The online users {@code viewer} may see (all but those who blocked them). */
  public Future<List<PresenceView>> onlineFor(String viewer) {
    return store.list().compose(all -> {
      List<String> names = new ArrayList<>(all.size());
      all.forEach(v -> names.add(v.username()));
      return members.findAll(names).map(found -> {
        List<PresenceView> visible = new ArrayList<>(all.size());
        for (PresenceView v : all) {
          Member member = found.get(v.username());
          if (member != null && !member.hasBlocked(viewer)) {
            visible.add(v);
          }
        }
        return visible;
      });
    });
  }
}
