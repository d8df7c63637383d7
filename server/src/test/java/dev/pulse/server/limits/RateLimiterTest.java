package dev.pulse.server.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.server.core.DomainException;
import dev.pulse.server.config.Config.Rate;
import dev.pulse.server.metrics.PulseMetrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Token buckets: the burst, the refill rate, the retry hint, that idle buckets go away, the metric. */
class RateLimiterTest {
  long now = 0;
  final PulseMetrics metrics = new PulseMetrics();
  final RateLimiter limiter = new RateLimiter("messages", new Rate(60, 2), () -> now, metrics);

  @AfterEach
  void closeMetrics() {
    metrics.close();
  }

  @Test
  void burstThenOnePerSecondWithARetryHint() {
    limiter.take("priya");
    limiter.take("priya");
    assertThatThrownBy(() -> limiter.take("priya"))
        .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.getMessage())
            .contains("at most 2 at once and 60 per minute; retry in 1 s"));
    limiter.take("arjun"); // others have their own bucket
    now += 1_000;
    limiter.take("priya");
    assertThatThrownBy(() -> limiter.take("priya")).isInstanceOf(DomainException.class);
  }

  @Test
  void everyRefusalIsCountedByKind() {
    limiter.take("priya");
    limiter.take("priya");
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> limiter.take("priya")).isInstanceOf(DomainException.class);
    }
    assertThat(metrics.scrape()).contains("pulse_rate_limited_total{kind=\"messages\"} 3.0");
  }

  @Test
  void fullBucketsAreDroppedWhenTheMapGrowsButNotThoseStillLimiting() {
    for (int i = 0; i < RateLimiter.MIN_PRUNE_AT - 1; i++) {
      limiter.take("rest-user-" + i); // one token left each: full again after a second
    }
    now += 1_000;
    limiter.take("busy");
    assertThat(limiter.size()).isEqualTo(RateLimiter.MIN_PRUNE_AT);
    limiter.take("busy"); // the map is at the threshold: the idle full buckets go, this one stays
    assertThat(limiter.size()).isEqualTo(1);
    assertThatThrownBy(() -> limiter.take("busy")).isInstanceOf(DomainException.class);
  }
}
