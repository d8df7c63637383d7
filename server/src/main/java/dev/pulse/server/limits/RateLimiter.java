package dev.pulse.server.limits;

import dev.pulse.server.core.DomainException;
import dev.pulse.server.config.Config.Rate;
import dev.pulse.server.metrics.PulseMetrics;
import io.vertx.core.Future;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Token buckets for one kind of event, per user (or per client address). Used on the event loop
 * only. A bucket outlives its user's connections, so reconnecting gives no fresh burst; buckets
 * are dropped once full again (a full bucket is the same as none), checked whenever the map has
 * doubled since the last check. Every refusal is counted in the metrics, by kind.
 */
public final class RateLimiter {
  private final String kind;
  private final double perMilli;
  private final int burst;
  private final String perPeriod;
  private final LongSupplier clock;
  private final PulseMetrics metrics;
  private final SharedBuckets shared;
  private final Map<String, double[]> buckets = new HashMap<>(); // user -> {tokens, lastRefillMillis}
  private int pruneAt = MIN_PRUNE_AT;
  static final int MIN_PRUNE_AT = 1024;

  public RateLimiter(String kind, Rate rate, LongSupplier clockMillis, PulseMetrics metrics) {
    this(kind, rate, clockMillis, metrics, null);
  }

  /** {@code shared}: the cluster's buckets, or null to keep them on this node. */
  public RateLimiter(String kind, Rate rate, LongSupplier clockMillis, PulseMetrics metrics, SharedBuckets shared) {
    this.shared = shared;
    this.metrics = metrics;
    this.kind = kind;
    this.perMilli = rate.perMinute() / 60_000.0;
    this.burst = rate.burst();
    this.perPeriod = rate.describe();
    this.clock = clockMillis;
  }

  public String kind() {
    return kind;
  }

  /**
   * Takes one token for {@code user}: from this node's bucket, or from the cluster's when this
   * limiter was given shared buckets. Fails with {@code rate_limited} saying when to retry.
   */
  public Future<Void> acquire(String user) {
    if (shared == null) {
      return local(user);
    }
    double perMinute = perMilli * 60_000;
    return shared.take(kind, user, perMinute, burst, clock.getAsLong())
        .transform(ar -> {
          if (ar.failed()) {
            // the shared buckets are out of reach: this node's own keep the limit meanwhile
            return local(user);
          }
          return ar.result() <= 0 ? Future.succeededFuture() : Future.failedFuture(refusal(ar.result()));
        });
  }

  private Future<Void> local(String user) {
    try {
      take(user);
      return Future.succeededFuture();
    } catch (DomainException e) {
      return Future.failedFuture(e);
    }
  }

  private DomainException refusal(long waitMillis) {
    long seconds = Math.max(1, (waitMillis + 999) / 1000);
    metrics.rateLimited(kind);
    return DomainException.rateLimited("Too many " + kind + ": at most " + burst + " at once and "
        + perPeriod + "; retry in " + seconds + " s", seconds);
  }

  /** Takes one token for {@code user} from this node's bucket, or throws {@code rate_limited}. */
  public void take(String user) {
    long now = clock.getAsLong();
    if (buckets.size() >= pruneAt) {
      buckets.values().removeIf(b -> b[0] + (now - b[1]) * perMilli >= burst);
      pruneAt = Math.max(MIN_PRUNE_AT, buckets.size() * 2);
    }
    double[] b = buckets.computeIfAbsent(user, u -> new double[] {burst, now});
    b[0] = Math.min(burst, b[0] + (now - b[1]) * perMilli);
    b[1] = now;
    if (b[0] < 1) {
      throw refusal((long) Math.ceil((1 - b[0]) / perMilli));
    }
    b[0] -= 1;
  }

  /** How many users have a bucket (for tests and metrics). */
  int size() {
    return buckets.size();
  }
}
