package dev.pulse.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.bench.Ladder.Latency;
import dev.pulse.bench.Ladder.Step;
import dev.pulse.bench.Ladder.Verdict;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LadderTest {
  private static final double BOUND = 100;

  private static Step step(int rate, double p99, long lost, Map<String, Long> errors, double benchCpu) {
    Latency delivery = new Latency(rate * 8L, p99 / 3, p99, p99 * 1.5, p99 * 2);
    return new Step(rate, 8, rate * 8L, delivery, delivery, errors, lost, 0, 0, 0.5, 50, benchCpu, 0.1);
  }

  private static Step ok(int rate, double p99) {
    return step(rate, p99, 0, Map.of(), 0.3);
  }

  @Test
  void theBestRateIsTheLastPassingStepBeforeTheFirstFailure() {
    Verdict v = Ladder.decide(List.of(ok(500, 2), ok(1_000, 3), ok(2_000, 40), ok(3_000, 250), ok(5_000, 20)), BOUND);
    assertThat(v.bestRate()).isEqualTo(2_000);
    assertThat(v.stoppedBecause()).contains("3,000 msg/s").contains("p99 250.0 ms > 100 ms");
  }

  @Test
  void aStepExactlyAtTheBoundPasses() {
    assertThat(Ladder.failure(ok(1_000, 100.0), BOUND)).isNull();
    assertThat(Ladder.decide(List.of(ok(1_000, 100.0)), BOUND)).isEqualTo(new Verdict(1_000, null));
  }

  @Test
  void lossOrErrorsFailAStepWhateverItsLatency() {
    assertThat(Ladder.failure(step(2_000, 1, 3, Map.of(), 0.3), BOUND)).contains("3 acknowledged messages lost");
    assertThat(Ladder.failure(step(2_000, 1, 0, Map.of("unavailable", 12L), 0.3), BOUND)).contains("unavailable");
    Step unanswered = new Step(2_000, 8, 100, ok(2_000, 1).ack(), ok(2_000, 1).delivery(), Map.of(), 0, 0, 5, 0.5,
        50, 0.3, 0.1);
    assertThat(Ladder.failure(unanswered, BOUND)).contains("5 sends never answered");
    Step duplicated = new Step(2_000, 8, 100, ok(2_000, 1).ack(), ok(2_000, 1).delivery(), Map.of(), 0, 2, 0, 0.5,
        50, 0.3, 0.1);
    assertThat(Ladder.failure(duplicated, BOUND)).contains("received twice");
    Verdict v = Ladder.decide(List.of(ok(500, 2), step(1_000, 1, 1, Map.of(), 0.3)), BOUND);
    assertThat(v.bestRate()).isEqualTo(500);
  }

  @Test
  void nothingDeliveredIsNoPass() {
    Latency none = new Latency(0, 0, 0, 0, 0);
    Step silent = new Step(500, 8, 0, none, none, Map.of(), 0, 0, 0, 0, -1, 0.1, 0);
    assertThat(Ladder.failure(silent, BOUND)).contains("no message was delivered");
    assertThat(Ladder.decide(List.of(silent), BOUND).bestRate()).isZero();
  }

  @Test
  void aSaturatedLoadGeneratorEndsTheClimbButItsPassingStepCounts() {
    List<Step> steps = List.of(ok(500, 2), step(1_000, 5, 0, Map.of(), 0.95));
    assertThat(Ladder.climbOn(steps.get(0), BOUND)).isTrue();
    assertThat(Ladder.climbOn(steps.get(1), BOUND)).isFalse();
    Verdict v = Ladder.decide(steps, BOUND);
    assertThat(v.bestRate()).isEqualTo(1_000);
    assertThat(v.stoppedBecause()).contains("load generator used 95%").contains("server may take more");
  }

  @Test
  void onlyAStepFailedByLatencyAloneIsMeasuredAgain() {
    assertThat(Ladder.retryable(ok(2_000, 250), BOUND)).isTrue();
    assertThat(Ladder.retryable(ok(2_000, 50), BOUND)).as("it passed").isFalse();
    assertThat(Ladder.retryable(step(2_000, 250, 1, Map.of(), 0.3), BOUND)).as("a loss is never noise").isFalse();
    assertThat(Ladder.retryable(step(2_000, 250, 0, Map.of("unavailable", 1L), 0.3), BOUND)).isFalse();
  }

  @Test
  void aLatencyFailureWhileTheGeneratorSentLateIsNotChargedToTheServer() {
    Latency slow = new Latency(16_000, 200, 900, 950, 990);
    Step late = new Step(3_000, 8, 24_000, slow, slow, Map.of(), 0, 0, 0, 0.4, 140, 0.2, 588);
    assertThat(late.generatorBehind(BOUND)).isTrue();
    assertThat(Ladder.climbOn(ok(2_000, 9), BOUND)).isTrue();
    Verdict v = Ladder.decide(List.of(ok(2_000, 9), late), BOUND);
    assertThat(v.bestRate()).isEqualTo(2_000);
    assertThat(v.stoppedBecause()).contains("load generator sent up to 588.0 ms late").contains("may take more");
    Step lateButPassing = new Step(3_000, 8, 24_000, ok(3_000, 80).ack(), ok(3_000, 80).delivery(), Map.of(), 0, 0,
        0, 0.4, 140, 0.2, 30);
    assertThat(Ladder.climbOn(lateButPassing, BOUND)).isFalse();
    assertThat(Ladder.decide(List.of(lateButPassing), BOUND))
        .isEqualTo(new Verdict(3_000, "the load generator sent up to 30.0 ms late (p99) at 3,000 msg/s: "
            + "the server may take more"));
    Step punctual = new Step(3_000, 8, 24_000, slow, slow, Map.of(), 0, 0, 0, 0.9, 300, 0.2, 2);
    assertThat(Ladder.decide(List.of(ok(2_000, 9), punctual), BOUND).stoppedBecause())
        .isEqualTo("at 3,000 msg/s: delivery p99 900.0 ms > 100 ms");
  }

  @Test
  void everyStepPassingSaysSo() {
    Verdict v = Ladder.decide(List.of(ok(500, 1), ok(1_000, 1)), BOUND);
    assertThat(v).isEqualTo(new Verdict(1_000, null));
  }
}
