package dev.pulse.server.auth;

import dev.pulse.server.core.DomainException;
import dev.pulse.server.core.Fields;
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

/** Registration and login. Password hashing runs on worker threads; throttling on the event loop. */
public final class AuthService {
  private static final Logger log = LoggerFactory.getLogger(AuthService.class);
  static final int PASSWORD_MIN = 8;
  static final int PASSWORD_MAX = 128;

  private final Database db;
  private final UserRepository users;
  private final ProfileRepository profiles;
  private final PasswordHasher hasher;
  private final TokenService tokens;
  private final LoginThrottle throttle;
  private final Clock clock;

  public AuthService(Database db, UserRepository users, ProfileRepository profiles, PasswordHasher hasher,
      TokenService tokens, LoginThrottle throttle, Clock clock) {
    this.db = db;
    this.users = users;
    this.profiles = profiles;
    this.hasher = hasher;
    this.tokens = tokens;
    this.throttle = throttle;
    this.clock = clock;
  }

  /** Creates an account and its profile; the result is the username and a token. */
  public Future<TokenService.Issued> register(JsonObject body) {
    String username = ProfileFields.username(body);
    String password = password(body);
    Profile profile = ProfileFields.forNew(username, body, LocalDate.now(clock));
    return db.tx(c -> {
      Instant now = clock.instant();
      if (!users.insert(c, username, hasher.hash(password), now)) {
        throw DomainException.conflict("The username '" + username + "' is taken");
      }
      profiles.insert(c, profile, now);
      return tokens.issue(username);
    }).onSuccess(t -> log.info("user {} registered", username));
  }

  /** Checks a username and password from {@code ip}; throws 429 past the attempt limits. */
  public Future<TokenService.Issued> login(JsonObject body, String ip) {
    String username = Fields.string(body, "username", true, 64).toLowerCase();
    String password = Fields.raw(body, "password");
    if (password == null) {
      throw DomainException.invalid("'password' is required");
    }
    throttle.admit(username, ip);
    return db.run(c -> {
      String hash = users.passwordHash(c, username).orElse(null);
      return hasher.matches(password, hash);
    }).map(ok -> {
      if (!ok) {
        throttle.failed(username);
        throw DomainException.unauthenticated("Wrong username or password");
      }
      throttle.succeeded(username);
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
