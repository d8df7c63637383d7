package dev.pulse.bench;

/**
 * A fixed send schedule: message {@code k} (from 0) is due {@code k / rate} seconds after the
 * start, whatever happened to the messages before it. Latency is measured from these times, so a
 * server that stalls is charged for every message that should have gone out meanwhile (no
 * coordinated omission). Integer arithmetic: {@link #dueBy} and {@link #scheduledAt} agree to
 * the nanosecond.
 */
final class RateSchedule {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final long startNanos;
  private final long perSecond;

  RateSchedule(long startNanos, long perSecond) {
    if (perSecond < 1) {
      throw new IllegalArgumentException("a rate must be at least 1 per second");
    }
    this.startNanos = startNanos;
    this.perSecond = perSecond;
  }

  long perSecond() {
    return perSecond;
  }

  /** When message {@code k} is due (nanoTime). */
  long scheduledAt(long k) {
    return startNanos + k * NANOS_PER_SECOND / perSecond;
  }

  /** How many messages are due at {@code now}: those with {@code scheduledAt(k) <= now}. */
  long dueBy(long now) {
    if (now < startNanos) {
      return 0;
    }
    // scheduledAt(k) <= now  <=>  k * 1e9 / R < elapsed + 1  <=>  k < (elapsed + 1) * R / 1e9
    long elapsed = now - startNanos;
    return ((elapsed + 1) * perSecond + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND;
  }
}
