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
    Presence presence,
    Limits limits,
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
      int loginFailuresPerUser,
      int loginAttemptsPerIp,
      Duration loginWindow) {}

  /**
   * Uploaded photos: {@code maxBytes} per upload, {@code maxPixels} per image (width x height, so a
   * small file that decodes to a huge image is refused before it is decoded), {@code perMember}
   * photos each member may keep, and {@code workers}: images resized at once (it is CPU work).
   */
  public record Photos(int maxBytes, long maxPixels, int perMember, int workers) {}

  /** A token bucket: {@code perMinute} refill, {@code burst} capacity. */
  public record Rate(int perMinute, int burst) {}

  public static final int DEFAULT_PORT = 8000;
  public static final String DEFAULT_REDIS_PREFIX = "pulse";
  public static final long DEFAULT_DRAIN_DELAY_MS = 0;
  public static final String DEFAULT_HOST = "0.0.0.0";
  public static final String DEFAULT_DATA_DIR = "./data";
  public static final long DEFAULT_TOKEN_TTL_MINUTES = 7 * 24 * 60;
  public static final int DEFAULT_BCRYPT_COST = 10;
  public static final int DEFAULT_DB_POOL_SIZE = 10;
  public static final DbSync DEFAULT_DB_SYNC = DbSync.NORMAL;
  public static final long DEFAULT_MESSAGE_QUEUE_MAX_MS = 500;
  public static final long DEFAULT_OFFLINE_GRACE_MS = 3_000;
  public static final long DEFAULT_AWAY_AFTER_MS = 5 * 60_000;
  public static final long DEFAULT_ONLINE_COUNT_INTERVAL_MS = 250;
  public static final int DEFAULT_PRESENCE_WATCH_MAX = 500;
  public static final int DEFAULT_MESSAGE_MAX_LENGTH = 2_000;
  public static final int DEFAULT_MAX_PAYLOAD_BYTES = 100_000;
  public static final int DEFAULT_HTTP_BODY_MAX_BYTES = 64 * 1024;
  public static final int DEFAULT_MESSAGES_PER_MINUTE = 120;
  public static final int DEFAULT_MESSAGE_BURST = 20;
  public static final int DEFAULT_TYPING_PER_MINUTE = 120;
  public static final int DEFAULT_TYPING_BURST = 10;
  public static final int DEFAULT_EVENTS_PER_MINUTE = 600;
  public static final int DEFAULT_EVENT_BURST = 60;
  public static final int DEFAULT_LOGIN_FAILURES_PER_USER = 5;
  public static final int DEFAULT_LOGIN_ATTEMPTS_PER_IP = 30;
  public static final long DEFAULT_LOGIN_WINDOW_MINUTES = 15;
  public static final int DEFAULT_PHOTO_MAX_BYTES = 5 * 1024 * 1024;
  public static final long DEFAULT_PHOTO_MAX_PIXELS = 40_000_000;
  public static final int DEFAULT_PHOTOS_PER_MEMBER = 6;
  public static final int DEFAULT_PHOTO_WORKERS = 2;

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
        Duration.ofMinutes(r.number("TOKEN_TTL_MINUTES", DEFAULT_TOKEN_TTL_MINUTES, 1, 525_600)),
        origins(r.string("SOCKETIO_CORS_ORIGINS", "")),
        r.string("TLS_CERT", null),
        r.string("TLS_KEY", null),
        r.integer("BCRYPT_COST", DEFAULT_BCRYPT_COST, 4, 31),
        r.integer("DB_POOL_SIZE", DEFAULT_DB_POOL_SIZE, 1, 500),
        dbSync(r.string("DB_SYNC", DEFAULT_DB_SYNC.name())),
        Duration.ofMillis(r.number("MESSAGE_QUEUE_MAX_MS", DEFAULT_MESSAGE_QUEUE_MAX_MS, 10, 60_000)),
        r.bool("SEED_DEMO_PROFILES", true),
        new Presence(
            Duration.ofMillis(r.number("PRESENCE_GRACE_MS", DEFAULT_OFFLINE_GRACE_MS, 0, 3_600_000)),
            Duration.ofMillis(r.number("AWAY_AFTER_MS", DEFAULT_AWAY_AFTER_MS, 1_000, 86_400_000)),
            Duration.ofMillis(r.number("ONLINE_COUNT_INTERVAL_MS", DEFAULT_ONLINE_COUNT_INTERVAL_MS, 10, 60_000)),
            r.integer("PRESENCE_WATCH_MAX", DEFAULT_PRESENCE_WATCH_MAX, 1, 100_000)),
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
            r.integer("LOGIN_FAILURES_PER_USER", DEFAULT_LOGIN_FAILURES_PER_USER, 1, 1_000_000),
            r.integer("LOGIN_ATTEMPTS_PER_IP", DEFAULT_LOGIN_ATTEMPTS_PER_IP, 1, 1_000_000),
            Duration.ofMinutes(r.number("LOGIN_WINDOW_MINUTES", DEFAULT_LOGIN_WINDOW_MINUTES, 1, 1_440))),
        new Photos(
            r.integer("PHOTO_MAX_BYTES", DEFAULT_PHOTO_MAX_BYTES, 1_024, 100_000_000),
            r.number("PHOTO_MAX_PIXELS", DEFAULT_PHOTO_MAX_PIXELS, 16_384, 1_000_000_000),
            r.integer("PHOTOS_PER_MEMBER", DEFAULT_PHOTOS_PER_MEMBER, 1, 100),
            r.integer("PHOTO_WORKERS", DEFAULT_PHOTO_WORKERS, 1, 64)),
        r.bool("CHAT_REQUIRES_INTEREST", false),
        java.util.Set.copyOf(origins(r.string("ADMIN_USERNAMES", "").toLowerCase(java.util.Locale.ROOT))));
    r.failIfInvalid();
    if (config.redisUrl != null && config.embeddedDatabase()) {
      throw new IllegalArgumentException("REDIS_URL runs Pulse as one node of a cluster, and the nodes must share "
          + "one database: set DATABASE_URL to a PostgreSQL database (the embedded one belongs to a single node)");
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

  private static List<String> origins(String list) {
    return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
