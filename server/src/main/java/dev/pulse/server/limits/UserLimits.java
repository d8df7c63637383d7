package dev.pulse.server.limits;

import dev.pulse.server.config.Config;
import dev.pulse.server.metrics.PulseMetrics;
import java.util.function.LongSupplier;

/**
 * The per-user rate limits, each one bucket whether the action comes over a socket or REST:
 * {@code send_message} and {@code POST /api/messages}; {@code user_typing}; {@code set_status} and
 * {@code PUT /api/me/status}; {@code call_invite}; {@code react}; chat photo uploads
 * ({@code POST /api/conversations/:username/photos}); and every other event ({@code mark_read}
 * shares it with {@code POST /api/conversations/:username/read}). Buckets outlive connections: going
 * offline and coming back gives no fresh burst.
 */
public record UserLimits(RateLimiter messages, RateLimiter typing, RateLimiter status, RateLimiter events,
    RateLimiter calls, RateLimiter reactions, RateLimiter chatPhotos) {

  /** {@code shared}: the cluster's buckets, or null for this node's own. */
  public static UserLimits of(Config.Limits limits, LongSupplier clockMillis, PulseMetrics metrics,
      SharedBuckets shared) {
    return new UserLimits(
        new RateLimiter("messages", limits.messages(), clockMillis, metrics, shared),
        new RateLimiter("typing", limits.typing(), clockMillis, metrics, shared),
        new RateLimiter("status changes", limits.status(), clockMillis, metrics, shared),
        new RateLimiter("events", limits.otherEvents(), clockMillis, metrics, shared),
        new RateLimiter("calls", limits.calls(), clockMillis, metrics, shared),
        new RateLimiter("reactions", limits.reactions(), clockMillis, metrics, shared),
        new RateLimiter("chat photos", limits.chatPhotos(), clockMillis, metrics, shared));
  }
}
