package dev.pulse.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code ./pulse bench [compare] [scenario] [--option value]...}: starts (or attaches to) a
 * server, runs one scenario, prints its report and exits 0 only if nothing went wrong (no lost
 * message, no error, every socket connected). {@code compare} runs the scenario against Pulse,
 * then against the Node reference, and prints them side by side.
 */
public final class BenchMain {
  private static final int SHOWN_SERVER_PROBLEMS = 5;
  /** Between the two runs of a comparison, so the first server's exit does not overlap the second. */
  private static final Duration PAUSE_BETWEEN_RUNS = Duration.ofSeconds(3);

  private BenchMain() {}

  public static void main(String[] args) {
    Options options;
    try {
      options = Options.parse(args);
    } catch (Options.UsageException e) {
      System.err.println("pulse bench: " + e.getMessage());
      System.err.println();
      System.err.print(Options.USAGE);
      System.exit(2);
      return;
    }
    if (options == null) {
      System.out.print(Options.USAGE);
      return;
    }
    System.exit(run(options));
  }

  static int run(Options options) {
    if (!options.compare()) {
      Report report = runOne(options);
      if (report == null) {
        return 1;
      }
      report.print(System.out);
      return report.failed() ? 1 : 0;
    }
    // Pulse first: the load generator's JIT is warmer for the second run, and that advantage
    // goes to the reference
    System.out.println("pulse bench: compare " + options.scenario() + ": Pulse first, then the Node reference");
    Report pulse = runOne(options.withServer("pulse"));
    if (pulse == null) {
      return 1;
    }
    pulse.print(System.out);
    System.gc();
    try {
      BenchLoop.sleep(PAUSE_BETWEEN_RUNS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
    Report node = runOne(options.withServer("node"));
    if (node == null) {
      return 1;
    }
    node.print(System.out);
    Comparison comparison = new Comparison(options.scenario(), node, pulse);
    comparison.print(System.out);
    return comparison.failed() ? 1 : 0;
  }

  /** One scenario against one server; null when it could not run at all (the reason is printed). */
  static Report runOne(Options options) {
    return runOne(options, System.getenv());
  }

  /** As {@link #runOne(Options)}; a cluster's DATABASE_URL and REDIS_URL come from {@code env}. */
  static Report runOne(Options options, Map<String, String> env) {
    Servers server = null;
    boolean failed = true;
    try (BenchLoop loop = new BenchLoop()) {
      if (options.urls().isEmpty()) {
        System.out.println("pulse bench: starting " + (options.node() ? "the Node reference"
            : options.nodes() > 0 ? options.nodes() + " Pulse node(s)" : "Pulse"));
        server = Servers.start(options, serverEnv(options.scenario()), env);
      } else {
        server = Servers.external(options.urls());
      }
      System.out.println("pulse bench: " + server.description() + ", port " + server.first().port()
          + (loop.nativeTransport() ? "" : " (load generator on NIO: native epoll unavailable)"));
      Report report = switch (options.scenario()) {
        case "online" -> new OnlineScenario(loop, server, options).run();
        case "presence" -> new PresenceScenario(loop, server, options).run();
        case "idle" -> new IdleScenario(loop, server, options).run();
        default -> new MessagesScenario(loop, server, options).run();
      };
      report.put("server", options.urls().isEmpty() ? options.server() : "external");
      report.put("nodes", server.size());
      List<String> problems = server.problems();
      if (!problems.isEmpty()) {
        report.note("server logged " + problems.size() + " warnings/errors, e.g.:");
        problems.stream().limit(SHOWN_SERVER_PROBLEMS).forEach(p -> report.note("  " + p));
        report.put("serverWarnings", problems.size());
      }
      failed = report.failed();
      return report;
    } catch (Exception e) {
      System.err.println("pulse bench: " + e.getMessage());
      return null;
    } finally {
      if (server != null) {
        for (Path kept : server.stop(failed)) {
          System.err.println("pulse bench: the server's data and log are in " + kept);
        }
      }
    }
  }

  /** What a scenario sets in the started server's environment. */
  static Map<String, String> serverEnv(String scenario) {
    return scenario.equals("presence") ? PresenceScenario.SERVER_ENV : Map.of();
  }
}
