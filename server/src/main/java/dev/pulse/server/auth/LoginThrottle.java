package dev.pulse.server.auth;

import dev.pulse.server.core.DomainException;
import dev.pulse.server.metrics.PulseMetrics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Limits login attempts: failures per username and attempts per client address, each in a
 * fixed window ({@code LOGIN_WINDOW_MINUTES}). Refusals are counted in the metrics (kind
 * {@code login}). Used on the event loop only, so no locking.
 */
public final class LoginThrottle {
  /** Entries kept before expired ones are swept (protects memory from username sprays). */
  private static final int SWEEP_AT = 100_000;

  private static final class Window {
    long start;
    int count;
  }

  private final int failuresPerUser;
  private final int attemptsPerIp;
  private final long windowMillis;
  private final LongSupplier clock;
  private final PulseMetrics metrics;
  private final Map<String, Window> failuresByUser = new HashMap<>();
  private final Map<String, Window> attemptsByIp = new HashMap<>();

  public LoginThrottle(int failuresPerUser, int attemptsPerIp, Duration window, LongSupplier clockMillis,
      PulseMetrics metrics) {
    this.metrics = metrics;
    this.failuresPerUser = failuresPerUser;
    this.attemptsPerIp = attemptsPerIp;
    this.windowMillis = window.toMillis();
    this.clock = clockMillis;
  }

  /** Counts an attempt from {@code ip} for {@code username}; throws 429 when over a limit. */
  public void admit(String username, String ip) {
    long now = clock.getAsLong();
    Window user = current(failuresByUser, username, now);
    if (user != null && user.count >= failuresPerUser) {
      metrics.rateLimited("login");
      throw DomainException.rateLimited("Too many failed logins for this username; try again in "
          + retryAfter(user, now) + " s", retryAfter(user, now));
    }
    Window byIp = bump(attemptsByIp, ip, now);
    if (byIp.count > attemptsPerIp) {
      metrics.rateLimited("login");
      throw DomainException.rateLimited("Too many login attempts from this address; try again in "
          + retryAfter(byIp, now) + " s", retryAfter(byIp, now));
    }
  }

  public void failed(String username) {
    bump(failuresByUser, username, clock.getAsLong());
  }

  public void succeeded(String username) {
    failuresByUser.remove(username);
  }

  private long retryAfter(Window w, long now) {
    return Math.max(1, (w.start + windowMillis - now + 999) / 1000);
  }

  private Window current(Map<String, Window> map, String key, long now) {
    Window w = map.get(key);
    if (w != null && now - w.start >= windowMillis) {
      map.remove(key);
      return null;
    }
    return w;
  }

  private Window bump(Map<String, Window> map, String key, long now) {
    if (map.size() >= SWEEP_AT) {
      map.values().removeIf(w -> now - w.start >= windowMillis);
    }
    Window w = current(map, key, now);
    if (w == null) {
      w = new Window();
      w.start = now;
      map.put(key, w);
    }
    w.count++;
    return w;
  }
}
