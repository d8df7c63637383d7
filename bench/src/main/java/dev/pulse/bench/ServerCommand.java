package dev.pulse.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * How to start the server under test: the command (pinned with taskset), its working directory,
 * its environment and a one-line description. Pulse runs from its jar with the JVM flags of
 * {@code server/jvm.options} (the ones {@code ./pulse run} uses); the Node reference runs
 * {@code node server.js} in {@code bench/node-ref}. Both get the same environment.
 */
record ServerCommand(List<String> command, Path workDir, Map<String, String> env, String description,
    boolean java) {

  /**
   * The rate-limit variables set so high that no bench load ever meets them (its users all come
   * from one address, registering and connecting thousands at once).
   */
  static final List<String> RATE_LIMITS = List.of("MESSAGES_PER_MINUTE", "MESSAGE_BURST", "EVENTS_PER_MINUTE",
      "EVENT_BURST", "TYPING_PER_MINUTE", "TYPING_BURST", "STATUS_PER_MINUTE", "STATUS_BURST",
      "REGISTRATIONS_PER_HOUR", "REGISTRATION_BURST", "PENDING_SESSIONS_PER_ADDRESS", "PENDING_SESSIONS_TOTAL",
      "PASSWORD_HASH_QUEUE_MAX");

  /**
   * The token the bench reads {@code /metrics} with: the started server's, or an external one's
   * when {@code METRICS_TOKEN} is set for the bench too.
   */
  static final String METRICS_TOKEN = System.getenv().getOrDefault("METRICS_TOKEN", "pulse-bench-metrics-token");

  /** The environment every started server gets; {@code extra} (a scenario's) wins. */
  static Map<String, String> environment(Map<String, String> base, int port, Path dataDir, Map<String, String> extra) {
    Map<String, String> env = new java.util.HashMap<>(base);
    env.put("PORT", Integer.toString(port));
    env.put("HOST", "127.0.0.1");
    env.put("DATA_DIR", dataDir.toString());
    env.put("SEED_DEMO_PROFILES", "false");
    env.put("BCRYPT_COST", "4");
    RATE_LIMITS.forEach(limit -> env.put(limit, "1000000"));
    env.put("PULSE_LOG_LEVEL", "WARN");
    env.put("METRICS_TOKEN", METRICS_TOKEN);
    // a day-long token: a ladder outlasts the default quarter of an hour, and the bench's clients
    // do not refresh theirs in band
    env.put("TOKEN_TTL_MINUTES", "1440");
    env.put("TOKEN_MAX_LIFETIME_MINUTES", "1440");
    env.remove("REDIS_URL"); // a one-node build refuses to start with it
    env.putAll(extra);
    return env;
  }

  static ServerCommand pulse(Options o, String cpus, Map<String, String> env) throws IOException {
    Path jar = Path.of(o.serverJar());
    if (!Files.isRegularFile(jar)) {
      throw new IOException(jar + " does not exist: build it first (./pulse bench builds it, or "
          + "mvn package -DskipTests -pl server -am)");
    }
    String flags = o.serverOpts() != null ? o.serverOpts().trim() : String.join(" ", jvmOptions(jvmOptionsFile(jar)));
    List<String> command = pinned(cpus);
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String flag : flags.split("\\s+")) {
      if (!flag.isEmpty()) {
        command.add(flag);
      }
    }
    command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
    String db = env.get("DATABASE_URL");
    String description = "Pulse, " + pinning(cpus) + ", JVM flags " + (flags.isEmpty() ? "none" : "'" + flags + "'")
        + ", " + (db == null || db.isBlank() ? "embedded SQLite" : "DATABASE_URL " + withoutPassword(db));
    return new ServerCommand(command, null, env, description, true);
  }

  static ServerCommand node(Options o, String cpus, Map<String, String> env) throws IOException {
    Path dir = Path.of(o.nodeRef()).toAbsolutePath();
    if (!Files.isRegularFile(dir.resolve("server.js"))) {
      throw new IOException(dir + "/server.js does not exist (--node-ref names the Node reference's folder)");
    }
    if (!Files.isDirectory(dir.resolve("node_modules/socket.io"))) {
      throw new IOException("the Node reference's packages are not installed: ./pulse bench installs them, "
          + "or run npm ci in " + dir);
    }
    if (!ServerProcess.onPath("node")) {
      throw new IOException("node is not on the PATH (./pulse bench installs Node.js)");
    }
    env.remove("DATABASE_URL"); // the reference always uses its SQLite file
    List<String> command = pinned(cpus);
    command.addAll(List.of("node", "server.js"));
    String description = "Node reference " + nodeVersion() + " (socket.io, SQLite WAL), " + pinning(cpus);
    return new ServerCommand(command, dir, env, description, false);
  }

  /** {@code server/jvm.options} beside the jar's {@code target/} folder. */
  static Path jvmOptionsFile(Path jar) {
    Path target = jar.toAbsolutePath().getParent();
    return target.getParent().resolve("jvm.options");
  }

  /** The flags of a jvm.options file: one per line, {@code #} starts a comment; none when absent. */
  static List<String> jvmOptions(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    List<String> flags = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      int hash = line.indexOf('#');
      String flag = (hash >= 0 ? line.substring(0, hash) : line).trim();
      if (!flag.isEmpty()) {
        flags.add(flag);
      }
    }
    return flags;
  }

  private static List<String> pinned(String cpus) {
    List<String> command = new ArrayList<>();
    if (cpus != null) {
      command.addAll(List.of("taskset", "-c", cpus));
    }
    return command;
  }

  private static String pinning(String cpus) {
    return cpus == null ? "not pinned" : "CPU " + cpus;
  }

  private static String nodeVersion() {
    try {
      Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes()).trim();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : "(node version unknown)";
    } catch (IOException e) {
      return "(node version unknown)";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "(node version unknown)";
    }
  }

  static String withoutPassword(String url) {
    return url.replaceAll("(://[^:/@]+):[^@]*@", "$1:***@").replaceAll("(password=)[^&]*", "$1***");
  }
}
