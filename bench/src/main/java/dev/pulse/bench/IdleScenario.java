package dev.pulse.bench;

import dev.pulse.bench.Report.Better;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * What an idle connected socket costs the server in memory, as {@code top} shows it: the
 * process's resident set (VmRSS) with every socket connected, after the arrival storm and a hold,
 * minus the same process's RSS just before the first socket (users registered, nothing
 * connected), divided by the sockets. No GC is forced before these readings: garbage the arrivals
 * left and heap the runtime keeps are part of what the machine pays. For Pulse the live heap per
 * socket (full GC with and without the sockets) is reported beside it as information.
 */
final class IdleScenario {
  private static final Duration SETTLE = Duration.ofSeconds(3);
  private static final Duration ARRIVED_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration GONE_TIMEOUT = Duration.ofSeconds(60);

  private final BenchLoop loop;
  private final Servers server;
  private final Options options;

  IdleScenario(BenchLoop loop, Servers server, Options options) {
    this.loop = loop;
    this.server = server;
    this.options = options;
  }

  Report run() throws InterruptedException {
    int n = options.users();
    int watch = options.watch();
    Report report = new Report("idle", "Pulse bench: idle, " + Report.count(n) + " sockets"
        + (watch > 0 ? " each watching " + watch + " users" : "") + ", held " + options.holdSeconds() + " s ("
        + server.description() + ")");
    report.put("sockets", n).put("holdSeconds", options.holdSeconds()).put("watch", watch);
    OptionalLong atStart = server.rssKiB();
    Crowd crowd = new Crowd(loop, server, options);
    crowd.register(n, report);
    Arrival.Stats stats = new Arrival.Stats();
    List<Arrival> arrivals = new ArrayList<>();
    List<String> names = crowd.usernames();
    crowd.createClients(i -> {
      Arrival a = Arrival.of(stats, names, i, watch);
      arrivals.add(a);
      return a;
    });
    List<BenchClient> clients = crowd.clients();
    loop.run(() -> clients.forEach(c -> c.onlineGoal = n));

    BenchLoop.sleep(SETTLE);
    OptionalLong before = server.rssKiB();
    double connectSeconds = crowd.connect(report);
    report.add("connected", Report.count(n) + " sockets in " + Report.decimal(connectSeconds, 2) + " s",
        "connectSeconds", Report.round(connectSeconds, 3));
    if (!loop.waitUntil(() -> clients.stream().allMatch(c -> c.onlineGoalAt != 0), ARRIVED_TIMEOUT, 50)) {
      report.note("not every client was told the count of " + n + " within " + ARRIVED_TIMEOUT.toSeconds() + " s");
    }
    String watchErrors = loop.call(() -> stats.watchErrors.isEmpty() ? null : stats.watchErrors.toString());
    if (watchErrors != null) {
      report.note("presence_watch refused " + watchErrors + ": every client heard every arrival");
    }
    System.out.printf("pulse bench: holding %d idle sockets for %d s%n", n, options.holdSeconds());
    BenchLoop.sleep(Duration.ofSeconds(options.holdSeconds()));
    OptionalLong after = server.rssKiB();
    long open = loop.call(() -> clients.stream().filter(BenchClient::connected).count());
    OptionalLong serverSockets = server.metricSum("pulse_sockets_connected");
    report.add("sockets open (client / server)", Report.count(open) + " / "
        + (serverSockets.isPresent() ? Report.count(serverSockets.getAsLong()) : "n/a"), "socketsOpen", open);
    serverSockets.ifPresent(s -> report.put("serverSockets", s));

    if (before.isPresent() && after.isPresent() && open > 0) {
      // per socket actually open: one that never connected costs the server nothing
      double perSocket = (double) (after.getAsLong() - before.getAsLong()) / open;
      report.add("server RSS at start / before sockets / with sockets", (atStart.isPresent()
          ? Report.count(atStart.getAsLong()) : "n/a") + " / " + Report.count(before.getAsLong()) + " / "
          + Report.count(after.getAsLong()) + " KiB");
      report.put("rssAtStartKiB", atStart.orElse(-1)).put("rssBeforeKiB", before.getAsLong())
          .put("rssAfterKiB", after.getAsLong());
      report.add("RSS per idle socket", Report.decimal(perSocket, 1) + " KiB", "rssKiBPerSocket",
          Report.round(perSocket, 2));
      report.headline("RSS per idle socket", "rssKiBPerSocket", perSocket, "KiB", Better.LOWER);
      report.headline("server RSS with the sockets", "rssAfterMiB", after.getAsLong() / 1024.0, "MiB", Better.LOWER);
    } else {
      report.add("RSS per idle socket", "n/a (server not started by this run)");
    }
    long lost = loop.call(() -> stats.lostConnections);
    if (lost > 0) {
      report.fail(lost + " sockets were closed by the server while idle");
    }
    OptionalLong heapWith = server.java() && server.gc() ? server.heapUsedKiB() : OptionalLong.empty();
    crowd.closeAll();
    if (heapWith.isPresent()) {
      waitForNoSockets();
      OptionalLong heapWithout = server.gc() ? server.heapUsedKiB() : OptionalLong.empty();
      if (heapWithout.isPresent()) {
        double perSocket = (double) (heapWith.getAsLong() - heapWithout.getAsLong()) / n;
        report.add("heap after full GC, with / without the sockets", Report.count(heapWith.getAsLong()) + " / "
            + Report.count(heapWithout.getAsLong()) + " KiB: " + Report.decimal(perSocket, 1)
            + " KiB per socket (information)", "heapKiBPerSocket", Report.round(perSocket, 2));
      }
    }
    return report;
  }

  /** Waits until the server counts no socket and its users are gone (after the grace period). */
  private void waitForNoSockets() throws InterruptedException {
    long deadline = System.nanoTime() + GONE_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      OptionalLong sockets = server.metricSum("pulse_sockets_connected");
      OptionalLong users = server.metric("pulse_users_online");
      if (sockets.orElse(0) == 0 && users.orElse(0) == 0) {
        return;
      }
      Thread.sleep(200);
    }
  }
}
