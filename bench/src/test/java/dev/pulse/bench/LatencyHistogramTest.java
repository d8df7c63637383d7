package dev.pulse.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {
  private static final long MS = 1_000_000;

  @Test
  void percentilesOfAUniformSpread() {
    LatencyHistogram h = new LatencyHistogram();
    for (int ms = 1; ms <= 1000; ms++) {
      h.record(ms * MS);
    }
    assertThat(h.count()).isEqualTo(1000);
    // three significant digits: each figure within 0.1 %
    assertThat(h.percentileMillis(50)).isCloseTo(500, within(0.5));
    assertThat(h.percentileMillis(90)).isCloseTo(900, within(0.9));
    assertThat(h.percentileMillis(99)).isCloseTo(990, within(1.0));
    assertThat(h.maxMillis()).isCloseTo(1000, within(1.0));
    assertThat(h.meanMillis()).isCloseTo(500.5, within(0.5));
  }

  @Test
  void aFewSlowOnesShowOnlyInTheTail() {
    LatencyHistogram h = new LatencyHistogram();
    for (int i = 0; i < 990; i++) {
      h.record(2 * MS);
    }
    for (int i = 0; i < 10; i++) {
      h.record(300 * MS);
    }
    assertThat(h.percentileMillis(50)).isCloseTo(2, within(0.01));
    assertThat(h.percentileMillis(99)).isCloseTo(2, within(0.01));
    assertThat(h.percentileMillis(99.9)).isCloseTo(300, within(0.3));
    assertThat(h.maxMillis()).isCloseTo(300, within(0.3));
  }

  @Test
  void microsecondsAreKeptAndExtremesClamped() {
    LatencyHistogram h = new LatencyHistogram();
    h.record(250_000); // 0.25 ms
    h.record(-5); // a clock oddity must not throw
    h.record(LatencyHistogram.HIGHEST_NANOS * 10);
    assertThat(h.count()).isEqualTo(3);
    assertThat(h.percentileMillis(50)).isCloseTo(0.25, within(0.001));
    assertThat(h.maxMillis()).isCloseTo(60_000, within(60.0));
  }

  @Test
  void emptyAndReset() {
    LatencyHistogram h = new LatencyHistogram();
    assertThat(h.percentileMillis(99)).isZero();
    assertThat(h.maxMillis()).isZero();
    h.record(5 * MS);
    h.reset();
    assertThat(h.count()).isZero();
    assertThat(h.percentileMillis(50)).isZero();
  }
}
