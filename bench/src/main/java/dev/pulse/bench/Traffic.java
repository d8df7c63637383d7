package dev.pulse.bench;

import java.util.Map;
import java.util.TreeMap;

/**
 * What all talkers of a messages run share: the measuring window and what was measured in it.
 * Latencies count only for messages scheduled inside the window, however late they are answered
 * or delivered (the drain after each window waits for them). Event loop only.
 */
final class Traffic {
  final LatencyHistogram ackLatency = new LatencyHistogram();
  final LatencyHistogram deliveryLatency = new LatencyHistogram();
  /** Error codes of answers to messages scheduled in the window. */
  final Map<String, Long> errors = new TreeMap<>();
  /** Error codes over the whole run. */
  final Map<String, Long> allErrors = new TreeMap<>();
  long ackedInWindow;
  long lostConnections;
  /** Why sockets the bench did not close ended, by reason. */
  final Map<String, Long> lostReasons = new TreeMap<>();
  long misrouted;
  long notSent; // due while the sender's socket was closed
  boolean sending;
  private long windowStart = Long.MAX_VALUE;
  private long windowEnd = Long.MAX_VALUE;

  boolean inWindow(long scheduledAt) {
    return scheduledAt >= windowStart && scheduledAt < windowEnd;
  }

  /** Starts a measuring window at {@code now}, forgetting the previous window's figures. */
  void openWindow(long now) {
    ackLatency.reset();
    deliveryLatency.reset();
    errors.clear();
    ackedInWindow = 0;
    windowStart = now;
    windowEnd = Long.MAX_VALUE;
  }

  void closeWindow(long now) {
    windowEnd = now;
  }

  void error(String code, long scheduledAt) {
    allErrors.merge(code, 1L, Long::sum);
    if (inWindow(scheduledAt)) {
      errors.merge(code, 1L, Long::sum);
    }
  }
}
