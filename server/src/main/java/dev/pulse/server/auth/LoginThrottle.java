package dev.pulse.server.auth;

import dev.pulse.server.config.Config;
import dev.pulse.server.core.DomainException;
import dev.pulse.server.metrics.PulseMetrics;
import io.vertx.core.Future;
import java.util.HashSet;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Slows password guessing without locking anyone out. Wrong passwords are counted per account
 * and client address: after {@code LOGIN_FREE_FAILURES} of them, each further attempt from that
 * address must wait, after the last failure, a delay that doubles with every failure ({@code LOGIN_DELAY_MS} up to
 * {@code LOGIN_DELAY_MAX_MS}), while the right password from anywhere else still works at once.
 * An address that fails {@code LOGIN_FAILURES_PER_ADDRESS} times over any accounts waits out the
 * window. Successful logins are never counted, and clear their account's count at that address.
 * One attempt per account and address is checked at a time on a node, so that parallel guesses
 * cannot all slip in before the first failure is counted. Refusals are counted in the metrics
 * (kind {@code login}). Event loop only.
 */
public final class LoginThrottle {
  private final Config.Guards guards;
  private final LoginLedger ledger;
  private final LongSupplier clock;
  private final PulseMetrics metrics;
  private final Set<String> checking = new HashSet<>();

  public LoginThrottle(Config.Guards guards, LoginLedger ledger, LongSupplier clockMillis, PulseMetrics metrics) {
    this.guards = guards;
    this.ledger = ledger;
    this.clock = clockMillis;
    this.metrics = metrics;
  }

  /** One login attempt: what the caller runs to check the password, once admitted. */
  public interface Check {
    Future<Boolean> run();
  }

  /**
   * Runs {@code check} for {@code username} from {@code address} unless a delay is due (429 with
   * the seconds to wait), and counts it when it fails; the future gives whether it matched.
   */
  public Future<Boolean> attempt(String username, String address, Check check) {
    String pair = "user:" + username + "@" + address;
    String byAddress = "addr:" + address;
    if (!checking.add(pair)) {
      return refused("A login for this account from this address is already being checked; try again in 1 s", 1);
    }
    // with the shared ledger out of reach (Redis down), logins go on unslowed rather than fail
    return ledger.read(pair, byAddress).otherwise(new LoginLedger.Failures[] {LoginLedger.NONE, LoginLedger.NONE})
        .compose(found -> {
          long now = clock.getAsLong();
          long wait = waitFor(found[0], now);
          if (wait > 0) {
            return refused("Too many failed logins for this account from this address; try again in "
                + seconds(wait) + " s", seconds(wait));
          }
          LoginLedger.Failures fromAddress = found[1];
          if (fromAddress.count() >= guards.loginFailuresPerAddress()) {
            long retry = fromAddress.lastMillis() + guards.loginWindow().toMillis() - now;
            return refused("Too many failed logins from this address; try again in " + seconds(retry) + " s",
                seconds(retry));
          }
          return check.run().compose(ok -> ok
              ? ledger.clear(pair).otherwise((Void) null).map(true)
              : ledger.failed(clock.getAsLong(), guards.loginWindow().toMillis(), pair, byAddress)
                  .otherwise((Void) null).map(false));
        })
        .andThen(ar -> checking.remove(pair));
  }

  /** Milliseconds still to wait after {@code failures} of one account at one address. */
  long waitFor(LoginLedger.Failures failures, long now) {
    int beyond = failures.count() - guards.loginFreeFailures();
    if (beyond < 0) {
      return 0;
    }
    long delay = guards.loginDelay().toMillis() << Math.min(beyond, 40);
    delay = Math.min(delay < 0 ? Long.MAX_VALUE : delay, guards.loginDelayMax().toMillis());
    return failures.lastMillis() + delay - now;
  }

  private <T> Future<T> refused(String message, long seconds) {
    metrics.rateLimited("login");
    return Future.failedFuture(DomainException.rateLimited(message, seconds));
  }

  private static long seconds(long millis) {
    return Math.max(1, (millis + 999) / 1000);
  }
}
