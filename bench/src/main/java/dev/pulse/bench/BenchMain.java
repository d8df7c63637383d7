package dev.pulse.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code ./pulse bench [scenario] [--option value]...}: starts (or attaches to) a server, runs
 * one scenario, prints its report and exits 0 only if nothing went wrong (no lost message, no
 * error, every socket connected).
 */
public final class BenchMain {
  private static final int SHOWN_SERVER_PROBLEMS = 5;

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
    ServerProcess server = null;
    boolean failed = true;
    try (BenchLoop loop = new BenchLoop()) {
      if (options.url() == null) {
        System.out.println("pulse bench: starting the server");
        server = ServerProcess.start(options);
      } else {
        server = ServerProcess.external(options.url());
      }
      System.out.println("pulse bench: " + server.description() + ", port " + server.port());
      Report report = switch (options.scenario()) {
        case "online" -> new OnlineScenario(loop, server, options).run();
        case "idle" -> new IdleScenario(loop, server, options).run();
        default -> new MessagesScenario(loop, server, options).run();
      };
      List<String> problems = server.problems();
      if (!problems.isEmpty()) {
        report.note("server logged " + problems.size() + " warnings/errors, e.g.:");
        problems.stream().limit(SHOWN_SERVER_PROBLEMS).forEach(p -> report.note("  " + p));
        report.put("serverWarnings", problems.size());
      }
      report.print(System.out);
      failed = report.failed();
      return failed ? 1 : 0;
    } catch (Exception e) {
      System.err.println("pulse bench: " + e.getMessage());
      return 1;
    } finally {
      if (server != null) {
        Path kept = server.stop(failed);
        if (kept != null) {
          System.err.println("pulse bench: the server's data and log are in " + kept);
        }
      }
    }
  }
}
