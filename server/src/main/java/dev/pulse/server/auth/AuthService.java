package dev.pulse.server.auth;

import dev.pulse.server.core.DomainException;
import dev.pulse.server.core.Fields;
import dev.pulse.server.limits.RateLimiter;
import dev.pulse.server.profiles.Profile;
import dev.pulse.server.profiles.ProfileFields;
import dev.pulse.server.store.Database;
import dev.pulse.server.store.ProfileRepository;
import dev.pulse.server.store.UserRepository;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registration and login. Passwords are hashed and checked on {@link PasswordWork}'s threads before
 * any database connection is taken; limits are checked on the event loop first.
 */
public final class AuthService {
  private static final Logger log = LoggerFactory.getLogger(AuthService.class);
  static final int PASSWORD_MIN = 8;
  static final int PASSWORD_MAX = 128;

  private final Database db;
  private final UserRepository users;
  private final ProfileRepository profiles;
  private final PasswordWork signUpHashing;
  private final PasswordWork loginHashing;
  private final TokenService tokens;
  private final LoginThrottle throttle;
  private final RateLimiter registrations;
  private final Clock clock;

  /** {@code registrations}: the sign-up budget of each client address. */
  public AuthService(Database db, UserRepository users, ProfileRepository profiles, PasswordWork signUpHashing,
      PasswordWork loginHashing, TokenService tokens, LoginThrottle throttle, RateLimiter registrations, Clock clock) {
    this.signUpHashing = signUpHashing;
    this.loginHashing = loginHashing;
    this.db = db;
    this.users = users;
    this.profiles = profiles;
    this.tokens = tokens;
    this.throttle = throttle;
    this.registrations = registrations;
    this.clock = clock;
  }

  /** Creates an account and its profile for a client at {@code address}; the result is the username and a token. */
  public Future<TokenService.Issued> register(JsonObject body, String address) {
    String username = ProfileFields.username(body);
    String password = password(body);
    Profile profile = ProfileFields.forNew(username, body, LocalDate.now(clock));
    return registrations.acquire(address)
        .compose(v -> signUpHashing.hash(password))
        .compose(hash -> db.tx(c -> {
          Instant now = clock.instant();
          if (!users.insert(c, username, hash, now)) {
            throw DomainException.conflict("The username '" + username + "' is taken");
          }
          profiles.insert(c, profile, now);
          return tokens.issue(username);
        }))
        .onSuccess(t -> log.info("user {} registered", username));
  }

  /** Checks a username and password from {@code address}; 429 while a delay is due (see {@link LoginThrottle}). */
  public Future<TokenService.Issued> login(JsonObject body, String address) {
    String username = Fields.string(body, "username", true, 64).toLowerCase();
    String password = Fields.raw(body, "password");
    if (password == null) {
      throw DomainException.invalid("'password' is required");
    }
    return throttle.attempt(username, address, () -> db.read(c -> users.passwordHash(c, username).orElse(null))
            .compose(hash -> loginHashing.matches(password, hash)))
        .map(ok -> {
          if (!ok) {
            throw DomainException.unauthenticated("Wrong username or password");
          }
          return tokens.issue(username);
        });
  }

  private static String password(JsonObject body) {
    String password = Fields.raw(body, "password");
    if (password == null || password.length() < PASSWORD_MIN || password.length() > PASSWORD_MAX) {
      throw DomainException.invalid("'password' must be " + PASSWORD_MIN + " to " + PASSWORD_MAX + " characters");
    }
    return password;
  }
}
