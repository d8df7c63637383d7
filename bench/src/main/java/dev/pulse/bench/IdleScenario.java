package dev.pulse.bench;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * What an idle connected socket costs the server: RSS and heap (after a full GC) before and
 * after connecting every user, divided by the sockets. The server's heap is pre-touched by
 * default (-XX:+AlwaysPreTouch), so RSS growth is what the sockets cost outside the heap (without
 * it, RSS would mostly count heap pages first touched while connecting); the heap figure is the
 * one to compare with decision 004.
 */
final class IdleScenario {
  private static final Duration SETTLE = Duration.ofSeconds(3);

  private final BenchLoop loop;
  private final ServerProcess server;
  private final Options options;

  IdleScenario(BenchLoop loop, ServerProcess server, Options options) {
    this.loop = loop;
    this.server = server;
    this.options = options;
  }

  Report run() throws InterruptedException {
    int n = options.users();
    Report report = new Report("idle", "Pulse bench: idle, " + n + " sockets held " + options.holdSeconds()
        + " s (" + server.description() + ")");
    report.put("sockets", n).put("holdSeconds", options.holdSeconds());
    Crowd crowd = new Crowd(loop, server, options);
    crowd.register(report);
    crowd.createClients(i -> BenchClient.IGNORE);

    Memory before = measure();
    double connectSeconds = crowd.connect(report);
    report.add("connected", Report.count(n) + " sockets in " + Report.decimal(connectSeconds, 2) + " s",
        "connectSeconds", Report.round(connectSeconds, 3));
    System.out.printf("pulse bench: holding %d idle sockets for %d s%n", n, options.holdSeconds());
    BenchLoop.sleep(Duration.ofSeconds(options.holdSeconds()));
    Memory after = measure();
    long open = loop.call(() -> crowd.clients().stream().filter(BenchClient::connected).count());
    OptionalLong serverSockets = server.metric("pulse_sockets_connected");

    report.add("sockets open (client / server)", Report.count(open) + " / "
        + (serverSockets.isPresent() ? Report.count(serverSockets.getAsLong()) : "n/a"), "socketsOpen", open);
    serverSockets.ifPresent(s -> report.put("serverSockets", s));
    if (!perSocket(report, "server RSS", "RSS", "rssKiB", before.rssKiB, after.rssKiB, n)) {
      report.add("RSS per idle socket", "n/a (server not started by this run)");
    } else {
      report.put("rssBeforeKiB", before.rssKiB.getAsLong()).put("rssAfterKiB", after.rssKiB.getAsLong());
    }
    if (!perSocket(report, "heap after GC", "heap", "heapKiB", before.heapKiB, after.heapKiB, n)
        && server.local()) {
      report.note("heap per socket: n/a (jcmd GC.heap_info unavailable)");
    }
    if (open < n) {
      report.fail((n - open) + " sockets were closed while idle");
    }
    crowd.closeAll();
    return report;
  }

  private record Memory(OptionalLong rssKiB, OptionalLong heapKiB) {}

  private Memory measure() throws InterruptedException {
    if (!server.local()) {
      return new Memory(OptionalLong.empty(), OptionalLong.empty());
    }
    server.gc();
    BenchLoop.sleep(SETTLE);
    return new Memory(server.rssKiB(), server.heapUsedKiB());
  }

  /** Reports a before / after figure and its growth per socket; false when either is unknown. */
  private static boolean perSocket(Report report, String label, String shortLabel, String key,
      OptionalLong before, OptionalLong after, int n) {
    if (before.isEmpty() || after.isEmpty()) {
      return false;
    }
    double perSocket = (double) (after.getAsLong() - before.getAsLong()) / n;
    report.add(label + " before / after", Report.count(before.getAsLong()) + " / "
        + Report.count(after.getAsLong()) + " KiB");
    report.add(shortLabel + " per idle socket", Report.decimal(perSocket, 1) + " KiB", key + "PerSocket",
        Report.round(perSocket, 2));
    return true;
  }
}
