package dev.pulse.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The command line: {@code [compare] [scenario] [--key value | --flag]...}. Every option has a
 * default, so a bare {@code ./pulse bench} measures warm chat on Pulse.
 *
 * @param compare run the scenario against the Node reference, then Pulse, and compare
 * @param server the server to start for a single run: {@code pulse} or {@code node}
 * @param rate messages: total send_message per second, on a fixed schedule (open loop)
 * @param window messages: un-acked sends per client instead of a rate (closed loop); 0 = open loop
 * @param serverOpts JVM flags of a started Pulse; null = the lines of {@code server/jvm.options}
 * @param serverCpus CPU list for {@code taskset} of the started server; "auto" = CPU 0 on 2+
 *     cores, "none" = not pinned
 */
record Options(
    boolean compare,
    String scenario,
    String server,
    int users,
    int rate,
    boolean ladder,
    List<Integer> rates,
    double p99BoundMillis,
    int stepWarmupSeconds,
    int stepSeconds,
    int window,
    int durationSeconds,
    int warmupSeconds,
    int drainSeconds,
    int holdSeconds,
    int watch,
    int joiners,
    int connectConcurrency,
    int registerConcurrency,
    List<URI> urls,
    int nodes,
    int port,
    String serverJar,
    String serverOpts,
    String serverCpus,
    String nodeRef) {

  static final List<String> SCENARIOS = List.of("messages", "online", "presence", "idle");
  static final List<String> SERVERS = List.of("pulse", "node");
  static final List<Integer> LADDER_RATES = List.of(500, 1_000, 2_000, 3_000, 5_000, 7_500, 10_000, 15_000,
      20_000, 30_000, 40_000, 50_000, 75_000, 100_000);
  static final int DEFAULT_RATE = 1_000;
  static final int DEFAULT_USERS = 1_000;
  static final int DEFAULT_IDLE_SOCKETS = 10_000;
  /** Idle sockets watch a page of users, so 10 000 arrivals are not 50 million user_online frames. */
  static final int DEFAULT_IDLE_WATCH = 20;
  private static final Set<String> FLAGS = Set.of("ladder");
  static final int MAX_NODES = 8;

  /** A command line that cannot be run; the message says why. */
  static final class UsageException extends Exception {
    UsageException(String message) {
      super(message);
    }
  }

  static final String USAGE = """
      usage: ./pulse bench [compare] [messages|online|presence|idle] [--option value]...

      scenarios
        messages   (default) paired users send 1:1 messages at a fixed total rate (open loop):
                   ack and delivery latency from each message's scheduled time, errors, server CPU,
                   and every acked message checked at its recipient (lost or duplicated: exit 1)
          --ladder   steps the rate up and reports the highest whose delivery p99 stays within
                     --p99-bound with nothing lost and no errors, plus warm-chat latency
        online     all users connect at once: time until every client is told the full count
        presence   observers connected, then joiners arrive at once and leave at once: time until
                   every observer has seen every user_online, then every user_offline
        idle       server RSS per idle socket (VmRSS, as top shows it, after the arrivals and a
                   hold, no forced GC); Pulse's heap after GC beside it
      compare      runs the scenario against Pulse, then against the Node reference
                   (bench/node-ref), and prints both with their ratio

      options
        --server pulse|node    the server to start for one run                 default pulse
        --users N              users, one socket each (alias --sockets)        default 1000 (idle: 10000)
        --rate R               messages: send_message per second in total       default 1000
        --rates A,B,...        messages --ladder: the steps      default 500,1000,2000,3000,5000,7500,10000,...
        --p99-bound MS         messages --ladder: delivery p99 a step may have   default 100
        --step-warmup S        messages --ladder: seconds before measuring a step  default 3
        --step-duration S      messages --ladder: measured seconds per step      default 8
        --window N             messages: closed loop instead, N un-acked sends per client
        --duration S           messages: measured seconds                        default 20
        --warmup S             messages: seconds of load before measuring (both runtimes compile
                               their hot paths meanwhile)                        default 30
                               (with --nodes N: 30 x N, the nodes share the server's CPUs)
        --drain S              messages: most seconds to wait for stragglers    default 10
        --watch N              online, idle: each client watches the next N users right after
                               connecting (presence_watch); 0 = hear everyone  default 0 (idle: 20)
        --joiners N            presence: users who arrive and leave at once     default 200
        --hold S               idle: seconds connected before measuring         default 10
        --concurrency N        socket handshakes in flight                      default 200
        --register-concurrency N  registrations in flight                       default 32
        --url http://host:port measure a running server (no CPU or memory figures); several,
                               comma-separated, are the nodes of one cluster: client i uses node i mod n
        --nodes N              start N Pulse nodes as one cluster on DATABASE_URL and REDIS_URL (both
                               must be set); client i uses node i mod N, so paired users never share
                               a node when N > 1                                default 1, no cluster
        --port N               port of the started server (busy: any free one)  default 8090
        --server-jar PATH      Pulse to start                    default server/target/pulse-server.jar
        --server-opts "FLAGS"  JVM flags of Pulse      default: the lines of server/jvm.options, else none
        --node-ref DIR         the Node reference                               default bench/node-ref
        --server-cpus LIST     taskset CPUs of the started server, or none      default 0 (2+ cores)

      A started server gets a fresh DATA_DIR, BCRYPT_COST=4, no demo profiles, rate limits that
      never trigger (presence: PRESENCE_GRACE_MS=0); Pulse gets DATABASE_URL when it is set.
      The last line is the result as JSON, prefixed with RESULT.
      """;

  static Options defaults() {
    return new Options(false, "messages", "pulse", DEFAULT_USERS, DEFAULT_RATE, false, LADDER_RATES, 100, 3, 8, 0,
        20, 30, 10, 10, 0, 200, 200, 32, List.of(), 0, 8090, "server/target/pulse-server.jar", null, "auto",
        "bench/node-ref");
  }

  /** The same run with the started server on another port. */
  Options withPort(int other) {
    return new Options(compare, scenario, server, users, rate, ladder, rates, p99BoundMillis, stepWarmupSeconds,
        stepSeconds, window, durationSeconds, warmupSeconds, drainSeconds, holdSeconds, watch, joiners,
        connectConcurrency, registerConcurrency, urls, nodes, other, serverJar, serverOpts, serverCpus, nodeRef);
  }

  /** The same run against another server. */
  Options withServer(String other) {
    return new Options(compare, scenario, other, users, rate, ladder, rates, p99BoundMillis, stepWarmupSeconds,
        stepSeconds, window, durationSeconds, warmupSeconds, drainSeconds, holdSeconds, watch, joiners,
        connectConcurrency, registerConcurrency, urls, nodes, port, serverJar, serverOpts, serverCpus, nodeRef);
  }

  boolean node() {
    return server.equals("node");
  }

  /** Null means help was asked for. */
  static Options parse(String[] args) throws UsageException {
    Map<String, String> values = new LinkedHashMap<>();
    String scenario = null;
    boolean compare = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--help") || arg.equals("-h") || arg.equals("help")) {
        return null;
      }
      if (!arg.startsWith("--")) {
        if (arg.equals("compare") && !compare && scenario == null) {
          compare = true;
        } else if (scenario != null) {
          throw new UsageException("unexpected argument '" + arg + "'");
        } else if (!SCENARIOS.contains(arg)) {
          throw new UsageException("unknown scenario '" + arg + "' (one of " + String.join(", ", SCENARIOS) + ")");
        } else {
          scenario = arg;
        }
        continue;
      }
      String key = arg.substring(2);
      if (key.equals("sockets")) {
        key = "users";
      }
      if (FLAGS.contains(key)) {
        values.put(key, "true");
        continue;
      }
      if (i + 1 >= args.length) {
        throw new UsageException("option " + arg + " needs a value");
      }
      values.put(key, args[++i]);
    }
    Options d = defaults();
    String sc = scenario == null ? d.scenario : scenario;
    int users = positive(values, "users", sc.equals("idle") ? DEFAULT_IDLE_SOCKETS : d.users);
    boolean rateGiven = values.containsKey("rate");
    boolean windowGiven = values.containsKey("window");
    boolean ladder = values.remove("ladder") != null;
    int nodes = atLeastZero(values, "nodes", d.nodes);
    Options o = new Options(
        compare,
        sc,
        oneOf(values, "server", SERVERS, d.server),
        users,
        positive(values, "rate", d.rate),
        ladder,
        rates(values.remove("rates")),
        positiveDecimal(values, "p99-bound", d.p99BoundMillis),
        atLeastZero(values, "step-warmup", d.stepWarmupSeconds),
        positive(values, "step-duration", d.stepSeconds),
        windowGiven ? positive(values, "window", 1) : 0,
        positive(values, "duration", d.durationSeconds),
        // the nodes of a started cluster share the server's CPUs: each compiles its hot paths as slowly
        atLeastZero(values, "warmup", d.warmupSeconds * Math.max(1, nodes)),
        atLeastZero(values, "drain", d.drainSeconds),
        atLeastZero(values, "hold", d.holdSeconds),
        atLeastZero(values, "watch", sc.equals("idle") ? Math.min(DEFAULT_IDLE_WATCH, users - 1) : d.watch),
        positive(values, "joiners", d.joiners),
        positive(values, "concurrency", d.connectConcurrency),
        positive(values, "register-concurrency", d.registerConcurrency),
        urls(values.remove("url")),
        nodes,
        port(values),
        orDefault(values, "server-jar", d.serverJar),
        orDefault(values, "server-opts", d.serverOpts),
        orDefault(values, "server-cpus", d.serverCpus),
        orDefault(values, "node-ref", d.nodeRef));
    if (!values.isEmpty()) {
      throw new UsageException("unknown option --" + values.keySet().iterator().next());
    }
    if (o.scenario.equals("messages") && o.users % 2 != 0) {
      throw new UsageException("--users must be even for messages (users talk in pairs)");
    }
    if ((ladder || rateGiven || windowGiven) && !o.scenario.equals("messages")) {
      throw new UsageException("--ladder, --rate and --window belong to the messages scenario");
    }
    if (ladder && (rateGiven || windowGiven) || rateGiven && windowGiven) {
      throw new UsageException("choose one of --ladder, --rate R and --window N");
    }
    if (o.watch > 0 && !o.scenario.equals("online") && !o.scenario.equals("idle")) {
      throw new UsageException("--watch belongs to the online and idle scenarios");
    }
    if (o.watch >= o.users) {
      throw new UsageException("--watch must be less than --users");
    }
    if (compare && !o.urls.isEmpty()) {
      throw new UsageException("compare starts both servers itself; --url measures one running server");
    }
    if (o.nodes > MAX_NODES) {
      throw new UsageException("--nodes must be at most " + MAX_NODES);
    }
    if (o.nodes > 0 && (compare || o.node() || !o.urls.isEmpty())) {
      throw new UsageException("--nodes starts a Pulse cluster; it does not go with compare, --server node or --url");
    }
    return o;
  }

  private static List<Integer> rates(String raw) throws UsageException {
    if (raw == null) {
      return LADDER_RATES;
    }
    List<Integer> list = new ArrayList<>();
    for (String part : raw.split(",")) {
      try {
        int r = Integer.parseInt(part.trim());
        if (r < 1 || !list.isEmpty() && r <= list.get(list.size() - 1)) {
          throw new NumberFormatException();
        }
        list.add(r);
      } catch (NumberFormatException e) {
        throw new UsageException("--rates must be rising whole numbers like 500,1000,2000, not '" + raw + "'");
      }
    }
    return List.copyOf(list);
  }

  private static String oneOf(Map<String, String> values, String key, List<String> allowed, String fallback)
      throws UsageException {
    String v = values.remove(key);
    if (v == null) {
      return fallback;
    }
    if (!allowed.contains(v)) {
      throw new UsageException("--" + key + " must be one of " + String.join(", ", allowed) + ", not '" + v + "'");
    }
    return v;
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

  private static double positiveDecimal(Map<String, String> values, String key, double fallback)
      throws UsageException {
    String raw = values.remove(key);
    if (raw == null) {
      return fallback;
    }
    try {
      double v = Double.parseDouble(raw.trim());
      if (!(v > 0) || Double.isInfinite(v)) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new UsageException("--" + key + " must be a positive number, not '" + raw + "'");
    }
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

  private static List<URI> urls(String raw) throws UsageException {
    if (raw == null) {
      return List.of();
    }
    List<URI> list = new ArrayList<>();
    for (String part : raw.split(",")) {
      try {
        URI uri = URI.create(part.trim());
        if (!"http".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 0) {
          throw new IllegalArgumentException();
        }
        list.add(uri);
      } catch (IllegalArgumentException e) {
        throw new UsageException("--url must look like http://host:port (several: comma-separated), not '" + raw + "'");
      }
    }
    return List.copyOf(list);
  }
}
