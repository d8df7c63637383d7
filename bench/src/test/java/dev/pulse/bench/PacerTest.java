package dev.pulse.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PacerTest {
  private record Sent(long k, long scheduledAt, long sentAt) {}

  @Test
  void sendsEveryDueMessageOnceInOrderAndNeverBeforeItsTime() throws Exception {
    try (BenchLoop loop = new BenchLoop()) {
      List<Sent> sent = new ArrayList<>();
      Pacer pacer = loop.call(() -> new Pacer(loop, (k, at) -> sent.add(new Sent(k, at, System.nanoTime()))));
      loop.run(() -> pacer.start(2_000));
      Thread.sleep(300);
      loop.run(pacer::stop);
      Thread.sleep(50); // a tick already scheduled must not send after the stop
      List<Sent> copy = loop.call(() -> List.copyOf(sent));
      assertThat(copy).isNotEmpty();
      assertThat(loop.call(sent::size)).as("nothing after stop").isEqualTo(copy.size());
      long start = copy.get(0).scheduledAt();
      for (int i = 0; i < copy.size(); i++) {
        Sent s = copy.get(i);
        assertThat(s.k()).isEqualTo(i);
        assertThat(s.scheduledAt()).as("message %d is due %d µs after the first", i, i * 500)
            .isEqualTo(start + i * 500_000L);
        assertThat(s.sentAt()).as("message %d left no earlier than its time", i).isGreaterThanOrEqualTo(s.scheduledAt());
      }
      assertThat(loop.call(() -> pacer.lateness().count())).isEqualTo(copy.size());
    }
  }

  @Test
  void aRestartBeginsANewScheduleAndTheOldOneStaysSilent() throws Exception {
    try (BenchLoop loop = new BenchLoop()) {
      List<Long> ks = new ArrayList<>();
      Pacer pacer = loop.call(() -> new Pacer(loop, (k, at) -> ks.add(k)));
      loop.run(() -> pacer.start(1_000));
      Thread.sleep(50);
      loop.run(() -> {
        pacer.stop();
        ks.clear();
        pacer.start(1_000);
      });
      Thread.sleep(100);
      loop.run(pacer::stop);
      List<Long> copy = loop.call(() -> List.copyOf(ks));
      for (int i = 0; i < copy.size(); i++) {
        assertThat(copy.get(i)).as("one schedule, counted from 0").isEqualTo(i);
      }
    }
  }
}
