package dev.pulse.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The server under test: either one this run starts, Pulse or the Node reference (and can
 * therefore see from the outside: RSS, CPU time, and for Pulse the heap via jcmd), or an already
 * running one given by URL. The
 * blocking JDK HTTP client serves the few orchestration calls made from the main thread, so
 * they never wait on the load generator's busy event loop.
 */
final class ServerProcess implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

  private final String host;
  private final int port;
  private final Process process; // null for an external server
  private final Path dataDir;
  private final Path log;
  private final String description;
  private final boolean java;
  private volatile boolean stopped;
  // HTTP/1.1: an h2c upgrade request is taken for a WebSocket upgrade by socket.io and dropped
  private final HttpClient admin = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  private ServerProcess(String host, int port, Process process, Path dataDir, Path log, String description,
      boolean java) {
    this.java = java;
    this.host = host;
    this.port = port;
    this.process = process;
    this.dataDir = dataDir;
    this.log = log;
    this.description = description;
  }

  /** A server already running at {@code url}; fails unless its /health answers 200. */
  static ServerProcess external(URI url) throws IOException, InterruptedException {
    ServerProcess server = new ServerProcess(url.getHost(), url.getPort(), null, null, null,
        "external server at " + url, false);
    if (!server.healthy()) {
      throw new IOException(url + "/health does not answer 200");
    }
    return server;
  }

  /**
   * Starts the server {@code o.server()} names with the bench environment plus {@code extraEnv}
   * and waits until /health answers 200.
   */
  static ServerProcess start(Options o, Map<String, String> extraEnv) throws IOException, InterruptedException {
    int port = freePort(o.port());
    Path dataDir = Files.createTempDirectory("pulse-bench-");
    Path log = dataDir.resolve("server.log");
    String cpus = serverCpus(o.serverCpus());
    Map<String, String> env = ServerCommand.environment(System.getenv(), port, dataDir.resolve("data"), extraEnv);
    ServerCommand sc = o.node() ? ServerCommand.node(o, cpus, env) : ServerCommand.pulse(o, cpus, env);
    ProcessBuilder builder = new ProcessBuilder(sc.command())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    if (sc.workDir() != null) {
      builder.directory(sc.workDir().toFile());
    }
    builder.environment().clear();
    builder.environment().putAll(sc.env());
    Process process = builder.start();
    ServerProcess server = new ServerProcess("127.0.0.1", port, process, dataDir, log,
        sc.description() + ", pid " + process.pid(), sc.java());
    // Ctrl-C or a failure must not leave a server (or its temp data) behind
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      if (!server.stopped) {
        server.stop(false);
      }
    }, "pulse-bench-server-stop"));
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (!server.healthy()) {
      if (!process.isAlive()) {
        throw new IOException("the server exited with " + process.exitValue() + " during start:\n" + server.logTail(30));
      }
      if (System.nanoTime() > deadline) {
        String tail = server.logTail(30);
        server.close();
        throw new IOException("the server did not become healthy within " + START_TIMEOUT.toSeconds() + " s:\n"
            + tail);
      }
      Thread.sleep(100);
    }
    return server;
  }

  /** The CPU list to pin the server to, or null: "auto" pins to CPU 0 on machines with 2+ cores. */
  private static String serverCpus(String option) {
    if (option.equals("none")) {
      return null;
    }
    if (!option.equals("auto")) {
      return option;
    }
    return onlineCpus() >= 2 && onPath("taskset") ? "0" : null;
  }

  /** All the machine's CPUs, not only those this process may use (taskset narrows the latter). */
  static int onlineCpus() {
    try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
      return (int) lines.filter(l -> l.startsWith("processor")).count();
    } catch (IOException | UncheckedIOException e) {
      return Runtime.getRuntime().availableProcessors();
    }
  }

  static boolean onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(":")) {
      if (Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }

  private static int freePort(int preferred) throws IOException {
    try (ServerSocket s = new ServerSocket(preferred, 1, InetAddress.getLoopbackAddress())) {
      return preferred;
    } catch (IOException busy) {
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        return s.getLocalPort();
      }
    }
  }

  String host() {
    return host;
  }

  int port() {
    return port;
  }

  String description() {
    return description;
  }

  /** True when this run started the server and can look at its process. */
  boolean local() {
    return process != null;
  }

  /** True for a started JVM (heap figures through jcmd). */
  boolean java() {
    return java;
  }

  boolean healthy() throws InterruptedException {
    try {
      return get("/health").statusCode() == 200;
    } catch (IOException e) {
      return false;
    }
  }

  /** A value from GET /metrics (a line without labels), or empty. */
  OptionalLong metric(String name) throws InterruptedException {
    try {
      for (String line : get("/metrics").body().split("\n")) {
        if (line.startsWith(name + " ")) {
          return OptionalLong.of((long) Double.parseDouble(line.substring(name.length() + 1).trim()));
        }
      }
    } catch (IOException | NumberFormatException e) {
      // reported as unknown
    }
    return OptionalLong.empty();
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + path))
        .header("Authorization", "Bearer " + ServerCommand.METRICS_TOKEN)
        .timeout(Duration.ofSeconds(10)).GET().build();
    return admin.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private Path procFile(String name) {
    return Path.of("/proc", Long.toString(process.pid()), name);
  }

  /** Resident memory in KiB (VmRSS). */
  OptionalLong rssKiB() {
    if (process == null) {
      return OptionalLong.empty();
    }
    try {
      for (String line : Files.readAllLines(procFile("status"))) {
        if (line.startsWith("VmRSS:")) {
          return OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")));
        }
      }
    } catch (IOException e) {
      // reported as unknown
    }
    return OptionalLong.empty();
  }

  /** User + system CPU time in clock ticks, from /proc/pid/stat (fields 14 and 15). */
  OptionalLong cpuTicks() {
    if (process == null) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(ProcStat.cpuTicks(Files.readString(procFile("stat"))));
    } catch (IOException | RuntimeException e) {
      return OptionalLong.empty();
    }
  }

  /** Runs a full GC in the server (jcmd GC.run) so heap and RSS figures hold live data only. */
  boolean gc() throws InterruptedException {
    return jcmd("GC.run") != null;
  }

  /** Heap in use in KiB from jcmd GC.heap_info (the generations' "used", not metaspace). */
  OptionalLong heapUsedKiB() throws InterruptedException {
    String info = jcmd("GC.heap_info");
    return info == null ? OptionalLong.empty() : heapUsedKiB(info);
  }

  /** Sums "used NK" of each heap space in GC.heap_info output (G1: one line, Serial: two). */
  static OptionalLong heapUsedKiB(String info) {
    long sum = 0;
    boolean found = false;
    for (String line : info.split("\n")) {
      String trimmed = line.trim();
      if (trimmed.startsWith("Metaspace") || trimmed.startsWith("class space")) {
        continue;
      }
      Matcher m = HEAP_USED.matcher(trimmed);
      if (m.find()) {
        sum += Long.parseLong(m.group(1));
        found = true;
      }
    }
    return found ? OptionalLong.of(sum) : OptionalLong.empty();
  }

  private String jcmd(String command) throws InterruptedException {
    if (process == null || !java) {
      return null;
    }
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    String program = Files.isExecutable(jcmd) ? jcmd.toString() : onPath("jcmd") ? "jcmd" : null;
    if (program == null) {
      return null;
    }
    try {
      Process p = new ProcessBuilder(program, Long.toString(process.pid()), command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return null;
      }
      return p.exitValue() == 0 ? out : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** Lines of the server's log at WARN or ERROR (the Node reference starts those lines with ERROR). */
  List<String> problems() {
    if (log == null) {
      return List.of();
    }
    try (Stream<String> lines = Files.lines(log)) {
      return lines.filter(l -> l.contains(" WARN ") || l.contains(" ERROR ") || l.startsWith("ERROR")
          || l.startsWith("Exception")).toList();
    } catch (IOException | UncheckedIOException e) {
      return List.of();
    }
  }

  String logTail(int lines) {
    try {
      List<String> all = Files.readAllLines(log);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(no server log)";
    }
  }

  /** Stops the server (SIGTERM, then SIGKILL after 15 s); idempotent. */
  private void stopProcess() {
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** Stops the server and removes its data unless {@code keepData} (then the path is returned). */
  Path stop(boolean keepData) {
    stopped = true;
    stopProcess();
    if (dataDir == null) {
      return null;
    }
    if (keepData) {
      return dataDir;
    }
    try (Stream<Path> paths = Files.walk(dataDir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      return dataDir;
    }
    return null;
  }

  @Override
  public void close() {
    stop(false);
  }
}
