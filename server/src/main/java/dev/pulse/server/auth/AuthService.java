package dev.pulse.server.auth;

import dev.pulse.server.core.DomainException;
import dev.pulse.server.core.Fields;
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
 * session}. Password hashing runs on worker threads; throttling on the event loop.
 */
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
  private final Sessions sessions;
  private final Members members;
  private final Clock clock;

  /** A login's outcome: the access token and the session it belongs to. */
  public record SignedIn(TokenService.Issued access, Sessions.Opened session) {
    public String username() {
      return access.username();
    }
  }

  public AuthService(Database db, UserRepository users, ProfileRepository profiles, PasswordHasher hasher,
      TokenService tokens, LoginThrottle throttle, Sessions sessions, Members members, Clock clock) {
    this.sessions = sessions;
    this.members = members;
    this.db = db;
    this.users = users;
    this.profiles = profiles;
    this.hasher = hasher;
    this.tokens = tokens;
    this.throttle = throttle;
    this.clock = clock;
  }

  /** Creates an account and its profile, signed in. */
  public Future<SignedIn> register(JsonObject body) {
    String username = ProfileFields.username(body);
    String password = password(body);
    Profile profile = ProfileFields.forNew(username, body, LocalDate.now(clock));
    return db.tx(c -> {
      Instant now = clock.instant();
      if (!users.insert(c, username, hasher.hash(password), now)) {
        throw DomainException.conflict("The username '" + username + "' is taken");
      }
      profiles.insert(c, profile, now);
      return signIn(c, username);
    }).onSuccess(s -> {
      sessions.opened(s.session());
      log.info("user {} registered", username);
    });
  }

  /** Checks a username and password from {@code ip}; throws 429 past the attempt limits. */
  public Future<SignedIn> login(JsonObject body, String ip) {
    String username = Fields.string(body, "username", true, 64).toLowerCase();
    String password = Fields.raw(body, "password");
    if (password == null) {
      throw DomainException.invalid("'password' is required");
    }
    throttle.admit(username, ip);
    return db.run(c -> {
      String hash = users.passwordHash(c, username).orElse(null);
      return hasher.matches(password, hash) ? signIn(c, username) : null;
    }).map(signedIn -> {
      if (signedIn == null) {
        throttle.failed(username);
        throw DomainException.unauthenticated("Wrong username or password");
      }
      throttle.succeeded(username);
      sessions.opened(signedIn.session());
      return signedIn;
    });
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
    return db.tx(c -> {
      requirePassword(c, username, current);
      users.setPasswordHash(c, username, hasher.hash(fresh));
      List<String> others = new ArrayList<>(sessions.idsOf(c, username));
      others.remove(sessionId);
      sessions.delete(c, others);
      return others;
    }).map(others -> {
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
    return db.tx(c -> {
      requirePassword(c, username, password);
      List<String> ids = sessions.idsOf(c, username);
      users.delete(c, username);
      return ids;
    }).map(ids -> {
      sessions.endedHere(ids);
      members.forget(username);
      log.info("user {} deleted their account", username);
      return null;
    });
  }

  private void requirePassword(Connection c, String username, String password) throws SQLException {
    if (password == null) {
      throw DomainException.invalid("Your current password is required");
    }
    if (!hasher.matches(password, users.passwordHash(c, username).orElse(null))) {
      // not 401: the caller is signed in, only this confirmation is wrong
      throw new DomainException(DomainException.Kind.FORBIDDEN, "wrong_password", "That is not your current password");
    }
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
