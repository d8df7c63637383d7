package dev.pulse.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Everything Pulse reads from its environment, with the defaults documented in the README's
 * configuration table. Built once in {@code Main} and handed to whoever needs a part of it.
 *
 * @param port HTTP port ({@code PORT}, 8000; 0 picks a free one)
 * @param host interface to bind ({@code HOST}, 0.0.0.0)
 * @param dataDir embedded database and generated secrets ({@code DATA_DIR}, ./data)
 * @param databaseUrl {@code DATABASE_URL}: PostgreSQL, as {@code postgres://user:pass@host/db} or a
 *     {@code jdbc:postgresql:} URL; null = embedded SQLite under dataDir
 * @param dbSync {@code DB_SYNC}: when an embedded commit counts as done (normal: written to the OS;
 *     full: fsynced)
 * @param messageQueueMax {@code MESSAGE_QUEUE_MAX_MS}: the most work the message writer queues,
 *     as time to commit it at the rate it is committing; past it a send is refused at once
 * @param redisUrl {@code REDIS_URL}; null = single node, everything in memory
 * @param redisPrefix {@code REDIS_PREFIX}: the prefix of every Redis key and channel, so that
 *     several clusters can share one Redis
 * @param drainDelay {@code DRAIN_DELAY_MS}: on SIGTERM, how long /health answers 503 before the
 *     sockets are closed, so that a balancer has stopped sending new connections here
 * @param nodeAddress {@code NODE_ADDRESS}: {@code host:port} where the other nodes reach this one;
 *     null = 127.0.0.1 and the listening port (every node on one machine)
 * @param jwtSecret {@code JWT_SECRET}; null = generated once and kept in dataDir
 * @param corsOrigins {@code SOCKETIO_CORS_ORIGINS}, comma separated; empty = same origin only
 * @param metricsToken {@code METRICS_TOKEN}: the bearer token {@code GET /metrics} requires; null =
 *     /metrics is off (it tells who comes and goes, so it is never public)
 * @param guards limits on what one address or account may hold or try (the README's Security section)
 * @param tokenTtl {@code TOKEN_TTL_MINUTES}: how long an access token lives (clients refresh it
 *     in band before then)
 * @param sessions how long sign-ins last and which tokens are believed
 * @param calls voice and video calls: timings and the ICE servers browsers are given
 * @param adminUsernames {@code ADMIN_USERNAMES}, comma separated: the moderators, who may read reports
 * @param chatRequiresInterest {@code CHAT_REQUIRES_INTEREST}: people may message each other only
 *     once one of them accepted the other's interest
 */
public record Config(
    int port,
    String host,
    Path dataDir,
    String databaseUrl,
    String redisUrl,
    String redisPrefix,
    String nodeAddress,
    Duration drainDelay,
    String jwtSecret,
    Duration tokenTtl,
    List<String> corsOrigins,
    String tlsCert,
    String tlsKey,
    int bcryptCost,
    int dbPoolSize,
    DbSync dbSync,
    Duration messageQueueMax,
    boolean seedDemoProfiles,
    String metricsToken,
    Presence presence,
    Connections connections,
    Limits limits,
    Guards guards,
    Sessions sessions,
    Calls calls,
    Photos photos,
    boolean chatRequiresInterest,
    java.util.Set<String> adminUsernames) {

  /** When a commit to the embedded database counts as done. */
  public enum DbSync {
    /** Written to the operating system: survives the process being killed, not a power cut. */
    NORMAL,
    /** Also flushed to the disk (fsync): survives a power cut; each commit waits for the disk. */
    FULL
  }

  /**
   * Presence timings, and {@code watchMax}: the most users one socket may name in
   * {@code presence_watch}.
   */
  public record Presence(Duration offlineGrace, Duration awayAfter, Duration countInterval, int watchMax) {}

  /**
   * How soon a connection that is gone is noticed: a WebSocket or poll that stops answering pings
   * after {@code pingInterval + pingTimeout}; a long-polling client that stops polling (a tab closed
   * between two polls, or in the middle of its upgrade) after {@code pollGap}; such a client no
   * longer counts as present after {@code pollQuiet}, so its user's grace period starts then.
   */
  public record Connections(Duration pingInterval, Duration pingTimeout, Duration pollGap, Duration pollQuiet) {}

  /**
   * Limits on what one user or connection may do. Rates are token buckets: {@code perMinute}
   * sustained, {@code burst} at once.
   */
  public record Limits(
      int messageMaxLength,
      int maxPayloadBytes,
      int httpBodyMaxBytes,
      Rate messages,
      Rate typing,
      Rate otherEvents,
      Rate status,
      Rate calls,
      Rate reactions,
      Rate chatPhotos) {}

  /**
   * What one client address or account may hold or try, against floods and slow attacks.
   *
   * @param trustedProxies {@code TRUSTED_PROXIES}: peers whose {@code X-Forwarded-For} names the client
   * @param headerTimeout {@code HTTP_HEADER_TIMEOUT_MS}: a connection must complete a request's headers
   *     this soon after opening, or after its previous response (a keep-alive connection idle that long is closed)
   * @param connectTimeout {@code CONNECT_TIMEOUT_MS}: an Engine.IO session must be accepted by a
   *     namespace (a Socket.IO CONNECT with a valid token) this soon
   * @param pendingPerAddress {@code PENDING_SESSIONS_PER_ADDRESS}: sessions of one address not yet accepted
   * @param pendingTotal {@code PENDING_SESSIONS_TOTAL}: sessions not yet accepted, from all addresses
   * @param socketsPerUser {@code SOCKETS_PER_USER}: open sockets of one account (a new one past it is refused)
   * @param catchUpWindow {@code CATCH_UP_WINDOW_MS}: a user's backlog is pushed at most once in this
   *     window while the socket that had it is open
   * @param registrations {@code REGISTRATIONS_PER_HOUR} / {@code REGISTRATION_BURST}, per address
   * @param hashThreads {@code PASSWORD_HASH_THREADS}: passwords hashed at once for sign-ups, and as many checked for logins
   * @param hashQueueMax {@code PASSWORD_HASH_QUEUE_MAX}: sign-ups (or logins) waiting for those; more are refused at once
   * @param loginFreeFailures {@code LOGIN_FREE_FAILURES}: wrong passwords per account and address before delays
   * @param loginDelay {@code LOGIN_DELAY_MS}: the first delay; each further failure doubles it
   * @param loginDelayMax {@code LOGIN_DELAY_MAX_MS}: the longest delay
   * @param loginFailuresPerAddress {@code LOGIN_FAILURES_PER_ADDRESS}: wrong passwords from one
   *     address, any accounts, within {@code loginWindow}
   * @param loginWindow {@code LOGIN_WINDOW_MINUTES}: failures older than this (since the last) are forgotten
   */
  public record Guards(
      List<String> trustedProxies,
      Duration headerTimeout,
      Duration connectTimeout,
      int pendingPerAddress,
      int pendingTotal,
      int socketsPerUser,
      Duration catchUpWindow,
      Rate registrations,
      int hashThreads,
      int hashQueueMax,
      int loginFreeFailures,
      Duration loginDelay,
      Duration loginDelayMax,
      int loginFailuresPerAddress,
      Duration loginWindow) {}

  /**
   * Sign-in sessions: {@code ttl} ({@code SESSION_TTL_DAYS}) is how long one login lasts, refreshed
   * through its cookie; {@code tokenMaxLifetime} ({@code TOKEN_MAX_LIFETIME_MINUTES}) the longest
   * life a token may claim and still be accepted; {@code clockSkew} ({@code CLOCK_SKEW_SECONDS})
   * how far in the future a token's iat / nbf may lie (another node's clock running ahead).
   */
  public record Sessions(Duration ttl, Duration tokenMaxLifetime, Duration clockSkew) {}

  /**
   * Calls: {@code ringTimeout} ({@code CALL_RING_TIMEOUT_MS}) until an unanswered call is missed;
   * {@code reconnect} ({@code CALL_RECONNECT_MS}) that a party whose connection dropped has to come
   * back; {@code iceServers} ({@code ICE_SERVERS}, comma separated {@code stun:}, {@code turn:},
   * {@code turns:} URLs; empty = none, browsers use their own addresses only); {@code turnSecret}
   * ({@code TURN_SECRET}: the TURN server's shared secret, for time-limited credentials; null =
   * TURN servers are given without credentials) and {@code turnCredentialTtl}
   * ({@code TURN_CREDENTIAL_TTL_S}) how long such credentials are valid.
   */
  public record Calls(Duration ringTimeout, Duration reconnect, List<String> iceServers, String turnSecret,
      Duration turnCredentialTtl) {}

  /**
   * Uploaded photos: {@code maxBytes} per upload, {@code maxPixels} per image (width x height, so a
   * small file that decodes to a huge image is refused before it is decoded), {@code perMember}
   * photos each member may keep, {@code workers}: images resized at once (it is CPU work), and
   * {@code queueMax} ({@code PHOTO_RESIZE_QUEUE_MAX}): uploads waiting for those; more are refused at once.
   */
  public record Photos(int maxBytes, long maxPixels, int perMember, int workers, int queueMax) {}

  /** A token bucket: {@code perMinute} refill (may be a fraction), {@code burst} capacity. */
  public record Rate(double perMinute, int burst) {
    public static Rate perHour(int perHour, int burst) {
      return new Rate(perHour / 60.0, burst);
    }

    /** "60 per minute", or "20 per hour" for slower rates. */
    public String describe() {
      return perMinute >= 1 ? Math.round(perMinute) + " per minute" : Math.round(perMinute * 60) + " per hour";
    }
  }

  public static final int DEFAULT_PORT = 8000;
  public static final String DEFAULT_REDIS_PREFIX = "pulse";
  public static final long DEFAULT_DRAIN_DELAY_MS = 0;
  public static final String DEFAULT_HOST = "0.0.0.0";
  public static final String DEFAULT_DATA_DIR = "./data";
  public static final long DEFAULT_TOKEN_TTL_MINUTES = 15;
  public static final long DEFAULT_TOKEN_MAX_LIFETIME_MINUTES = 60;
  public static final long DEFAULT_CLOCK_SKEW_SECONDS = 30;
  public static final long DEFAULT_SESSION_TTL_DAYS = 30;
  public static final int DEFAULT_BCRYPT_COST = 10;
  public static final int DEFAULT_DB_POOL_SIZE = 10;
  public static final DbSync DEFAULT_DB_SYNC = DbSync.NORMAL;
  public static final long DEFAULT_MESSAGE_QUEUE_MAX_MS = 500;
  public static final long DEFAULT_OFFLINE_GRACE_MS = 3_000;
  public static final long DEFAULT_AWAY_AFTER_MS = 5 * 60_000;
  public static final long DEFAULT_ONLINE_COUNT_INTERVAL_MS = 250;
  public static final int DEFAULT_PRESENCE_WATCH_MAX = 500;
  // a connection whose network silently died is closed within 20 s, announced offline within 23 s
  public static final long DEFAULT_PING_INTERVAL_MS = 10_000;
  public static final long DEFAULT_PING_TIMEOUT_MS = 10_000;
  public static final long DEFAULT_POLL_GAP_TIMEOUT_MS = 5_000;
  // with the 3 s grace, a tab closed between two polls is announced offline 4.5 s after its last poll
  public static final long DEFAULT_POLL_QUIET_MS = 1_500;
  public static final int DEFAULT_MESSAGE_MAX_LENGTH = 2_000;
  public static final int DEFAULT_MAX_PAYLOAD_BYTES = 100_000;
  public static final int DEFAULT_HTTP_BODY_MAX_BYTES = 64 * 1024;
  public static final int DEFAULT_MESSAGES_PER_MINUTE = 120;
  public static final int DEFAULT_MESSAGE_BURST = 20;
  public static final int DEFAULT_TYPING_PER_MINUTE = 120;
  public static final int DEFAULT_TYPING_BURST = 10;
  public static final int DEFAULT_EVENTS_PER_MINUTE = 600;
  public static final int DEFAULT_EVENT_BURST = 60;
  public static final int DEFAULT_STATUS_PER_MINUTE = 30;
  public static final int DEFAULT_STATUS_BURST = 5;
  public static final long DEFAULT_HTTP_HEADER_TIMEOUT_MS = 10_000;
  public static final long DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
  public static final int DEFAULT_PENDING_SESSIONS_PER_ADDRESS = 50;
  public static final int DEFAULT_PENDING_SESSIONS_TOTAL = 2_000;
  public static final int DEFAULT_SOCKETS_PER_USER = 10;
  public static final long DEFAULT_CATCH_UP_WINDOW_MS = 10_000;
  public static final int DEFAULT_REGISTRATIONS_PER_HOUR = 20;
  public static final int DEFAULT_REGISTRATION_BURST = 5;
  public static final int DEFAULT_PASSWORD_HASH_THREADS = 2;
  public static final int DEFAULT_PASSWORD_HASH_QUEUE_MAX = 16;
  public static final int DEFAULT_LOGIN_FREE_FAILURES = 5;
  public static final long DEFAULT_LOGIN_DELAY_MS = 1_000;
  public static final long DEFAULT_LOGIN_DELAY_MAX_MS = 15 * 60_000;
  public static final int DEFAULT_LOGIN_FAILURES_PER_ADDRESS = 100;
  public static final int DEFAULT_CALLS_PER_MINUTE = 10;
  public static final int DEFAULT_CALL_BURST = 5;
  public static final int DEFAULT_REACTIONS_PER_MINUTE = 60;
  public static final int DEFAULT_REACTION_BURST = 20;
  public static final int DEFAULT_CHAT_PHOTOS_PER_HOUR = 60;
  public static final int DEFAULT_CHAT_PHOTO_BURST = 10;
  public static final long DEFAULT_CALL_RING_TIMEOUT_MS = 30_000;
  public static final long DEFAULT_CALL_RECONNECT_MS = 10_000;
  public static final long DEFAULT_TURN_CREDENTIAL_TTL_S = 86_400;
  public static final long DEFAULT_LOGIN_WINDOW_MINUTES = 15;
  public static final int DEFAULT_PHOTO_MAX_BYTES = 5 * 1024 * 1024;
  public static final long DEFAULT_PHOTO_MAX_PIXELS = 40_000_000;
  public static final int DEFAULT_PHOTOS_PER_MEMBER = 6;
  public static final int DEFAULT_PHOTO_WORKERS = 2;
  public static final int DEFAULT_PHOTO_RESIZE_QUEUE_MAX = 8;

  /** Reads the configuration from environment variables (or a test's map of them). */
  public static Config fromEnv(Map<String, String> env) {
    EnvReader r = new EnvReader(env);
    Config config = new Config(
        r.integer("PORT", DEFAULT_PORT, 0, 65535),
        r.string("HOST", DEFAULT_HOST),
        Path.of(r.string("DATA_DIR", DEFAULT_DATA_DIR)),
        r.string("DATABASE_URL", null),
        r.string("REDIS_URL", null),
        r.string("REDIS_PREFIX", DEFAULT_REDIS_PREFIX),
        r.string("NODE_ADDRESS", null),
        Duration.ofMillis(r.number("DRAIN_DELAY_MS", DEFAULT_DRAIN_DELAY_MS, 0, 600_000)),
        r.string("JWT_SECRET", null),
        Duration.ofMinutes(r.number("TOKEN_TTL_MINUTES", DEFAULT_TOKEN_TTL_MINUTES, 1, 1_440)),
        list(r.string("SOCKETIO_CORS_ORIGINS", "")),
        r.string("TLS_CERT", null),
        r.string("TLS_KEY", null),
        r.integer("BCRYPT_COST", DEFAULT_BCRYPT_COST, 4, 31),
        r.integer("DB_POOL_SIZE", DEFAULT_DB_POOL_SIZE, 1, 500),
        dbSync(r.string("DB_SYNC", DEFAULT_DB_SYNC.name())),
        Duration.ofMillis(r.number("MESSAGE_QUEUE_MAX_MS", DEFAULT_MESSAGE_QUEUE_MAX_MS, 10, 60_000)),
        r.bool("SEED_DEMO_PROFILES", true),
        r.string("METRICS_TOKEN", null),
        new Presence(
            Duration.ofMillis(r.number("PRESENCE_GRACE_MS", DEFAULT_OFFLINE_GRACE_MS, 0, 3_600_000)),
            Duration.ofMillis(r.number("AWAY_AFTER_MS", DEFAULT_AWAY_AFTER_MS, 1_000, 86_400_000)),
            Duration.ofMillis(r.number("ONLINE_COUNT_INTERVAL_MS", DEFAULT_ONLINE_COUNT_INTERVAL_MS, 10, 60_000)),
            r.integer("PRESENCE_WATCH_MAX", DEFAULT_PRESENCE_WATCH_MAX, 1, 100_000)),
        new Connections(
            Duration.ofMillis(r.number("PING_INTERVAL_MS", DEFAULT_PING_INTERVAL_MS, 100, 600_000)),
            Duration.ofMillis(r.number("PING_TIMEOUT_MS", DEFAULT_PING_TIMEOUT_MS, 100, 600_000)),
            Duration.ofMillis(r.number("POLL_GAP_TIMEOUT_MS", DEFAULT_POLL_GAP_TIMEOUT_MS, 100, 600_000)),
            Duration.ofMillis(r.number("POLL_QUIET_MS", DEFAULT_POLL_QUIET_MS, 100, 600_000))),
        new Limits(
            r.integer("MESSAGE_MAX_LENGTH", DEFAULT_MESSAGE_MAX_LENGTH, 1, 100_000),
            r.integer("MAX_PAYLOAD_BYTES", DEFAULT_MAX_PAYLOAD_BYTES, 1_024, 100_000_000),
            r.integer("HTTP_BODY_MAX_BYTES", DEFAULT_HTTP_BODY_MAX_BYTES, 1_024, 100_000_000),
            new Rate(r.integer("MESSAGES_PER_MINUTE", DEFAULT_MESSAGES_PER_MINUTE, 1, 1_000_000),
                r.integer("MESSAGE_BURST", DEFAULT_MESSAGE_BURST, 1, 1_000_000)),
            new Rate(r.integer("TYPING_PER_MINUTE", DEFAULT_TYPING_PER_MINUTE, 1, 1_000_000),
                r.integer("TYPING_BURST", DEFAULT_TYPING_BURST, 1, 1_000_000)),
            new Rate(r.integer("EVENTS_PER_MINUTE", DEFAULT_EVENTS_PER_MINUTE, 1, 1_000_000),
                r.integer("EVENT_BURST", DEFAULT_EVENT_BURST, 1, 1_000_000)),
            new Rate(r.integer("STATUS_PER_MINUTE", DEFAULT_STATUS_PER_MINUTE, 1, 1_000_000),
                r.integer("STATUS_BURST", DEFAULT_STATUS_BURST, 1, 1_000_000)),
            new Rate(r.integer("CALLS_PER_MINUTE", DEFAULT_CALLS_PER_MINUTE, 1, 1_000_000),
                r.integer("CALL_BURST", DEFAULT_CALL_BURST, 1, 1_000_000)),
            new Rate(r.integer("REACTIONS_PER_MINUTE", DEFAULT_REACTIONS_PER_MINUTE, 1, 1_000_000),
                r.integer("REACTION_BURST", DEFAULT_REACTION_BURST, 1, 1_000_000)),
            Rate.perHour(r.integer("CHAT_PHOTOS_PER_HOUR", DEFAULT_CHAT_PHOTOS_PER_HOUR, 1, 1_000_000),
                r.integer("CHAT_PHOTO_BURST", DEFAULT_CHAT_PHOTO_BURST, 1, 1_000_000))),
        new Guards(
            list(r.string("TRUSTED_PROXIES", "")),
            Duration.ofMillis(r.number("HTTP_HEADER_TIMEOUT_MS", DEFAULT_HTTP_HEADER_TIMEOUT_MS, 100, 600_000)),
            Duration.ofMillis(r.number("CONNECT_TIMEOUT_MS", DEFAULT_CONNECT_TIMEOUT_MS, 100, 600_000)),
            r.integer("PENDING_SESSIONS_PER_ADDRESS", DEFAULT_PENDING_SESSIONS_PER_ADDRESS, 1, 1_000_000),
            r.integer("PENDING_SESSIONS_TOTAL", DEFAULT_PENDING_SESSIONS_TOTAL, 1, 10_000_000),
            r.integer("SOCKETS_PER_USER", DEFAULT_SOCKETS_PER_USER, 1, 100_000),
            Duration.ofMillis(r.number("CATCH_UP_WINDOW_MS", DEFAULT_CATCH_UP_WINDOW_MS, 0, 3_600_000)),
            Rate.perHour(r.integer("REGISTRATIONS_PER_HOUR", DEFAULT_REGISTRATIONS_PER_HOUR, 1, 1_000_000),
                r.integer("REGISTRATION_BURST", DEFAULT_REGISTRATION_BURST, 1, 1_000_000)),
            r.integer("PASSWORD_HASH_THREADS", DEFAULT_PASSWORD_HASH_THREADS, 1, 256),
            r.integer("PASSWORD_HASH_QUEUE_MAX", DEFAULT_PASSWORD_HASH_QUEUE_MAX, 0, 1_000_000),
            r.integer("LOGIN_FREE_FAILURES", DEFAULT_LOGIN_FREE_FAILURES, 1, 1_000),
            Duration.ofMillis(r.number("LOGIN_DELAY_MS", DEFAULT_LOGIN_DELAY_MS, 1, 86_400_000)),
            Duration.ofMillis(r.number("LOGIN_DELAY_MAX_MS", DEFAULT_LOGIN_DELAY_MAX_MS, 1, 86_400_000)),
            r.integer("LOGIN_FAILURES_PER_ADDRESS", DEFAULT_LOGIN_FAILURES_PER_ADDRESS, 1, 1_000_000),
            Duration.ofMinutes(r.number("LOGIN_WINDOW_MINUTES", DEFAULT_LOGIN_WINDOW_MINUTES, 1, 1_440))),
        new Sessions(
            Duration.ofDays(r.number("SESSION_TTL_DAYS", DEFAULT_SESSION_TTL_DAYS, 1, 3_650)),
            Duration.ofMinutes(r.number("TOKEN_MAX_LIFETIME_MINUTES", DEFAULT_TOKEN_MAX_LIFETIME_MINUTES, 1, 1_440)),
            Duration.ofSeconds(r.number("CLOCK_SKEW_SECONDS", DEFAULT_CLOCK_SKEW_SECONDS, 0, 600))),
        new Calls(
            Duration.ofMillis(r.number("CALL_RING_TIMEOUT_MS", DEFAULT_CALL_RING_TIMEOUT_MS, 100, 600_000)),
            Duration.ofMillis(r.number("CALL_RECONNECT_MS", DEFAULT_CALL_RECONNECT_MS, 0, 600_000)),
            iceServers(r.string("ICE_SERVERS", "")),
            r.string("TURN_SECRET", null),
            Duration.ofSeconds(r.number("TURN_CREDENTIAL_TTL_S", DEFAULT_TURN_CREDENTIAL_TTL_S, 60, 2_592_000))),
        new Photos(
            r.integer("PHOTO_MAX_BYTES", DEFAULT_PHOTO_MAX_BYTES, 1_024, 100_000_000),
            r.number("PHOTO_MAX_PIXELS", DEFAULT_PHOTO_MAX_PIXELS, 16_384, 1_000_000_000),
            r.integer("PHOTOS_PER_MEMBER", DEFAULT_PHOTOS_PER_MEMBER, 1, 100),
            r.integer("PHOTO_WORKERS", DEFAULT_PHOTO_WORKERS, 1, 64),
            r.integer("PHOTO_RESIZE_QUEUE_MAX", DEFAULT_PHOTO_RESIZE_QUEUE_MAX, 0, 10_000)),
        r.bool("CHAT_REQUIRES_INTEREST", false),
        java.util.Set.copyOf(list(r.string("ADMIN_USERNAMES", "").toLowerCase(java.util.Locale.ROOT))));
    r.retired("LOGIN_FAILURES_PER_USER",
        "failures are counted per account and client address, see LOGIN_FREE_FAILURES and LOGIN_DELAY_MS");
    r.retired("LOGIN_ATTEMPTS_PER_IP", "successful logins are not counted, see LOGIN_FAILURES_PER_ADDRESS");
    r.failIfInvalid();
    if (config.redisUrl != null && config.embeddedDatabase()) {
      throw new IllegalArgumentException("REDIS_URL runs Pulse as one node of a cluster, and the nodes must share "
          + "one database: set DATABASE_URL to a PostgreSQL database (the embedded one belongs to a single node)");
    }
    if (config.metricsToken != null && config.metricsToken.length() < 16) {
      throw new IllegalArgumentException("METRICS_TOKEN must be at least 16 characters");
    }
    if (config.tokenTtl.compareTo(config.sessions.tokenMaxLifetime()) > 0) {
      throw new IllegalArgumentException("TOKEN_TTL_MINUTES (" + config.tokenTtl.toMinutes()
          + ") cannot exceed TOKEN_MAX_LIFETIME_MINUTES (" + config.sessions.tokenMaxLifetime().toMinutes() + ")");
    }
    if ((config.tlsCert == null) != (config.tlsKey == null)) {
      throw new IllegalArgumentException("TLS_CERT and TLS_KEY must be set together");
    }
    return config;
  }

  public boolean embeddedDatabase() {
    return databaseUrl == null;
  }

  private static DbSync dbSync(String value) {
    try {
      return DbSync.valueOf(value.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("DB_SYNC must be normal or full, got '" + value + "'");
    }
  }

  private static List<String> iceServers(String list) {
    List<String> urls = list(list);
    for (String url : urls) {
      if (!url.matches("(?i)(stun|stuns|turn|turns):[^\\s,]+")) {
        throw new IllegalArgumentException("ICE_SERVERS must be stun:, stuns:, turn: or turns: URLs separated by commas,"
            + " got '" + url + "'");
      }
    }
    return urls;
  }

  private static List<String> list(String list) {
    return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
