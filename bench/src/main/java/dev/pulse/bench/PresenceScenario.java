package dev.pulse.bench;

import dev.pulse.bench.Report.Better;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Presence fan-out to a crowd: observers are connected (without watch lists, so they hear
 * everyone), then a group of joiners arrives at once and later leaves at once. Measures the time
 * until every observer has seen every joiner's {@code user_online}, then every
 * {@code user_offline}. The server runs with {@code PRESENCE_GRACE_MS=0} so that leaving is
 * announced at once, not after the grace period.
 */
final class PresenceScenario {
  /** The environment of the started server: no grace period before {@code user_offline}. */
  static final Map<String, String> SERVER_ENV = Map.of("PRESENCE_GRACE_MS", "0");
  private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration SEEN_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration QUIET = Duration.ofSeconds(1);
  private static final byte[] USER_OFFLINE = Frame.ascii("\"user_offline\"");

  private final BenchLoop loop;
  private final Servers server;
  private final Options options;

  /** One observer's count of what it heard since counting started. Event loop only. */
  private static final class Observer implements BenchClient.Listener {
    boolean counting;
    int online;
    int offline;
    long allOnlineAt;
    long allOfflineAt;
    long lost;
    private final int goal;

    Observer(int goal) {
      this.goal = goal;
    }

    @Override
    public void onEvent(BenchClient c, Frame f) {
      if (!counting) {
        return;
      }
      long now = System.nanoTime();
      if (f.isEvent(Arrival.USER_ONLINE) && ++online == goal) {
        allOnlineAt = now;
      } else if (f.isEvent(USER_OFFLINE) && ++offline == goal) {
        allOfflineAt = now;
      }
    }

    @Override
    public void onLost(BenchClient c) {
      lost++;
    }
  }

  PresenceScenario(BenchLoop loop, Servers server, Options options) {
    this.loop = loop;
    this.server = server;
    this.options = options;
  }

  Report run() throws InterruptedException {
    int observers = options.users();
    int joiners = options.joiners();
    int total = observers + joiners;
    Report report = new Report("presence", "Pulse bench: presence, " + observers + " observers, " + joiners
        + " users join at once and leave at once, PRESENCE_GRACE_MS=0 (" + server.description() + ")");
    report.put("observers", observers).put("joiners", joiners).put("presenceGraceMs", 0);
    Crowd crowd = new Crowd(loop, server, options);
    crowd.register(total, report);
    crowd.createClients(i -> i < observers ? new Observer(joiners) : BenchClient.IGNORE);
    List<BenchClient> all = crowd.clients();
    List<BenchClient> watching = all.subList(0, observers);
    List<BenchClient> coming = all.subList(observers, total);
    loop.run(() -> watching.forEach(c -> c.onlineGoal = observers));
    crowd.connect(watching, report);
    if (!loop.waitUntil(() -> watching.stream().allMatch(c -> c.onlineGoalAt != 0), SETTLE_TIMEOUT, 20)) {
      report.fail("the observers were not all told the count of " + observers + " within "
          + SETTLE_TIMEOUT.toSeconds() + " s");
    }
    waitForQuiet(watching);
    if (report.failed()) {
      crowd.closeAll();
      return report;
    }
    loop.run(() -> watching.forEach(c -> observer(c).counting = true));

    System.out.printf("pulse bench: %d users join%n", joiners);
    long ticks0 = server.cpuTicks().orElse(-1);
    long joinStart = System.nanoTime();
    crowd.connect(coming, report);
    boolean allOnline = loop.waitUntil(() -> watching.stream().allMatch(c -> observer(c).online >= joiners),
        SEEN_TIMEOUT, 5);
    long ticks1 = server.cpuTicks().orElse(-1);
    long lastJoinerConnected = loop.call(() -> coming.stream().mapToLong(c -> c.connectedAt).max().orElse(0));
    figure(report, allOnline, "user_online", watching, joinStart, lastJoinerConnected, true);
    cpu(report, "server CPU until every arrival was seen", "joinCpuSeconds", ticks0, ticks1);
    waitForQuiet(watching);

    System.out.printf("pulse bench: %d users leave%n", joiners);
    long ticks2 = server.cpuTicks().orElse(-1);
    long leaveStart = System.nanoTime();
    crowd.close(coming);
    boolean allOffline = loop.waitUntil(() -> watching.stream().allMatch(c -> observer(c).offline >= joiners),
        SEEN_TIMEOUT, 5);
    long ticks3 = server.cpuTicks().orElse(-1);
    figure(report, allOffline, "user_offline", watching, leaveStart, 0, false);
    cpu(report, "server CPU until every departure was seen", "leaveCpuSeconds", ticks2, ticks3);
    waitForQuiet(watching);

    long[] over = loop.call(() -> new long[] {
        watching.stream().filter(c -> observer(c).online > joiners).count(),
        watching.stream().filter(c -> observer(c).offline > joiners).count(),
        watching.stream().mapToLong(c -> observer(c).lost).sum()});
    if (over[0] > 0 || over[1] > 0) {
      report.fail(over[0] + " observers heard more than " + joiners + " user_online, " + over[1]
          + " more than " + joiners + " user_offline");
    }
    if (over[2] > 0) {
      report.fail(over[2] + " observer sockets closed by the server");
    }
    crowd.closeAll();
    return report;
  }

  private static Observer observer(BenchClient c) {
    return (Observer) c.listener();
  }

  private void figure(Report report, boolean complete, String event, List<BenchClient> watching, long start,
      long lastConnected, boolean arriving) throws InterruptedException {
    String what = "every observer saw all " + options.joiners() + " " + event;
    String key = arriving ? "allJoinedSeenSeconds" : "allLeftSeenSeconds";
    if (!complete) {
      int missing = loop.call(() -> (int) watching.stream()
          .filter(c -> (arriving ? observer(c).online : observer(c).offline) < options.joiners()).count());
      report.fail(missing + " observers did not see all " + event + " within " + SEEN_TIMEOUT.toSeconds() + " s");
      return;
    }
    long last = loop.call(() -> watching.stream()
        .mapToLong(c -> arriving ? observer(c).allOnlineAt : observer(c).allOfflineAt).max().orElse(start));
    double seconds = (last - start) / 1e9;
    String shown = Report.decimal(seconds, 3) + " s from the first " + (arriving ? "connect attempt" : "close");
    if (arriving && lastConnected > 0) {
      shown += ", " + Report.decimal(Math.max(0, last - lastConnected) / 1e9, 3) + " s after the last connect";
    }
    report.add(what, shown, key, Report.round(seconds, 3));
    report.headline(arriving ? "observers saw every arrival" : "observers saw every departure", key, seconds, "s",
        Better.LOWER);
  }

  /** Server CPU between two readings: robust where wall time is not, on a machine shared with others. */
  private static void cpu(Report report, String label, String key, long ticksBefore, long ticksAfter) {
    if (ticksBefore < 0 || ticksAfter < 0) {
      return;
    }
    double seconds = ProcStat.ticksToMillis(ticksAfter - ticksBefore) / 1000;
    report.add(label, Report.decimal(seconds, 2) + " s", key, Report.round(seconds, 3));
    report.headline(label, key, seconds, "s", Better.LOWER);
  }

  /** Waits until no observer has received a frame for {@link #QUIET}, so phases do not overlap. */
  private void waitForQuiet(List<BenchClient> watching) throws InterruptedException {
    long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
    long frames = -1;
    while (System.nanoTime() < deadline) {
      long now = loop.call(() -> watching.stream().mapToLong(c -> c.framesIn).sum());
      if (now == frames) {
        return;
      }
      frames = now;
      BenchLoop.sleep(QUIET);
    }
  }
}
