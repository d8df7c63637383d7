package dev.pulse.bench;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Latencies in nanoseconds, reported in milliseconds. HdrHistogram keeps three significant
 * digits at any magnitude in constant memory, so recording costs the same at 100 messages as at
 * ten million. Used on the load generator's one event loop only (not thread-safe).
 */
final class LatencyHistogram {
  /** Anything slower is recorded as this; a minute means the run is broken anyway. */
  static final long HIGHEST_NANOS = TimeUnit.SECONDS.toNanos(60);

  private final Histogram histogram = new Histogram(1_000, HIGHEST_NANOS, 3);

  void record(long nanos) {
    histogram.recordValue(Math.max(1_000, Math.min(nanos, HIGHEST_NANOS)));
  }

  void reset() {
    histogram.reset();
  }

  long count() {
    return histogram.getTotalCount();
  }

  /** The latency at {@code percentile} (0-100) in milliseconds; 0 when nothing was recorded. */
  double percentileMillis(double percentile) {
    return count() == 0 ? 0 : histogram.getValueAtPercentile(percentile) / 1e6;
  }

  double maxMillis() {
    return count() == 0 ? 0 : histogram.getMaxValue() / 1e6;
  }

  double meanMillis() {
    return count() == 0 ? 0 : histogram.getMean() / 1e6;
  }
}
