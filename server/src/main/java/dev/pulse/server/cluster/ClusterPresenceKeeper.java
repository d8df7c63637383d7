package dev.pulse.server.cluster;

import dev.pulse.server.presence.PresenceService;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this node's part of the cluster's presence true over time: a heartbeat, so that the others
 * can tell when this node dies; the reaping of nodes that died (their users' sockets are gone, and
 * they go offline after the grace period unless they reconnected elsewhere); grace periods that
 * their own node could not finish; and, after Redis lost everything (a restart), this node's
 * sockets written back. Event loop only.
 */
public final class ClusterPresenceKeeper {
  private static final Logger log = LoggerFactory.getLogger(ClusterPresenceKeeper.class);
  /** How often orphaned grace periods (of nodes that died) are looked for. */
  static final long SWEEP_MILLIS = 1_000;
  static final int SWEEP_BATCH = 500;

  private final Vertx vertx;
  private final RedisPresence ledger;
  private final PresenceService presence;
  private final long graceMillis;
  private final Clock clock;
  private long heartbeat = -1;
  private long sweeper = -1;

  public ClusterPresenceKeeper(Vertx vertx, RedisPresence ledger, PresenceService presence, long graceMillis,
      Clock clock) {
    this.vertx = vertx;
    this.ledger = ledger;
    this.presence = presence;
    this.graceMillis = graceMillis;
    this.clock = clock;
  }

  /** Starts the timers; {@code link} tells when Redis comes back after losing the link. */
  public void start(ClusterNode link) {
    beat();
    heartbeat = vertx.setPeriodic(RedisPresence.HEARTBEAT_MILLIS, id -> beat());
    sweeper = vertx.setPeriodic(SWEEP_MILLIS, id -> sweep());
    link.redis().onReconnect(() -> vertx.runOnContext(v -> restore()));
  }

  public void stop() {
    vertx.cancelTimer(heartbeat);
    vertx.cancelTimer(sweeper);
  }

  private void beat() {
    long now = clock.millis();
    ledger.heartbeat(now).compose(v -> ledger.deadNodes(now)).onSuccess(dead -> {
      for (String node : dead) {
        if (!node.equals(ledger.node())) {
          ledger.reap(node, now + graceMillis).onSuccess(users -> {
            if (users > 0) {
              log.warn("node {} stopped answering; its {} users are online only where they reconnected", node, users);
            }
          });
        }
      }
    }).onFailure(e -> log.debug("heartbeat: {}", e.toString()));
  }

  private void sweep() {
    long now = clock.millis();
    ledger.dueGraces(now, SWEEP_BATCH).onSuccess(users -> users.forEach(user ->
        presence.graceOverElsewhere(user, Instant.ofEpochMilli(now - graceMillis))));
  }

  /** Redis is back, possibly empty after a restart: this node's sockets and grace periods go back in. */
  private void restore() {
    PresenceService.Snapshot mine = presence.snapshot();
    ledger.restore(mine.sockets(), mine.graceEnds(), clock.millis())
        .onSuccess(v -> log.info("presence written back to Redis: {} users with sockets here", mine.sockets().size()))
        .onFailure(e -> log.warn("could not write presence back to Redis: {}", e.toString()));
  }
}
