package dev.pulse.bench;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line: {@code [scenario] [--key value]...}. Every option has a default, so a bare
 * {@code ./pulse bench} measures messages the way the README's table was measured.
 *
 * @param url an already running server to measure; null = start one from {@code serverJar}
 * @param serverCpus CPU list for {@code taskset} of the started server; "none" = not pinned
 */
record Options(
    String scenario,
    int users,
    int window,
    int durationSeconds,
    int warmupSeconds,
    int drainSeconds,
    int holdSeconds,
    int connectConcurrency,
    int registerConcurrency,
    URI url,
    int port,
    String serverJar,
    String serverOpts,
    String serverCpus) {

  static final List<String> SCENARIOS = List.of("messages", "online", "idle");

  /** A command line that cannot be run; the message says why. */
  static final class UsageException extends Exception {
    UsageException(String message) {
      super(message);
    }
  }

  static final String USAGE = """
      usage: ./pulse bench [messages|online|idle] [--option value]...

      scenarios
        messages   (default) paired users send 1:1 messages with a window of un-acked sends each;
                   acked messages/s, ack and delivery latency, errors, and that nothing was lost
        online     all users connect at once: time until every client is told the full online
                   count, connect latency
        idle       server memory (RSS, heap after GC) per idle connected socket

      options
        --users N              users, one socket each (alias --sockets)        default 1000
        --window N             messages: un-acked send_message per client       default 5
        --duration S           messages: measured seconds                        default 20
        --warmup S             messages: seconds before measuring                default 5
        --drain S              messages: most seconds to wait for stragglers    default 10
        --hold S               idle: seconds connected before measuring         default 5
        --concurrency N        socket handshakes in flight                      default 200
        --register-concurrency N  registrations in flight                       default 32
        --url http://host:port measure a running server (no CPU or memory figures)
        --port N               port of the started server (busy: any free one)  default 8090
        --server-jar PATH      the server to start              default server/target/pulse-server.jar
        --server-opts "FLAGS"  JVM flags of the started server
                               default "-Xms1g -Xmx1g -XX:+AlwaysPreTouch" (the heap is resident
                               from the start, so RSS growth is memory outside the heap)
        --server-cpus LIST     taskset CPUs of the started server, or none      default 0 (2+ cores)

      The started server gets a fresh DATA_DIR, no demo profiles, BCRYPT_COST=4, rate limits that
      never trigger and PULSE_LOG_LEVEL=WARN; DATABASE_URL is passed through when set.
      The last line is the result as JSON, prefixed with RESULT.
      """;

  static Options defaults() {
    return new Options("messages", 1000, 5, 20, 5, 10, 5, 200, 32, null, 8090,
        "server/target/pulse-server.jar", "-Xms1g -Xmx1g -XX:+AlwaysPreTouch", "auto");
  }

  /** Null means help was asked for. */
  static Options parse(String[] args) throws UsageException {
    Map<String, String> values = new LinkedHashMap<>();
    String scenario = null;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--help") || arg.equals("-h") || arg.equals("help")) {
        return null;
      }
      if (!arg.startsWith("--")) {
        if (scenario != null) {
          throw new UsageException("unexpected argument '" + arg + "'");
        }
        if (!SCENARIOS.contains(arg)) {
          throw new UsageException("unknown scenario '" + arg + "' (one of " + String.join(", ", SCENARIOS) + ")");
        }
        scenario = arg;
        continue;
      }
      String key = arg.substring(2);
      if (key.equals("sockets")) {
        key = "users";
      }
      if (i + 1 >= args.length) {
        throw new UsageException("option " + arg + " needs a value");
      }
      values.put(key, args[++i]);
    }
    Options d = defaults();
    Options o = new Options(
        scenario == null ? d.scenario : scenario,
        positive(values, "users", d.users),
        positive(values, "window", d.window),
        positive(values, "duration", d.durationSeconds),
        atLeastZero(values, "warmup", d.warmupSeconds),
        atLeastZero(values, "drain", d.drainSeconds),
        atLeastZero(values, "hold", d.holdSeconds),
        positive(values, "concurrency", d.connectConcurrency),
        positive(values, "register-concurrency", d.registerConcurrency),
        url(values.remove("url")),
        port(values),
        orDefault(values, "server-jar", d.serverJar),
        orDefault(values, "server-opts", d.serverOpts),
        orDefault(values, "server-cpus", d.serverCpus));
    if (!values.isEmpty()) {
      throw new UsageException("unknown option --" + values.keySet().iterator().next());
    }
    if (o.scenario.equals("messages") && o.users % 2 != 0) {
      throw new UsageException("--users must be even for messages (users talk in pairs)");
    }
    return o;
  }

  private static String orDefault(Map<String, String> values, String key, String fallback) {
    String v = values.remove(key);
    return v == null ? fallback : v;
  }

  private static int positive(Map<String, String> values, String key, int fallback) throws UsageException {
    int v = integer(values, key, fallback);
    if (v < 1) {
      throw new UsageException("--" + key + " must be at least 1");
    }
    return v;
  }

  private static int atLeastZero(Map<String, String> values, String key, int fallback) throws UsageException {
    int v = integer(values, key, fallback);
    if (v < 0) {
      throw new UsageException("--" + key + " must not be negative");
    }
    return v;
  }

  private static int port(Map<String, String> values) throws UsageException {
    int v = integer(values, "port", defaults().port);
    if (v < 1 || v > 65535) {
      throw new UsageException("--port must be 1-65535");
    }
    return v;
  }

  private static int integer(Map<String, String> values, String key, int fallback) throws UsageException {
    String raw = values.remove(key);
    if (raw == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(raw.trim());
    } catch (NumberFormatException e) {
      throw new UsageException("--" + key + " must be a whole number, not '" + raw + "'");
    }
  }

  private static URI url(String raw) throws UsageException {
    if (raw == null) {
      return null;
    }
    try {
      URI uri = URI.create(raw);
      if (!"http".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 0) {
        throw new IllegalArgumentException();
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new UsageException("--url must look like http://host:port, not '" + raw + "'");
    }
  }
}
