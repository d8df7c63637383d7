package dev.pulse.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RateScheduleTest {
  @Test
  void messagesAreDueEvenlyFromTheStart() {
    RateSchedule s = new RateSchedule(1_000, 1_000); // one per millisecond
    assertThat(s.scheduledAt(0)).isEqualTo(1_000);
    assertThat(s.scheduledAt(1)).isEqualTo(1_001_000);
    assertThat(s.scheduledAt(1_000)).isEqualTo(1_000_001_000L);
    assertThat(s.dueBy(999)).as("before the start").isZero();
    assertThat(s.dueBy(1_000)).as("the first is due at the start").isEqualTo(1);
    assertThat(s.dueBy(1_000_999)).isEqualTo(1);
    assertThat(s.dueBy(1_001_000)).isEqualTo(2);
    assertThat(s.dueBy(1_000 + 1_000_000_000L)).isEqualTo(1_001);
  }

  @Test
  void dueByAndScheduledAtAgreeToTheNanosecondAtAwkwardRates() {
    for (long rate : new long[] {1, 3, 7, 999, 1_000, 7_500, 30_000, 99_991}) {
      RateSchedule s = new RateSchedule(-5_000_000_000L, rate); // nanoTime may be negative
      for (long k = 0; k < 5_000; k += 7) {
        long at = s.scheduledAt(k);
        assertThat(s.dueBy(at)).as("rate %d, message %d is due at its time", rate, k).isEqualTo(k + 1);
        assertThat(s.dueBy(at - 1)).as("rate %d, message %d is not due a nanosecond early", rate, k)
            .isLessThanOrEqualTo(k);
      }
    }
  }

  @Test
  void aLateLookSeesTheWholeBacklog() {
    RateSchedule s = new RateSchedule(0, 10_000);
    // a generator that slept through 50 ms owes 500 messages, and sends them all at once
    assertThat(s.dueBy(49_999_999)).isEqualTo(500);
    assertThat(s.scheduledAt(499)).isEqualTo(49_900_000);
  }

  @Test
  void aRateBelowOneIsRefused() {
    assertThatThrownBy(() -> new RateSchedule(0, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
