package dev.pulse.server.calls;

import io.vertx.core.Future;
import java.util.List;

/**
 * Where live calls are kept: in memory for one node, in Redis for a cluster, so that whichever
 * node a party's connection is on reads and changes the same call. A user is in at most one
 * call (ringing or answered) at a time.
 *
 * <p>Every change is a compare-and-set on the call's {@code version}: {@link #replace} and
 * {@link #remove} succeed only for the version read, so of two nodes acting on the same call at
 * once (an accept racing a cancel, two nodes finding the same deadline due) exactly one wins and
 * only it tells anyone. A call found in no store has ended.
 *
 * <p>Every method may complete later; callers on the event loop get their result there.
 */
public interface CallStore {

  /** The outcome of {@link #open}. */
  enum Opened { OPENED, CALLER_BUSY, CALLEE_BUSY }

  /** Stores a new call unless its caller or callee is in one already (then nothing is stored). */
  Future<Opened> open(Call call);

  /** The call, or null when it has ended (or never was). */
  Future<Call> get(String callId);

  /** The user's call, or null. */
  Future<Call> ofUser(String username);

  /** Stores {@code next} (same id) if the stored call still has {@code current}'s version; true if it did. */
  Future<Boolean> replace(Call current, Call next);

  /** Removes the call if it still has {@code current}'s version, freeing both users; true if it did. */
  Future<Boolean> remove(Call current);

  /** Calls whose deadline is at or before {@code nowMillis}, at most {@code limit}. */
  Future<List<Call>> due(long nowMillis, int limit);
}
