package dev.pulse.bench;

import dev.pulse.bench.Frames.Packet;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/**
 * Everyone arrives at once: all users' sockets open as fast as the server takes them. Measures
 * the time from the first connection attempt until every client has been told (by
 * {@code online_count_update}) that all users are online, the time until every
 * {@code user_online} has reached everyone already there (each pair of users yields exactly one:
 * the later one announced to the earlier), and connect latency.
 */
final class OnlineScenario {
  private static final Duration TOLD_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration ANNOUNCED_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration OFFLINE_TIMEOUT = Duration.ofSeconds(30);

  private final BenchLoop loop;
  private final ServerProcess server;
  private final Options options;
  // event loop only
  private long userOnlineEvents; // about other users
  private long userOnlineSelf; // about the receiving user itself
  private long lastUserOnlineAt;
  private long lostConnections;

  OnlineScenario(BenchLoop loop, ServerProcess server, Options options) {
    this.loop = loop;
    this.server = server;
    this.options = options;
  }

  Report run() throws InterruptedException {
    int n = options.users();
    Report report = new Report("online", "Pulse bench: online, " + n + " users connecting, "
        + options.connectConcurrency() + " handshakes in flight (" + server.description() + ")");
    report.put("users", n).put("concurrency", options.connectConcurrency());
    Crowd crowd = new Crowd(loop, server, options);
    crowd.register(report);
    crowd.createClients(i -> new BenchClient.Listener() {
      private final String self = "\"username\":\"" + Registration.username(crowd.runTag(), i) + "\"";

      @Override
      public void onEvent(BenchClient client, String frame, Packet packet) {
        if (Frames.isEvent(frame, packet.dataStart(), "user_online")) {
          if (frame.indexOf(self, packet.dataStart()) >= 0) {
            userOnlineSelf++;
          } else {
            userOnlineEvents++;
            lastUserOnlineAt = System.nanoTime();
          }
        }
      }

      @Override
      public void onLost(BenchClient client) {
        lostConnections++;
      }
    });
    List<BenchClient> clients = crowd.clients();
    loop.run(() -> clients.forEach(c -> c.onlineGoal = n));

    long serverTicks0 = server.cpuTicks().orElse(-1);
    long selfCpu0 = BenchLoop.selfCpuNanos();
    crowd.connect(report);
    boolean told = loop.waitUntil(() -> clients.stream().allMatch(c -> c.onlineGoalAt != 0), TOLD_TIMEOUT, 10);
    long expectedAnnouncements = (long) n * (n - 1) / 2;
    boolean announced = loop.waitUntil(() -> userOnlineEvents >= expectedAnnouncements, ANNOUNCED_TIMEOUT, 10);
    long selfCpu1 = BenchLoop.selfCpuNanos();
    long serverTicks1 = server.cpuTicks().orElse(-1);

    Timeline t = loop.call(() -> timeline(clients));
    report.add("all connected (CONNECT acked)", seconds(t.allConnected - t.firstAttempt),
        "allConnectedSeconds", Report.round((t.allConnected - t.firstAttempt) / 1e9, 3));
    if (told) {
      report.add("all told count >= " + n, seconds(t.allTold - t.firstAttempt), "allToldSeconds",
          Report.round((t.allTold - t.firstAttempt) / 1e9, 3));
    } else {
      report.fail(t.notTold + " clients never saw online_count_update >= " + n + " within "
          + TOLD_TIMEOUT.toSeconds() + " s");
    }
    report.add("all user_online received", (announced ? seconds(t.lastUserOnline - t.firstAttempt) : "not all")
        + "  (" + Report.count(t.userOnlineEvents) + " of " + Report.count(expectedAnnouncements)
        + " about others, " + Report.count(t.userOnlineSelf) + " about oneself)",
        "userOnlineEvents", t.userOnlineEvents);
    report.put("userOnlineSelfEvents", t.userOnlineSelf);
    if (announced) {
      report.put("allAnnouncedSeconds", Report.round((t.lastUserOnline - t.firstAttempt) / 1e9, 3));
    }
    report.add("connect, ws open -> CONNECT p50/p99/max", Report.latencies(t.openToConnect, 50, 99),
        "openToConnectMs", Report.latencyJson(t.openToConnect));
    report.add("connect, attempt -> CONNECT p50/p99/max", Report.latencies(t.attemptToConnect, 50, 99),
        "attemptToConnectMs", Report.latencyJson(t.attemptToConnect));
    double wall = (System.nanoTime() - t.firstAttempt) / 1e9;
    if (serverTicks0 >= 0 && serverTicks1 >= 0) {
      double cpuSeconds = ProcStat.ticksToMillis(serverTicks1 - serverTicks0) / 1000;
      report.add("server CPU while arriving", Report.decimal(cpuSeconds, 2) + " s", "serverCpuSeconds",
          Report.round(cpuSeconds, 3));
    }
    double selfShare = (selfCpu1 - selfCpu0) / (wall * 1e9);
    report.add("load generator CPU", Report.decimal(selfShare * 100, 0) + "% of its core", "benchCpuShare",
        Report.round(selfShare, 3));
    report.warnIfLoadGeneratorBound(selfShare);
    long lost = loop.call(() -> lostConnections);
    if (lost > 0) {
      report.fail(lost + " sockets closed by the server");
    }

    System.out.println("pulse bench: disconnecting");
    long closeStart = System.nanoTime();
    crowd.closeAll();
    // users go offline PRESENCE_GRACE_MS (3 s by default) after their last socket closed
    long[] last = {-1};
    boolean offline = waitForMetric("pulse_users_online", 0, last);
    if (offline) {
      report.add("all offline after disconnect", seconds(System.nanoTime() - closeStart) + " (includes the grace period)",
          "allOfflineSeconds", Report.round((System.nanoTime() - closeStart) / 1e9, 3));
    } else if (last[0] >= 0) {
      report.note("pulse_users_online was still " + last[0] + " " + OFFLINE_TIMEOUT.toSeconds()
          + " s after every socket closed");
    }
    return report;
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
      long userOnlineEvents, long userOnlineSelf, LatencyHistogram openToConnect, LatencyHistogram attemptToConnect) {}

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
    return new Timeline(firstAttempt, allConnected, allTold, lastUserOnlineAt, notTold, userOnlineEvents,
        userOnlineSelf, openToConnect, attemptToConnect);
  }
}
