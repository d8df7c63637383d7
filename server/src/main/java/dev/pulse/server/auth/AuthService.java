package dev.pulse.server.auth;

import dev.pulse.server.core.DomainException;
import dev.pulse.server.core.Fields;
import dev.pulse.server.limits.RateLimiter;
import dev.pulse.server.members.Members;
import dev.pulse.server.profiles.Profile;
import dev.pulse.server.profiles.ProfileFields;
import dev.pulse.server.store.Database;
import dev.pulse.server.store.ProfileRepository;
import dev.pulse.server.store.UserRepository;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registration, login, and what a signed-in user does with their account: refresh, log out (here
 * or everywhere), change the password, delete the account. Each login opens a {@link Sessions
 * session}. Passwords are hashed and checked on {@link PasswordWork}'s threads before any database
 * connection is taken; limits are checked on the event loop first.
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
  private final Sessions sessions;
  private final Members members;
  private final Clock clock;

  /** A login's outcome: the access token and the session it belongs to. */
  public record SignedIn(TokenService.Issued access, Sessions.Opened session) {
    public String username() {
      return access.username();
    }
  }

  /** {@code registrations}: the sign-up budget of each client address. */
  public AuthService(Database db, UserRepository users, ProfileRepository profiles, PasswordWork signUpHashing,
      PasswordWork loginHashing, TokenService tokens, LoginThrottle throttle, RateLimiter registrations,
      Sessions sessions, Members members, Clock clock) {
    this.signUpHashing = signUpHashing;
    this.loginHashing = loginHashing;
    this.sessions = sessions;
    this.members = members;
    this.db = db;
    this.users = users;
    this.profiles = profiles;
    this.tokens = tokens;
    this.throttle = throttle;
    this.registrations = registrations;
    this.clock = clock;
  }

  /** Creates an account and its profile for a client at {@code address}, signed in. */
  public Future<SignedIn> register(JsonObject body, String address) {
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
          return signIn(c, username);
        }))
        .onSuccess(s -> {
          sessions.opened(s.session());
          log.info("user {} registered", username);
        });
  }

  /** Checks a username and password from {@code address}; 429 while a delay is due (see {@link LoginThrottle}). */
  public Future<SignedIn> login(JsonObject body, String address) {
    String username = Fields.string(body, "username", true, 64).toLowerCase();
    String password = Fields.raw(body, "password");
    if (password == null) {
      throw DomainException.invalid("'password' is required");
    }
    return throttle.attempt(username, address, () -> db.read(c -> users.passwordHash(c, username).orElse(null))
            .compose(hash -> loginHashing.matches(password, hash)))
        .compose(ok -> {
          if (!ok) {
            throw DomainException.unauthenticated("Wrong username or password");
          }
          return db.tx(c -> signIn(c, username));
        })
        .onSuccess(signedIn -> sessions.opened(signedIn.session()));
  }

  private SignedIn signIn(Connection c, String username) throws SQLException {
    Sessions.Opened session = sessions.open(c, username);
    return new SignedIn(tokens.issue(username, session.id()), session);
  }

  /** A fresh access token for the session the refresh credential (the cookie's value) names. */
  public Future<SignedIn> refresh(String credential) {
    return sessions.refresh(credential).map(s -> new SignedIn(tokens.issue(s.username(), s.id()), s));
  }

  /** Ends the session {@code sessionId} (logout). */
  public Future<Void> logout(String sessionId) {
    return sessions.end(sessionId);
  }

  /** Ends every session of {@code username}, this one included. */
  public Future<Void> logoutEverywhere(String username) {
    return sessions.endAllOf(username, null);
  }

  /**
   * Changes the password after checking the current one ({@code currentPassword},
   * {@code newPassword}); every other session of the user ends, {@code sessionId} stays.
   */
  public Future<Void> changePassword(String username, String sessionId, JsonObject body) {
    String current = Fields.raw(body, "currentPassword");
    String fresh = password(body, "newPassword");
    return confirmPassword(username, current).compose(v -> signUpHashing.hash(fresh)).compose(hash -> db.tx(c -> {
      users.setPasswordHash(c, username, hash);
      List<String> others = new ArrayList<>(sessions.idsOf(c, username));
      others.remove(sessionId);
      sessions.delete(c, others);
      return others;
    })).map(others -> {
      sessions.endedHere(others);
      log.info("user {} changed their password; {} other sessions ended", username, others.size());
      return null;
    });
  }

  /**
   * Deletes the account after checking {@code password}: profile, status, blocks and every message
   * it sent or received go with it, and all its sessions end (its sockets close on every node).
   */
  public Future<Void> deleteAccount(String username, JsonObject body) {
    String password = Fields.raw(body, "password");
    return confirmPassword(username, password).compose(v -> db.tx(c -> {
      List<String> ids = sessions.idsOf(c, username);
      users.delete(c, username);
      return ids;
    })).map(ids -> {
      sessions.endedHere(ids);
      members.forget(username);
      log.info("user {} deleted their account", username);
      return null;
    });
  }

  /** Succeeds when {@code password} is the user's current one (checked on the login hashing threads). */
  private Future<Void> confirmPassword(String username, String password) {
    if (password == null) {
      return Future.failedFuture(DomainException.invalid("Your current password is required"));
    }
    return db.read(c -> users.passwordHash(c, username).orElse(null))
        .compose(hash -> loginHashing.matches(password, hash))
        .map(ok -> {
          if (!ok) {
            // not 401: the caller is signed in, only this confirmation is wrong
            throw new DomainException(DomainException.Kind.FORBIDDEN, "wrong_password",
                "That is not your current password");
          }
          return null;
        });
  }

  private static String password(JsonObject body) {
    return password(body, "password");
  }

  private static String password(JsonObject body, String field) {
    String password = Fields.raw(body, field);
    if (password == null || password.length() < PASSWORD_MIN || password.length() > PASSWORD_MAX) {
      throw DomainException.invalid("'" + field + "' must be " + PASSWORD_MIN + " to " + PASSWORD_MAX + " characters");
    }
    return password;
  }
}
