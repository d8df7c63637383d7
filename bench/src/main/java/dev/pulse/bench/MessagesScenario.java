package dev.pulse.bench;

import dev.pulse.bench.Frames.Packet;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Persisted 1:1 messages: users 2k and 2k+1 talk to each other, each keeping {@code window}
 * un-acked {@code send_message} in flight. Measures acked messages/s after a warm-up, ack latency
 * (send -> ack, which the server gives only after the commit) and delivery latency (send -> the
 * partner's {@code new_message}), then stops, drains and checks that every acked message reached
 * its recipient. Each clientId is {@code <seq>-<send nanoTime>}: the recipient learns which
 * message it got and when it was sent without any lookup.
 */
final class MessagesScenario {
  private enum Phase { CONNECTING, WARMUP, MEASURE, DRAIN }

  /** Texts of 40-80 characters, so frames have a realistic size without costing the client. */
  static final String[] TEXTS = texts();

  private final BenchLoop loop;
  private final ServerProcess server;
  private final Options options;
  private final List<Talker> talkers = new ArrayList<>();
  private final LatencyHistogram ackLatency = new LatencyHistogram();
  private final LatencyHistogram deliveryLatency = new LatencyHistogram();
  private final Map<String, Long> errors = new TreeMap<>();
  // all below: event loop only
  private Phase phase = Phase.CONNECTING;
  private long measureStart = Long.MAX_VALUE;
  private long measureEnd = Long.MAX_VALUE;
  private long measuredAcks;
  private long lostConnections;
  private long strayFrames;

  MessagesScenario(BenchLoop loop, ServerProcess server, Options options) {
    this.loop = loop;
    this.server = server;
    this.options = options;
  }

  private static String[] texts() {
    String words = "namaste how was your day we could meet for coffee near the lake on sunday if the "
        + "weather holds and my cousin finally returns the car she borrowed last month";
    String[] texts = new String[16];
    for (int i = 0; i < texts.length; i++) {
      int length = 40 + i * 40 / (texts.length - 1); // 40 .. 80
      texts[i] = words.substring(i, i + length).trim();
    }
    return texts;
  }

  /** One user of a pair: sends to its partner and receives from it. */
  private final class Talker implements BenchClient.Listener {
    private final int index;
    private final int window;
    private BenchClient client;
    private Talker partner;
    private String framePrefix; // ["send_message",{"to":"<partner>","message":"
    private String fromPartner; // "from":"<partner>"
    // the messages in flight, in parallel arrays; a window is small, so a scan finds an ack id
    private final int[] slotAckId;
    private final int[] slotSeq;
    private final long[] slotSentAt;
    private int outstanding;
    private int nextSeq;
    private final BitSet acked = new BitSet();
    private final BitSet received = new BitSet(); // seqs of the partner's messages
    private long duplicates;
    private long misrouted;

    Talker(int index, int window) {
      this.index = index;
      this.window = window;
      this.slotAckId = new int[window];
      this.slotSeq = new int[window];
      this.slotSentAt = new long[window];
    }

    void pairWith(Talker other) {
      partner = other;
      framePrefix = "[\"send_message\",{\"to\":\"" + other.client.username + "\",\"message\":\"";
      fromPartner = "\"from\":\"" + other.client.username + "\"";
    }

    void fill() {
      while (outstanding < window && (phase == Phase.WARMUP || phase == Phase.MEASURE) && client.connected()) {
        sendOne();
      }
    }

    private void sendOne() {
      int ackId = client.nextAckId();
      int seq = nextSeq++;
      long now = System.nanoTime();
      String text = TEXTS[(seq + index) & (TEXTS.length - 1)];
      String frame = new StringBuilder(framePrefix.length() + text.length() + 64)
          .append("42").append(ackId).append(framePrefix).append(text)
          .append("\",\"clientId\":\"").append(seq).append('-').append(now).append("\"}]")
          .toString();
      slotAckId[outstanding] = ackId;
      slotSeq[outstanding] = seq;
      slotSentAt[outstanding] = now;
      outstanding++;
      client.send(frame);
    }

    @Override
    public void onAck(BenchClient c, String frame, Packet packet) {
      long now = System.nanoTime();
      int slot = -1;
      for (int i = 0; i < outstanding; i++) {
        if (slotAckId[i] == packet.ackId()) {
          slot = i;
          break;
        }
      }
      if (slot < 0) {
        strayFrames++;
        return;
      }
      int seq = slotSeq[slot];
      long sentAt = slotSentAt[slot];
      outstanding--;
      slotAckId[slot] = slotAckId[outstanding];
      slotSeq[slot] = slotSeq[outstanding];
      slotSentAt[slot] = slotSentAt[outstanding];
      if (frame.indexOf("\"ok\":true", packet.dataStart()) >= 0) {
        acked.set(seq);
        if (phase == Phase.MEASURE) {
          measuredAcks++;
        }
        if (sentAt >= measureStart && sentAt < measureEnd) {
          ackLatency.record(now - sentAt);
        }
      } else {
        errors.merge(errorCode(frame, packet.dataStart()), 1L, Long::sum);
      }
      fill();
    }

    @Override
    public void onEvent(BenchClient c, String frame, Packet packet) {
      if (!Frames.isEvent(frame, packet.dataStart(), "new_message")) {
        return; // message_delivered, online_count_update, user_online, ...
      }
      long now = System.nanoTime();
      if (packet.ackId() != Frames.NO_ACK) {
        c.send(Frames.emptyAck(packet.ackId())); // this is what marks it delivered
      }
      if (frame.indexOf(fromPartner, packet.dataStart()) < 0) {
        misrouted++;
        return;
      }
      String clientId = Frames.stringField(frame, "clientId", packet.dataStart());
      int dash = clientId == null ? -1 : clientId.indexOf('-');
      if (dash < 0) {
        misrouted++;
        return;
      }
      int seq = Integer.parseInt(clientId, 0, dash, 10);
      long sentAt = Long.parseLong(clientId, dash + 1, clientId.length(), 10);
      if (received.get(seq)) {
        duplicates++;
        return;
      }
      received.set(seq);
      if (sentAt >= measureStart && sentAt < measureEnd) {
        deliveryLatency.record(now - sentAt);
      }
    }

    @Override
    public void onLost(BenchClient c) {
      lostConnections++;
    }

    long lost() {
      BitSet missing = (BitSet) acked.clone();
      missing.andNot(partner.received);
      return missing.cardinality();
    }
  }

  static String errorCode(String frame, int dataStart) {
    try {
      JsonObject reply = new JsonArray(frame.substring(dataStart)).getJsonObject(0);
      JsonObject error = reply.getJsonObject("error");
      return error == null ? "no_error_code" : error.getString("code", "no_error_code");
    } catch (RuntimeException e) {
      return "unparsable_ack";
    }
  }

  Report run() throws InterruptedException {
    int n = options.users();
    Report report = new Report("messages", "Pulse bench: messages, " + n + " users in " + n / 2
        + " pairs, window " + options.window() + ", " + options.durationSeconds() + " s measured after "
        + options.warmupSeconds() + " s warm-up (" + server.description() + ")");
    report.put("users", n).put("window", options.window()).put("durationSeconds", options.durationSeconds())
        .put("warmupSeconds", options.warmupSeconds());
    Crowd crowd = new Crowd(loop, server, options);
    crowd.register(report);
    crowd.createClients(i -> {
      Talker t = new Talker(i, options.window());
      talkers.add(t);
      return t;
    });
    loop.run(() -> {
      for (Talker t : talkers) {
        t.client = crowd.clients().get(t.index);
        t.client.onlineGoal = n;
      }
      for (int i = 0; i < talkers.size(); i += 2) {
        talkers.get(i).pairWith(talkers.get(i + 1));
        talkers.get(i + 1).pairWith(talkers.get(i));
      }
    });
    double connectSeconds = crowd.connect(report);
    report.add("connected", Report.count(n) + " sockets in " + Report.decimal(connectSeconds, 2) + " s",
        "connectSeconds", Report.round(connectSeconds, 3));
    if (report.failed()) {
      crowd.closeAll();
      return report;
    }
    // let the presence burst of everyone arriving pass before the warm-up starts
    loop.waitUntil(() -> crowd.clients().stream().allMatch(c -> c.maxOnlineCount >= n), Duration.ofSeconds(15), 50);

    System.out.printf("pulse bench: sending (%d s warm-up, %d s measured)%n",
        options.warmupSeconds(), options.durationSeconds());
    loop.run(() -> {
      phase = Phase.WARMUP;
      talkers.forEach(Talker::fill);
    });
    BenchLoop.sleep(Duration.ofSeconds(options.warmupSeconds()));
    long serverTicks0 = server.cpuTicks().orElse(-1);
    long selfCpu0 = BenchLoop.selfCpuNanos();
    long start = loop.call(() -> {
      phase = Phase.MEASURE;
      measureStart = System.nanoTime();
      return measureStart;
    });
    BenchLoop.sleep(Duration.ofSeconds(options.durationSeconds()));
    long end = loop.call(() -> {
      phase = Phase.DRAIN;
      measureEnd = System.nanoTime();
      return measureEnd;
    });
    long selfCpu1 = BenchLoop.selfCpuNanos();
    long serverTicks1 = server.cpuTicks().orElse(-1);
    long acks = loop.call(() -> measuredAcks);

    System.out.println("pulse bench: draining");
    long drainStart = System.nanoTime();
    boolean drained = loop.waitUntil(() -> talkers.stream().allMatch(
        t -> t.outstanding == 0 && t.partner.received.cardinality() >= t.acked.cardinality()),
        Duration.ofSeconds(options.drainSeconds()), 50);
    double drainSeconds = (System.nanoTime() - drainStart) / 1e9;

    double seconds = (end - start) / 1e9;
    double rate = acks / seconds;
    report.add("acked messages/s", Report.decimal(rate, 0) + "  (" + Report.count(acks) + " in "
        + Report.decimal(seconds, 2) + " s)", "messagesPerSecond", Report.round(rate, 1));
    loop.run(() -> {
      report.add("ack latency p50/p90/p99/max", Report.latencies(ackLatency, 50, 90, 99),
          "ackLatencyMs", Report.latencyJson(ackLatency));
      report.add("delivery p50/p90/p99/max", Report.latencies(deliveryLatency, 50, 90, 99),
          "deliveryLatencyMs", Report.latencyJson(deliveryLatency));
    });
    Totals totals = loop.call(this::totals);
    report.add("sent / acked / received", Report.count(totals.sent) + " / " + Report.count(totals.acked)
        + " / " + Report.count(totals.received) + "  (whole run)", "totals", new JsonObject()
        .put("sent", totals.sent).put("acked", totals.acked).put("received", totals.received));
    report.add("lost (acked, never received)", Report.count(totals.lost), "lost", totals.lost);
    report.add("duplicates received", Report.count(totals.duplicates), "duplicates", totals.duplicates);
    report.add("unanswered sends", Report.count(totals.unanswered) + (drained ? "" : "  (drain timed out after "
        + Report.decimal(drainSeconds, 1) + " s)"), "unanswered", totals.unanswered);
    JsonObject errorJson = new JsonObject();
    totals.errors.forEach(errorJson::put);
    report.add("errors", totals.errors.isEmpty() ? "none" : totals.errors.toString(), "errors", errorJson);
    if (serverTicks0 >= 0 && serverTicks1 >= 0) {
      double cpuMillis = ProcStat.ticksToMillis(serverTicks1 - serverTicks0);
      double share = cpuMillis / (seconds * 1000);
      double perMessage = acks == 0 ? 0 : cpuMillis * 1000 / acks;
      report.add("server CPU", Report.decimal(share * 100, 0) + "% of a core, "
          + Report.decimal(perMessage, 1) + " µs per acked message", "serverCpuMicrosPerMessage",
          Report.round(perMessage, 2));
      report.put("serverCpuShare", Report.round(share, 3));
    } else {
      report.add("server CPU", "n/a (server not started by this run)");
    }
    double selfShare = (selfCpu1 - selfCpu0) / (seconds * 1e9);
    // what one message costs the client bounds what this client could measure on its core
    double selfPerMessage = acks == 0 ? 0 : (selfCpu1 - selfCpu0) / 1e3 / acks;
    report.add("load generator CPU", Report.decimal(selfShare * 100, 0) + "% of its core, "
        + Report.decimal(selfPerMessage, 1) + " µs per message (ceiling about "
        + (selfPerMessage == 0 ? "n/a" : Report.decimal(1e6 / selfPerMessage, 0) + " messages/s") + ")",
        "benchCpuShare", Report.round(selfShare, 3));
    report.put("benchCpuMicrosPerMessage", Report.round(selfPerMessage, 2));
    server.rssKiB().ifPresent(kib -> report.add("server RSS at end", Report.count(kib / 1024) + " MiB",
        "serverRssKiB", kib));

    report.warnIfLoadGeneratorBound(selfShare);
    if (totals.lost > 0) {
      report.fail(totals.lost + " acknowledged messages never reached their recipient");
    }
    if (!totals.errors.isEmpty()) {
      report.fail("send_message errors " + totals.errors);
    }
    if (totals.unanswered > 0) {
      report.fail(totals.unanswered + " send_message never answered");
    }
    if (totals.lostConnections > 0) {
      report.fail(totals.lostConnections + " sockets closed by the server during the run");
    }
    if (totals.misrouted > 0 || totals.stray > 0) {
      report.fail(totals.misrouted + " new_message from someone other than the partner, "
          + totals.stray + " acks for unknown ids");
    }
    crowd.closeAll();
    return report;
  }

  private record Totals(long sent, long acked, long received, long lost, long duplicates, long unanswered,
      Map<String, Long> errors, long lostConnections, long misrouted, long stray) {}

  private Totals totals() {
    long sent = 0;
    long acked = 0;
    long received = 0;
    long lost = 0;
    long duplicates = 0;
    long unanswered = 0;
    long misrouted = 0;
    for (Talker t : talkers) {
      sent += t.nextSeq;
      acked += t.acked.cardinality();
      received += t.received.cardinality();
      lost += t.lost();
      duplicates += t.duplicates;
      unanswered += t.outstanding;
      misrouted += t.misrouted;
    }
    return new Totals(sent, acked, received, lost, duplicates, unanswered, new TreeMap<>(errors), lostConnections,
        misrouted, strayFrames);
  }
}
