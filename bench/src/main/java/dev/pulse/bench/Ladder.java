package dev.pulse.bench;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * The messages ladder: the rate goes up step by step, and the figure is the highest rate whose
 * delivery p99 stayed within the bound with nothing lost, duplicated, refused or unanswered.
 * The first step that fails ends the climb (a later one passing by luck proves nothing). A step
 * during which the load generator used more than {@link #GENERATOR_SATURATED} of its core, or sent
 * so late that its lateness alone could decide the p99, ends it too: the server may have more to
 * give, and the verdict says so.
 */
final class Ladder {
  static final double GENERATOR_SATURATED = 0.9;
  /** Send lateness (p99) above this share of the bound makes a latency failure the generator's. */
  static final double GENERATOR_LATE_SHARE = 0.25;

  private Ladder() {}

  /** A latency distribution in milliseconds. */
  record Latency(long count, double p50, double p99, double p999, double max) {
    static Latency of(LatencyHistogram h) {
      return new Latency(h.count(), h.percentileMillis(50), h.percentileMillis(99), h.percentileMillis(99.9),
          h.maxMillis());
    }

    String shown() {
      return Report.decimal(p50, 2) + " / " + Report.decimal(p99, 2) + " / " + Report.decimal(p999, 2) + " / "
          + Report.decimal(max, 2) + " ms";
    }

    JsonObject json() {
      return new JsonObject().put("count", count).put("p50", Report.round(p50, 3)).put("p99", Report.round(p99, 3))
          .put("p999", Report.round(p999, 3)).put("max", Report.round(max, 3));
    }
  }

  /**
   * One measured rate: what was offered, what was acknowledged in the measured seconds, the
   * latencies of the messages scheduled in them, and the run's damage counters for the step.
   */
  record Step(int rate, double seconds, long acked, Latency ack, Latency delivery, Map<String, Long> errors,
      long lost, long duplicates, long unanswered, double serverCpuShare, double serverMicrosPerMessage,
      double benchCpuShare, double lateP99Millis) {

    double ackedPerSecond() {
      return seconds == 0 ? 0 : acked / seconds;
    }

    boolean generatorSaturated() {
      return benchCpuShare > GENERATOR_SATURATED;
    }

    /** The load generator sent late enough to decide the step's p99 by itself. */
    boolean generatorBehind(double p99BoundMillis) {
      return lateP99Millis > p99BoundMillis * GENERATOR_LATE_SHARE;
    }

    JsonObject json() {
      JsonObject errorJson = new JsonObject();
      errors.forEach(errorJson::put);
      return new JsonObject().put("rate", rate).put("ackedPerSecond", Report.round(ackedPerSecond(), 1))
          .put("ackLatencyMs", ack.json()).put("deliveryLatencyMs", delivery.json()).put("errors", errorJson)
          .put("lost", lost).put("duplicates", duplicates).put("unanswered", unanswered)
          .put("serverCpuShare", Report.round(serverCpuShare, 3))
          .put("serverCpuMicrosPerMessage", Report.round(serverMicrosPerMessage, 2))
          .put("benchCpuShare", Report.round(benchCpuShare, 3)).put("sendLatenessP99Ms", Report.round(lateP99Millis, 3));
    }
  }

  /** The outcome: the best passing rate (0 if none) and why the climb stopped (null: it ran out of steps). */
  record Verdict(int bestRate, String stoppedBecause) {}

  /** Why a step fails, or null when it passes. */
  static String failure(Step s, double p99BoundMillis) {
    if (s.lost() > 0) {
      return s.lost() + " acknowledged messages lost";
    }
    if (s.duplicates() > 0) {
      return s.duplicates() + " messages received twice";
    }
    if (!s.errors().isEmpty()) {
      return "errors " + s.errors();
    }
    if (s.unanswered() > 0) {
      return s.unanswered() + " sends never answered";
    }
    if (s.delivery().count() == 0) {
      return "no message was delivered";
    }
    if (s.delivery().p99() > p99BoundMillis) {
      return "delivery p99 " + Report.decimal(s.delivery().p99(), 1) + " ms > " + Report.decimal(p99BoundMillis, 0)
          + " ms";
    }
    return null;
  }

  /**
   * Whether a failed step is worth measuring once more: only when latency alone failed it. On a
   * shared machine a process can be descheduled for a moment, and one such stall decides a p99;
   * a lost, duplicated, refused or unanswered message is never noise.
   */
  static boolean retryable(Step s, double p99BoundMillis) {
    return s.lost() == 0 && s.duplicates() == 0 && s.errors().isEmpty() && s.unanswered() == 0
        && s.delivery().count() > 0 && s.delivery().p99() > p99BoundMillis;
  }

  /** Whether the climb goes on after {@code s}. */
  static boolean climbOn(Step s, double p99BoundMillis) {
    return failure(s, p99BoundMillis) == null && !s.generatorSaturated() && !s.generatorBehind(p99BoundMillis);
  }

  static Verdict decide(List<Step> steps, double p99BoundMillis) {
    int best = 0;
    for (Step s : steps) {
      String failure = failure(s, p99BoundMillis);
      if (failure != null && retryable(s, p99BoundMillis) && s.generatorBehind(p99BoundMillis)) {
        return new Verdict(best, "at " + Report.count(s.rate()) + " msg/s the load generator sent up to "
            + Report.decimal(s.lateP99Millis(), 1) + " ms late (p99), so its " + failure
            + " says nothing about the server, which may take more");
      }
      if (failure != null) {
        return new Verdict(best, "at " + Report.count(s.rate()) + " msg/s: " + failure);
      }
      best = s.rate();
      if (s.generatorBehind(p99BoundMillis)) {
        return new Verdict(best, "the load generator sent up to " + Report.decimal(s.lateP99Millis(), 1)
            + " ms late (p99) at " + Report.count(s.rate()) + " msg/s: the server may take more");
      }
      if (s.generatorSaturated()) {
        return new Verdict(best, "the load generator used " + Report.decimal(s.benchCpuShare() * 100, 0)
            + "% of its core at " + Report.count(s.rate()) + " msg/s: the server may take more");
      }
    }
    return new Verdict(best, null);
  }
}
