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
    if (before.rssKiB.isPresent() && after.rssKiB.isPresent()) {
      long delta = after.rssKiB.getAsLong() - before.rssKiB.getAsLong();
      report.add("server RSS before / after", Report.count(before.rssKiB.getAsLong()) + " / "
          + Report.count(after.rssKiB.getAsLong()) + " KiB");
      report.add("RSS per idle socket", Report.decimal((double) delta / n, 1) + " KiB", "rssKiBPerSocket",
          Report.round((double) delta / n, 2));
      report.put("rssBeforeKiB", before.rssKiB.getAsLong()).put("rssAfterKiB", after.rssKiB.getAsLong());
    } else {
      report.add("RSS per idle socket", "n/a (server not started by this run)");
    }
    if (before.heapKiB.isPresent() && after.heapKiB.isPresent()) {
      long delta = after.heapKiB.getAsLong() - before.heapKiB.getAsLong();
      report.add("heap after GC before / after", Report.count(before.heapKiB.getAsLong()) + " / "
          + Report.count(after.heapKiB.getAsLong()) + " KiB");
      report.add("heap per idle socket", Report.decimal((double) delta / n, 1) + " KiB", "heapKiBPerSocket",
          Report.round((double) delta / n, 2));
    } else if (server.local()) {
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
}
