package dev.pulse.bench;

import dev.pulse.bench.Report.Better;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Everyone arrives at once: all users' sockets open as fast as the server takes them. Measures
 * the time until every client has been told (by {@code online_count_update}) that all users are
 * online, from the first connection attempt and from the last connect. Without watch lists every
 * client hears every later arrival (each pair of users yields exactly one {@code user_online}:
 * the later one announced to the earlier); with {@code --watch N} each client watches the next N
 * users right after connecting, and must then know all N online and hear no one else.
 */
final class OnlineScenario {
  private static final Duration TOLD_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration ANNOUNCED_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration OFFLINE_TIMEOUT = Duration.ofSeconds(30);

  private final BenchLoop loop;
  private final Servers server;
  private final Options options;
  private final Arrival.Stats stats = new Arrival.Stats();
  private final List<Arrival> arrivals = new ArrayList<>();

  OnlineScenario(BenchLoop loop, Servers server, Options options) {
    this.loop = loop;
    this.server = server;
    this.options = options;
  }

  Report run() throws InterruptedException {
    int n = options.users();
    int watch = options.watch();
    Report report = new Report("online", "Pulse bench: online, " + n + " users connecting, "
        + options.connectConcurrency() + " handshakes in flight, " + (watch > 0 ? "each watching " + watch
        + " users" : "no watch lists (everyone hears everyone)") + " (" + server.description() + ")");
    report.put("users", n).put("concurrency", options.connectConcurrency()).put("watch", watch);
    Crowd crowd = new Crowd(loop, server, options);
    crowd.register(n, report);
    List<String> names = crowd.usernames();
    crowd.createClients(i -> {
      Arrival a = Arrival.of(stats, names, i, watch);
      arrivals.add(a);
      return a;
    });
    List<BenchClient> clients = crowd.clients();
    loop.run(() -> clients.forEach(c -> c.onlineGoal = n));

    long serverTicks0 = server.cpuTicks().orElse(-1);
    long selfCpu0 = BenchLoop.selfCpuNanos();
    crowd.connect(report);
    boolean told = loop.waitUntil(() -> clients.stream().allMatch(c -> c.onlineGoalAt != 0), TOLD_TIMEOUT, 10);
    long expectedAnnouncements = (long) n * (n - 1) / 2;
    boolean announced = watch > 0
        ? loop.waitUntil(() -> arrivals.stream().allMatch(Arrival::knowsAll), ANNOUNCED_TIMEOUT, 10)
        : loop.waitUntil(() -> stats.userOnline >= expectedAnnouncements, ANNOUNCED_TIMEOUT, 10);
    long selfCpu1 = BenchLoop.selfCpuNanos();
    long serverTicks1 = server.cpuTicks().orElse(-1);

    Timeline t = loop.call(() -> timeline(clients));
    report.add("all connected (CONNECT acked)", seconds(t.allConnected - t.firstAttempt),
        "allConnectedSeconds", Report.round((t.allConnected - t.firstAttempt) / 1e9, 3));
    if (told) {
      report.add("all told count = " + n + ", from first attempt", seconds(t.allTold - t.firstAttempt),
          "allToldSeconds", Report.round((t.allTold - t.firstAttempt) / 1e9, 3));
      long afterLast = Math.max(0, t.allTold - t.allConnected);
      report.add("all told count = " + n + ", after the last connect", seconds(afterLast),
          "allToldAfterLastConnectSeconds", Report.round(afterLast / 1e9, 3));
      report.headline("everyone told the full count (from first attempt)", "allToldSeconds",
          (t.allTold - t.firstAttempt) / 1e9, "s", Better.LOWER);
      report.headline("everyone told the full count (after last connect)", "allToldAfterLastConnectSeconds",
          afterLast / 1e9, "s", Better.LOWER);
    } else {
      report.fail(t.notTold + " clients never saw online_count_update = " + n + " within "
          + TOLD_TIMEOUT.toSeconds() + " s");
    }
    if (watch > 0) {
      watchFigures(report, t, announced);
    } else {
      report.add("all user_online received", (announced ? seconds(t.lastUserOnline - t.firstAttempt) : "not all")
          + "  (" + Report.count(t.userOnline) + " of " + Report.count(expectedAnnouncements) + " about others, "
          + Report.count(t.userOnlineSelf) + " about oneself)", "userOnlineEvents", t.userOnline);
      if (announced) {
        report.put("allAnnouncedSeconds", Report.round((t.lastUserOnline - t.firstAttempt) / 1e9, 3));
        report.headline("every user_online received", "allAnnouncedSeconds",
            (t.lastUserOnline - t.firstAttempt) / 1e9, "s", Better.LOWER);
      } else {
        report.fail("only " + Report.count(t.userOnline) + " of " + Report.count(expectedAnnouncements)
            + " user_online arrived within " + ANNOUNCED_TIMEOUT.toSeconds() + " s of the count");
      }
    }
    report.put("userOnlineSelfEvents", t.userOnlineSelf);
    report.add("connect, ws open -> CONNECT p50/p99/max", Report.latencies(t.openToConnect, 50, 99),
        "openToConnectMs", Report.latencyJson(t.openToConnect));
    report.add("connect, attempt -> CONNECT p50/p99/max", Report.latencies(t.attemptToConnect, 50, 99),
        "attemptToConnectMs", Report.latencyJson(t.attemptToConnect));
    double wall = (System.nanoTime() - t.firstAttempt) / 1e9;
    if (serverTicks0 >= 0 && serverTicks1 >= 0) {
      double cpuSeconds = ProcStat.ticksToMillis(serverTicks1 - serverTicks0) / 1000;
      report.add("server CPU while arriving", Report.decimal(cpuSeconds, 2) + " s", "serverCpuSeconds",
          Report.round(cpuSeconds, 3));
      report.headline("server CPU while arriving", "serverCpuSeconds", cpuSeconds, "s", Better.LOWER);
    }
    double selfShare = (selfCpu1 - selfCpu0) / (wall * 1e9);
    report.add("load generator CPU", Report.decimal(selfShare * 100, 0) + "% of its core", "benchCpuShare",
        Report.round(selfShare, 3));
    report.warnIfLoadGeneratorBound(selfShare);
    if (t.lost > 0) {
      report.fail(t.lost + " sockets closed by the server");
    }
    if (t.userOnlineSelf > 0) {
      report.fail(t.userOnlineSelf + " user_online about the receiving user itself");
    }

    System.out.println("pulse bench: disconnecting");
    long closeStart = System.nanoTime();
    crowd.closeAll();
    // users go offline PRESENCE_GRACE_MS (3 s by default) after their last socket closed
    long[] last = {-1};
    if (waitForMetric("pulse_users_online", 0, last)) {
      report.add("all offline after disconnect", seconds(System.nanoTime() - closeStart)
          + " (includes the grace period)", "allOfflineSeconds", Report.round((System.nanoTime() - closeStart) / 1e9, 3));
    } else if (last[0] >= 0) {
      report.note("pulse_users_online was still " + last[0] + " " + OFFLINE_TIMEOUT.toSeconds()
          + " s after every socket closed");
    }
    return report;
  }

  private void watchFigures(Report report, Timeline t, boolean announced) {
    if (!t.watchErrors.isEmpty()) {
      report.fail("presence_watch refused: " + t.watchErrors);
      return;
    }
    if (announced) {
      long afterLast = Math.max(0, t.allKnown - t.allConnected);
      report.add("every watched user known online, after the last connect", seconds(afterLast),
          "allWatchedKnownAfterLastConnectSeconds", Report.round(afterLast / 1e9, 3));
      report.headline("every watched user known online (after last connect)", "allWatchedKnownAfterLastConnectSeconds",
          afterLast / 1e9, "s", Better.LOWER);
    } else {
      report.fail(t.notKnowing + " clients did not learn that all their watched users are online");
    }
    report.add("user_online heard", Report.count(t.userOnline) + ", of unwatched users after the answer: "
        + Report.count(t.unwatched), "userOnlineEvents", t.userOnline);
    report.put("unwatchedUserOnline", t.unwatched);
    if (t.unwatched > 0) {
      report.fail(t.unwatched + " user_online about users the client does not watch, after its watch list was set");
    }
  }

  private boolean waitForMetric(String name, long goal, long[] last) throws InterruptedException {
    long deadline = System.nanoTime() + OFFLINE_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      OptionalLong value = server.metric(name);
      if (value.isEmpty()) {
        return false;
      }
      last[0] = value.getAsLong();
      if (last[0] == goal) {
        return true;
      }
      Thread.sleep(100);
    }
    return false;
  }

  private static String seconds(long nanos) {
    return Report.decimal(nanos / 1e9, 3) + " s";
  }

  private record Timeline(long firstAttempt, long allConnected, long allTold, long lastUserOnline, int notTold,
      long userOnline, long userOnlineSelf, long allKnown, int notKnowing, long unwatched, long lost,
      Map<String, Long> watchErrors, LatencyHistogram openToConnect, LatencyHistogram attemptToConnect) {}

  private Timeline timeline(List<BenchClient> clients) {
    long firstAttempt = Long.MAX_VALUE;
    long allConnected = 0;
    long allTold = 0;
    int notTold = 0;
    LatencyHistogram openToConnect = new LatencyHistogram();
    LatencyHistogram attemptToConnect = new LatencyHistogram();
    for (BenchClient c : clients) {
      firstAttempt = Math.min(firstAttempt, c.attemptAt);
      if (c.connectedAt != 0) {
        allConnected = Math.max(allConnected, c.connectedAt);
        openToConnect.record(c.connectedAt - c.openAt);
        attemptToConnect.record(c.connectedAt - c.attemptAt);
      }
      if (c.onlineGoalAt == 0) {
        notTold++;
      } else {
        allTold = Math.max(allTold, c.onlineGoalAt);
      }
    }
    long allKnown = 0;
    int notKnowing = 0;
    for (Arrival a : arrivals) {
      if (a.knowsAll()) {
        allKnown = Math.max(allKnown, a.allKnownAt);
      } else {
        notKnowing++;
      }
    }
    return new Timeline(firstAttempt, allConnected, allTold, stats.lastUserOnlineAt, notTold, stats.userOnline,
        stats.userOnlineSelf, allKnown, notKnowing, stats.unwatched, stats.lostConnections,
        new TreeMap<>(stats.watchErrors), openToConnect, attemptToConnect);
  }
}
