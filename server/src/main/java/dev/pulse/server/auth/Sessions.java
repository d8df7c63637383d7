package dev.pulse.server.auth;

import dev.pulse.server.core.DomainException;
import dev.pulse.server.store.Database;
import dev.pulse.server.store.SessionRepository;
import dev.pulse.server.store.SessionRepository.StoredSession;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Sign-in sessions, stored in the database so that every node knows them. A session is opened by
 * a login, lives {@code SESSION_TTL_DAYS}, is refreshed with a credential ({@code id.secret}, the
 * secret stored only as its SHA-256) and ends when its user logs out, logs out everywhere,
 * changes their password (the others end) or deletes the account.
 *
 * <p>Every authenticated request asks {@link #live}, so live sessions are cached. An end is seen
 * at once by every node: the node that ends a session drops it here and tells the others (in a
 * cluster through Redis, see {@code ClusterNode.shareSessionEnds}); {@link #onEnded} listeners
 * (the socket edge closes that session's connections) run on every node. A lookup that was
 * already reading the database when the end arrived is not believed: ended ids are remembered
 * for a while. Used on the event loop only.
 */
public final class Sessions {
  /** Why a token of an ended session is refused (the socket's {@code connect_error} and error event). */
  public static final String ENDED = "session ended";
  /** Live sessions kept in the cache; the least recently used go first. */
  static final int CACHE_CAPACITY = 50_000;
  /** How long an ended id is remembered, to refuse a lookup that raced with the end. */
  static final Duration REMEMBER_ENDED = Duration.ofMinutes(1);
  private static final int ID_BYTES = 16;
  private static final int SECRET_BYTES = 32;

  /** A session just opened: its id, the refresh credential for the cookie, and its end. */
  public record Opened(String id, String username, String credential, Instant expiresAt) {}

  private record Live(String username, Instant expiresAt) {}

  private final Database db;
  private final SessionRepository rows;
  private final Duration ttl;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Live> cache = new LinkedHashMap<>(1024, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Live> eldest) {
      return size() > CACHE_CAPACITY;
    }
  };
  private final Map<String, Instant> recentlyEnded = new HashMap<>();
  private final List<Consumer<Set<String>>> endedListeners = new ArrayList<>(2);
  private Consumer<Set<String>> sharer = ids -> {};
  private BooleanSupplier hearingEnds = () -> true;

  public Sessions(Database db, SessionRepository rows, Duration ttl, Clock clock) {
    this.db = db;
    this.rows = rows;
    this.ttl = ttl;
    this.clock = clock;
  }

  /**
   * Opens a session for {@code username} in the caller's transaction (a login or registration),
   * clearing away the user's expired ones. Runs on a worker thread: touches no cache; the caller
   * hands the result to {@link #opened} once committed.
   */
  public Opened open(Connection c, String username) throws SQLException {
    String id = randomText(ID_BYTES);
    String secret = randomText(SECRET_BYTES);
    Instant now = clock.instant();
    Instant expires = now.plus(ttl);
    rows.deleteExpired(c, username, now);
    rows.insert(c, id, username, sha256(secret), now, expires);
    return new Opened(id, username, id + "." + secret, expires);
  }

  /** A session opened and committed: known live here without a read (the client connects next). */
  public void opened(Opened session) {
    cache.put(session.id(), new Live(session.username(), session.expiresAt()));
  }

  /** True when session {@code id} exists, belongs to {@code username} and has not expired. */
  public Future<Boolean> live(String id, String username) {
    Live known = hearingEnds.getAsBoolean() ? cache.get(id) : null;
    if (known != null) {
      return Future.succeededFuture(known.username().equals(username) && clock.instant().isBefore(known.expiresAt()));
    }
    return db.read(c -> rows.find(c, id)).map(found -> {
      if (found.isEmpty() || wasEnded(id) || !clock.instant().isBefore(found.get().expiresAt())) {
        return false;
      }
      StoredSession s = found.get();
      cache.put(id, new Live(s.username(), s.expiresAt()));
      return s.username().equals(username);
    });
  }

  /**
   * The session a refresh credential ({@code id.secret}) opens, when it is live and the secret
   * matches; {@code unauthorized} otherwise.
   */
  public Future<Opened> refresh(String credential) {
    int dot = credential == null ? -1 : credential.indexOf('.');
    if (dot <= 0 || dot == credential.length() - 1) {
      return Future.failedFuture(DomainException.unauthenticated("No session: log in"));
    }
    String id = credential.substring(0, dot);
    byte[] presented = sha256(credential.substring(dot + 1)).getBytes(StandardCharsets.US_ASCII);
    return db.read(c -> rows.find(c, id)).map(found -> {
      StoredSession s = found.orElse(null);
      boolean matches = s != null
          && MessageDigest.isEqual(presented, s.secretHash().getBytes(StandardCharsets.US_ASCII));
      if (!matches || wasEnded(id) || !clock.instant().isBefore(s.expiresAt())) {
        throw DomainException.unauthenticated("Your session has ended: log in again");
      }
      cache.put(id, new Live(s.username(), s.expiresAt()));
      return new Opened(id, s.username(), credential, s.expiresAt());
    });
  }

  /** Ends one session (logout). */
  public Future<Void> end(String id) {
    return endAll(Set.of(id));
  }

  /** Ends every session of {@code username} but {@code keep} (null: all of them). */
  public Future<Void> endAllOf(String username, String keep) {
    return db.run(c -> {
      List<String> ids = new ArrayList<>(rows.idsOf(c, username));
      ids.remove(keep);
      rows.delete(c, ids);
      return Set.copyOf(ids);
    }).compose(ids -> {
      ended(ids, true);
      return Future.<Void>succeededFuture();
    });
  }

  /** The ids of {@code username}'s sessions (to end them after the rows are gone with the account). */
  public List<String> idsOf(Connection c, String username) throws SQLException {
    return rows.idsOf(c, username);
  }

  /** Deletes sessions {@code ids} in the caller's transaction; tell {@link #endedHere} once committed. */
  public void delete(Connection c, Collection<String> ids) throws SQLException {
    rows.delete(c, ids);
  }

  /** Tells this node and the others that {@code ids}, deleted by the caller, have ended. */
  public void endedHere(Collection<String> ids) {
    ended(Set.copyOf(ids), true);
  }

  private Future<Void> endAll(Set<String> ids) {
    return db.run(c -> {
      rows.delete(c, ids);
      return null;
    }).compose(v -> {
      ended(ids, true);
      return Future.<Void>succeededFuture();
    });
  }

  /** Another node ended these sessions. */
  public void endedElsewhere(Set<String> ids) {
    ended(ids, false);
  }

  /** Which of {@code ids} are still stored (after a gap in hearing from the other nodes). */
  public Future<Set<String>> stillStored(Collection<String> ids) {
    List<String> copy = List.copyOf(ids);
    return db.read(c -> rows.existing(c, copy));
  }

  /** Forgets every cached session: ends told by other nodes may have been missed. */
  public void forgetCached() {
    cache.clear();
  }

  /** Runs {@code listener} on this node for every session that ends, here or on another node. */
  public void onEnded(Consumer<Set<String>> listener) {
    endedListeners.add(listener);
  }

  /**
   * Where the sessions ended on this node are told to the others (one sharer; a cluster's link),
   * and whether this node hears theirs now: while it does not, the cache is not trusted and
   * every check reads the database.
   */
  public void shareEndsWith(Consumer<Set<String>> sharer, BooleanSupplier hearingEnds) {
    this.sharer = sharer;
    this.hearingEnds = hearingEnds;
  }

  private void ended(Set<String> ids, boolean here) {
    if (ids.isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    recentlyEnded.values().removeIf(at -> at.isBefore(now.minus(REMEMBER_ENDED)));
    for (String id : ids) {
      cache.remove(id);
      recentlyEnded.put(id, now);
    }
    if (here) {
      sharer.accept(ids);
    }
    endedListeners.forEach(l -> l.accept(ids));
  }

  /** True when session {@code id} ended a moment ago (a lookup that raced with the end). */
  public boolean endedRecently(String id) {
    return wasEnded(id);
  }

  private boolean wasEnded(String id) {
    Instant at = recentlyEnded.get(id);
    return at != null && at.isAfter(clock.instant().minus(REMEMBER_ENDED));
  }

  private String randomText(int bytes) {
    byte[] b = new byte[bytes];
    random.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private static String sha256(String secret) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
