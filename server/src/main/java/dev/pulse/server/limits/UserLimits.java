package dev.pulse.server.limits;

import dev.pulse.server.config.Config;
import dev.pulse.server.metrics.PulseMetrics;
import java.util.function.LongSupplier;

/**
 * The per-user rate limits: {@code send_message} (the REST send shares it), {@code user_typing},
 * {@code call_invite}, and every other socket event.
 */
public record UserLimits(RateLimiter messages, RateLimiter typing, RateLimiter events, RateLimiter calls) {

  /** {@code shared}: the cluster's buckets, or null for this node's own. */
  public static UserLimits of(Config.Limits limits, LongSupplier clockMillis, PulseMetrics metrics,
      SharedBuckets shared) {
    return new UserLimits(
        new RateLimiter("messages", limits.messages(), clockMillis, metrics, shared),
        new RateLimiter("typing", limits.typing(), clockMillis, metrics, shared),
        new RateLimiter("events", limits.otherEvents(), clockMillis, metrics, shared),
        new RateLimiter("calls", limits.calls(), clockMillis, metrics, shared));
  }

  /** Drops the user's buckets (they went offline: a full bucket is the same as none). */
  public void forget(String user) {
    messages.forget(user);
    typing.forget(user);
    events.forget(user);
    calls.forget(user);
  }
}
