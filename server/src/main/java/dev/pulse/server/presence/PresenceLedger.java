package dev.pulse.server.presence;

import io.vertx.core.Future;

/**
 * Decides when a user comes online and goes offline for everyone, wherever their sockets are.
 * Each node runs its own {@link PresenceState}; with several nodes a user's first socket on one
 * node is not necessarily their first anywhere, and their last socket there not their last. The
 * ledger answers those questions for the whole cluster, so that exactly one node announces each
 * change. A single node is the whole cluster: {@link #SINGLE_NODE} says yes to everything.
 */
public interface PresenceLedger {

  /** A socket of {@code user} opened here; true when they were offline everywhere. */
  Future<Boolean> connected(String user);

  /**
   * A socket of {@code user} closed here; true when they have none left anywhere, and their grace
   * period runs until {@code graceEndsAt} (epoch ms).
   */
  Future<Boolean> disconnected(String user, long graceEndsAt);

  /** True for exactly one caller once the user's grace period is over with no socket back. */
  Future<Boolean> graceOver(String user, long now);

  /** The ledger of a node that is the whole cluster: its own state decides. */
  PresenceLedger SINGLE_NODE = new PresenceLedger() {
    @Override
    public Future<Boolean> connected(String user) {
      return Future.succeededFuture(true);
    }

    @Override
    public Future<Boolean> disconnected(String user, long graceEndsAt) {
      return Future.succeededFuture(true);
    }

    @Override
    public Future<Boolean> graceOver(String user, long now) {
      return Future.succeededFuture(true);
    }
  };
}
