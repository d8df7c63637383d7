package dev.pulse.bench;

import dev.pulse.bench.Ladder.Latency;
import dev.pulse.bench.Ladder.Step;
import dev.pulse.bench.Report.Better;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Persisted 1:1 messages: users 2k and 2k+1 talk to each other. By default open loop: the
 * {@link Pacer} sends at a fixed total rate, round-robin over all users, whatever the server
 * answers, and latency counts from each message's scheduled time. {@code --ladder} repeats that
 * at rising rates ({@link Ladder}); {@code --window} is the closed-loop alternative (each user
 * keeps N un-acked sends). Every measured period ends with a drain, after which every acked
 * message must have reached its recipient exactly once.
 */
final class MessagesScenario {
  private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(60);
  private static final int FINAL_DRAIN_FACTOR = 3;

  private final BenchLoop loop;
  private final Servers server;
  private final Options options;
  private final Traffic traffic = new Traffic();
  private final List<Talker> talkers = new ArrayList<>();
  private Pacer pacer;
  private Totals settled = new Totals(0, 0, 0, 0, 0, 0, 0, 0, 0);

  MessagesScenario(BenchLoop loop, Servers server, Options options) {
    this.loop = loop;
    this.server = server;
    this.options = options;
  }

  private String mode() {
    if (options.ladder()) {
      return "ladder of rates after " + options.warmupSeconds() + " s warm-up, " + options.stepWarmupSeconds()
          + " s warm + " + options.stepSeconds() + " s measured per step, delivery p99 bound " + Report.decimal(options.p99BoundMillis(), 0) + " ms";
    }
    String timing = options.durationSeconds() + " s measured after " + options.warmupSeconds() + " s warm-up";
    return options.window() > 0
        ? "closed loop, window " + options.window() + " per user, " + timing
        : "open loop, " + Report.count(options.rate()) + " msg/s, " + timing;
  }

  Report run() throws InterruptedException {
    int n = options.users();
    Report report = new Report("messages", "Pulse bench: messages, " + n + " users in " + n / 2 + " pairs, "
        + mode() + " (" + server.description() + ")");
    report.put("users", n).put("mode", options.ladder() ? "ladder" : options.window() > 0 ? "window" : "rate");
    Crowd crowd = new Crowd(loop, server, options);
    crowd.register(n, report);
    crowd.createClients(i -> {
      Talker t = new Talker(i, traffic, options.window());
      talkers.add(t);
      return t;
    });
    loop.run(() -> {
      for (Talker t : talkers) {
        t.attach(crowd.clients().get(t.index));
        t.client().onlineGoal = n;
      }
      for (int i = 0; i < talkers.size(); i += 2) {
        Talker.pair(talkers.get(i), talkers.get(i + 1));
      }
      pacer = new Pacer(loop, (k, at) -> talkers.get((int) (k % n)).send(at));
    });
    double connectSeconds = crowd.connect(report);
    report.add("connected", Report.count(n) + " sockets in " + Report.decimal(connectSeconds, 2) + " s",
        "connectSeconds", Report.round(connectSeconds, 3));
    if (report.failed()) {
      crowd.closeAll();
      return report;
    }
    // the presence burst of everyone arriving must pass before anything is measured
    if (!loop.waitUntil(() -> talkers.stream().allMatch(t -> t.client().maxOnlineCount >= n), SETTLE_TIMEOUT, 50)) {
      report.note("not every client was told the full online count within " + SETTLE_TIMEOUT.toSeconds() + " s");
    }
    if (options.ladder()) {
      ladder(report);
    } else {
      single(report);
    }
    finalDrain();
    verdicts(report, loop.call(this::totals));
    crowd.closeAll();
    return report;
  }

  private void ladder(Report report) throws InterruptedException {
    // both runtimes compile their hot paths in the first seconds of load: not at the first step
    int first = options.rates().get(0);
    System.out.printf("pulse bench: warming up at %,d msg/s for %d s%n", first, options.warmupSeconds());
    loop.run(() -> {
      traffic.sending = true;
      pacer.start(first);
    });
    BenchLoop.sleep(Duration.ofSeconds(options.warmupSeconds()));
    loop.run(() -> {
      traffic.sending = false;
      pacer.stop();
    });
    drain(Duration.ofSeconds(options.drainSeconds()));
    settled = loop.call(this::totals);
    List<Step> steps = new ArrayList<>();
    for (int rate : options.rates()) {
      System.out.printf("pulse bench: %,d msg/s%n", rate);
      Step s = step(rate, options.stepWarmupSeconds(), options.stepSeconds());
      if (Ladder.retryable(s, options.p99BoundMillis())) {
        System.out.printf("pulse bench: %,d msg/s failed on latency alone (p99 %.1f ms): measuring it again%n", rate,
            s.delivery().p99());
        report.add(Report.count(rate) + " msg/s, first try", "delivery " + s.delivery().shown() + ", server " + cpu(s));
        s = step(rate, options.stepWarmupSeconds(), options.stepSeconds());
      }
      steps.add(s);
      String failure = Ladder.failure(s, options.p99BoundMillis());
      report.add(Report.count(rate) + " msg/s", "acked " + Report.decimal(s.ackedPerSecond(), 0) + "/s, delivery "
          + s.delivery().shown() + ", server " + cpu(s) + (failure == null ? "" : "  FAILS: " + failure));
      if (!Ladder.climbOn(s, options.p99BoundMillis())) {
        break;
      }
    }
    Ladder.Verdict verdict = Ladder.decide(steps, options.p99BoundMillis());
    String label = "persisted msg/s at delivery p99 <= " + Report.decimal(options.p99BoundMillis(), 0) + " ms";
    report.add(label, Report.count(verdict.bestRate()) + (verdict.stoppedBecause() == null
        ? "  (every step passed: add higher --rates)" : "  (stopped " + verdict.stoppedBecause() + ")"),
        "bestRate", verdict.bestRate());
    report.headline(label, "bestRate", verdict.bestRate(), "msg/s", Better.HIGHER);
    if (verdict.stoppedBecause() != null) {
      report.put("stoppedBecause", verdict.stoppedBecause());
    }
    JsonArray stepJson = new JsonArray();
    steps.forEach(s -> stepJson.add(s.json()));
    report.put("steps", stepJson);
    for (int warm : new int[] {1_000, 5_000}) {
      steps.stream().filter(s -> s.rate() == warm).findFirst().ifPresent(s -> {
        String name = "warm chat " + Report.count(warm) + " msg/s";
        report.add(name + ", delivery p50 / p99", Report.decimal(s.delivery().p50(), 2) + " / "
            + Report.decimal(s.delivery().p99(), 2) + " ms");
        report.headline(name + ": delivery p50", "warm" + warm + "P50", s.delivery().p50(), "ms", Better.LOWER);
        report.headline(name + ": delivery p99", "warm" + warm + "P99", s.delivery().p99(), "ms", Better.LOWER);
        report.headline(name + ": server CPU per message", "warm" + warm + "CpuMicros", s.serverMicrosPerMessage(),
            "µs", Better.LOWER);
      });
    }
    steps.stream().filter(Step::generatorSaturated).findFirst()
        .ifPresent(s -> report.warnIfLoadGeneratorBound(s.benchCpuShare()));
  }

  private void single(Report report) throws InterruptedException {
    boolean open = options.window() == 0;
    System.out.printf("pulse bench: sending (%d s warm-up, %d s measured)%n", options.warmupSeconds(),
        options.durationSeconds());
    Step s = step(open ? options.rate() : 0, options.warmupSeconds(), options.durationSeconds());
    report.add("acked messages/s", Report.decimal(s.ackedPerSecond(), 0) + "  (" + Report.count(s.acked()) + " in "
        + Report.decimal(s.seconds(), 2) + " s" + (open ? ", " + Report.count(options.rate()) + " offered)" : ")"),
        "messagesPerSecond", Report.round(s.ackedPerSecond(), 1));
    String from = open ? " (from scheduled send)" : " (from send)";
    report.add("ack p50/p99/p99.9/max" + from, s.ack().shown(), "ackLatencyMs", s.ack().json());
    report.add("delivery p50/p99/p99.9/max" + from, s.delivery().shown(), "deliveryLatencyMs", s.delivery().json());
    if (open) {
      report.add("send lateness p99 (load generator)", Report.decimal(s.lateP99Millis(), 3) + " ms",
          "sendLatenessP99Ms", Report.round(s.lateP99Millis(), 3));
    }
    report.add("errors in the measured period", s.errors().isEmpty() ? "none" : s.errors().toString());
    report.add("server CPU", cpu(s), "serverCpuMicrosPerMessage", Report.round(s.serverMicrosPerMessage(), 2));
    report.put("serverCpuShare", Report.round(s.serverCpuShare(), 3));
    report.add("load generator CPU", Report.decimal(s.benchCpuShare() * 100, 0) + "% of its core",
        "benchCpuShare", Report.round(s.benchCpuShare(), 3));
    report.warnIfLoadGeneratorBound(s.benchCpuShare());
    if (open) {
      report.headline("delivery p50", "deliveryP50", s.delivery().p50(), "ms", Better.LOWER);
      report.headline("delivery p99", "deliveryP99", s.delivery().p99(), "ms", Better.LOWER);
      report.headline("delivery p99.9", "deliveryP999", s.delivery().p999(), "ms", Better.LOWER);
      report.headline("ack p99", "ackP99", s.ack().p99(), "ms", Better.LOWER);
    } else {
      report.headline("acked messages/s", "messagesPerSecond", s.ackedPerSecond(), "msg/s", Better.HIGHER);
      report.headline("delivery p99", "deliveryP99", s.delivery().p99(), "ms", Better.LOWER);
    }
    report.headline("server CPU per message", "serverCpuMicrosPerMessage",
        server.local() ? s.serverMicrosPerMessage() : -1, "µs", Better.LOWER);
    if (!s.errors().isEmpty()) {
      report.fail("send_message errors " + s.errors());
    }
  }

  private String cpu(Step s) {
    return server.local() ? Report.decimal(s.serverCpuShare() * 100, 0) + "% of a core, "
        + Report.decimal(s.serverMicrosPerMessage(), 1) + " µs per acked message" : "CPU n/a";
  }

  /** Sends at {@code rate} (0: the closed-loop window) and measures one window, then drains. */
  private Step step(int rate, int warmupSeconds, int seconds) throws InterruptedException {
    loop.run(() -> {
      traffic.sending = true;
      if (rate > 0) {
        pacer.start(rate);
      } else {
        talkers.forEach(Talker::fill);
      }
    });
    BenchLoop.sleep(Duration.ofSeconds(warmupSeconds));
    long serverTicks0 = server.cpuTicks().orElse(-1);
    long selfCpu0 = BenchLoop.selfCpuNanos();
    long start = loop.call(() -> {
      long now = System.nanoTime();
      traffic.openWindow(now);
      pacer.resetLateness();
      return now;
    });
    BenchLoop.sleep(Duration.ofSeconds(seconds));
    long end = loop.call(() -> {
      long now = System.nanoTime();
      traffic.closeWindow(now);
      traffic.sending = false;
      pacer.stop();
      return now;
    });
    long selfCpu1 = BenchLoop.selfCpuNanos();
    long serverTicks1 = server.cpuTicks().orElse(-1);
    double measured = (end - start) / 1e9;
    boolean drained = drain(Duration.ofSeconds(options.drainSeconds()));
    Totals now = loop.call(this::totals);
    Totals before = settled;
    settled = now;
    double cpuMillis = serverTicks0 >= 0 && serverTicks1 >= 0 ? ProcStat.ticksToMillis(serverTicks1 - serverTicks0) : -1;
    return loop.call(() -> {
      long acked = traffic.ackedInWindow;
      return new Step(rate, measured, acked, Latency.of(traffic.ackLatency), Latency.of(traffic.deliveryLatency),
          Map.copyOf(traffic.errors), now.lost - before.lost, now.duplicates - before.duplicates,
          drained ? 0 : now.unanswered, cpuMillis < 0 ? -1 : cpuMillis / (measured * 1000),
          cpuMillis < 0 || acked == 0 ? -1 : cpuMillis * 1000 / acked, (selfCpu1 - selfCpu0) / (measured * 1e9),
          pacer.lateness().percentileMillis(99));
    });
  }

  /** Waits until every send is answered and every acked message received; false on timeout. */
  private boolean drain(Duration timeout) throws InterruptedException {
    return loop.waitUntil(() -> talkers.stream().allMatch(t -> t.out.settled()), timeout, 50);
  }

  private void finalDrain() throws InterruptedException {
    if (!drain(Duration.ofSeconds((long) options.drainSeconds() * FINAL_DRAIN_FACTOR))) {
      System.out.println("pulse bench: some messages are still unanswered or undelivered after the final drain");
    }
  }

  private void verdicts(Report report, Totals t) throws InterruptedException {
    report.add("sent / acked / received", Report.count(t.sent) + " / " + Report.count(t.acked) + " / "
        + Report.count(t.received) + "  (whole run)", "totals", new JsonObject().put("sent", t.sent)
        .put("acked", t.acked).put("received", t.received));
    report.add("lost (acked, never received)", Report.count(t.lost), "lost", t.lost);
    report.add("duplicates received", Report.count(t.duplicates), "duplicates", t.duplicates);
    report.add("unanswered sends", Report.count(t.unanswered), "unanswered", t.unanswered);
    Map<String, Long> errors = loop.call(() -> new TreeMap<>(traffic.allErrors));
    JsonObject errorJson = new JsonObject();
    errors.forEach(errorJson::put);
    report.add("errors (whole run)", errors.isEmpty() ? "none" : errors.toString(), "errors", errorJson);
    server.rssKiB().ifPresent(kib -> report.add("server RSS at end", Report.count(kib / 1024) + " MiB",
        "serverRssKiB", kib));
    if (t.lost > 0) {
      report.fail(t.lost + " acknowledged messages never reached their recipient");
    }
    if (t.duplicates > 0) {
      report.fail(t.duplicates + " messages reached their recipient more than once");
    }
    if (t.unanswered > 0) {
      report.fail(t.unanswered + " send_message never answered");
    }
    if (t.despiteError > 0) {
      report.fail(t.despiteError + " messages refused with an error were delivered all the same");
    }
    long lostConnections = loop.call(() -> traffic.lostConnections);
    if (lostConnections > 0) {
      long notSent = loop.call(() -> traffic.notSent);
      String reasons = loop.call(() -> traffic.lostReasons.toString());
      report.fail(lostConnections + " sockets closed during the run " + reasons + " (" + notSent
          + " messages fell due on a closed socket and were not sent)");
    }
    long misrouted = loop.call(() -> traffic.misrouted);
    if (misrouted > 0 || t.unknown > 0 || t.stray > 0) {
      report.fail(misrouted + " new_message from someone other than the partner, " + t.unknown
          + " with a sequence number never sent, " + t.stray + " acks for nothing outstanding");
    }
  }

  private record Totals(long sent, long acked, long received, long lost, long duplicates, long unanswered,
      long unknown, long stray, long despiteError) {}

  private Totals totals() {
    long sent = 0;
    long acked = 0;
    long received = 0;
    long lost = 0;
    long duplicates = 0;
    long unanswered = 0;
    long unknown = 0;
    long stray = 0;
    long despiteError = 0;
    for (Talker t : talkers) {
      Ledger l = t.out;
      sent += l.sent();
      acked += l.acked();
      received += l.received();
      lost += l.lost();
      duplicates += l.duplicates();
      unanswered += l.unanswered();
      unknown += l.unknown();
      stray += l.stray();
      despiteError += l.receivedDespiteError();
    }
    return new Totals(sent, acked, received, lost, duplicates, unanswered, unknown, stray, despiteError);
  }
}
