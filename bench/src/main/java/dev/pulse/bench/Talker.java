package dev.pulse.bench;

import java.util.List;

/**
 * One user of a pair in the messages scenario: sends {@code send_message} to its partner (on the
 * pacer's schedule, or keeping a window of un-acked sends), and receives the partner's messages,
 * acknowledging each as a browser would. Each clientId is {@code <seq>-<scheduled nanoTime>}, so
 * the recipient knows which message it got and when it was due without any lookup. Event loop
 * only.
 */
final class Talker implements BenchClient.Listener {
  static final byte[] NEW_MESSAGE = Frame.ascii("\"new_message\"");
  private static final byte[] OK = Frame.ascii("\"ok\":true");
  private static final byte[] CLIENT_ID = Frame.ascii("\"clientId\":\"");

  /** Texts of 40-80 characters, so frames have a realistic size without costing the client. */
  static final String[] TEXTS = texts();

  final int index;
  final Ledger out = new Ledger(); // this user -> partner
  private final Traffic traffic;
  private final int window;
  private final StringBuilder frame = new StringBuilder(256);
  private BenchClient client;
  private Talker partner;
  private String toPartner; // ["send_message",{"to":"<partner>","message":"
  private byte[] fromPartner; // "from":"<partner>"

  Talker(int index, Traffic traffic, int window) {
    this.index = index;
    this.traffic = traffic;
    this.window = window;
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

  void attach(BenchClient c) {
    client = c;
  }

  BenchClient client() {
    return client;
  }

  Talker partner() {
    return partner;
  }

  static void pair(Talker a, Talker b) {
    a.partnerWith(b);
    b.partnerWith(a);
  }

  private void partnerWith(Talker other) {
    partner = other;
    toPartner = "[\"send_message\",{\"to\":\"" + other.client.username + "\",\"message\":\"";
    fromPartner = Frame.ascii("\"from\":\"" + other.client.username + "\"");
  }

  /** Sends one message due at {@code scheduledAt} (open loop: whatever is still outstanding). */
  void send(long scheduledAt) {
    if (!client.connected()) {
      traffic.notSent++;
      return;
    }
    int seq = out.send(scheduledAt);
    String text = TEXTS[(seq + index) & (TEXTS.length - 1)];
    frame.setLength(0);
    frame.append("42").append(seq).append(toPartner).append(text)
        .append("\",\"clientId\":\"").append(seq).append('-').append(scheduledAt).append("\"}]");
    client.send(frame);
  }

  /** Closed loop: tops the un-acked sends up to the window. */
  void fill() {
    while (window > 0 && traffic.sending && out.unanswered() < window && client.connected()) {
      send(System.nanoTime());
    }
  }

  /**
   * A chat window shows its partner's status: each user watches only its partner, so that the
   * arrival of a thousand users is not half a million user_online frames before anything is
   * measured. Sent without an ack (ack ids are this user's message sequence numbers); a server
   * without watch lists answers with an error event, and its clients hear everyone instead.
   */
  @Override
  public void onConnected(BenchClient c) {
    c.reply(WatchList.frame(Frame.NO_ACK, List.of(partner.client.username)));
  }

  @Override
  public void onAck(BenchClient c, Frame f) {
    long now = System.nanoTime();
    boolean ok = f.contains(OK);
    long scheduledAt = out.answer(f.ackId(), ok);
    if (scheduledAt == Ledger.STRAY) {
      return; // counted by the ledger
    }
    if (ok) {
      if (traffic.inWindow(scheduledAt)) {
        traffic.ackedInWindow++;
        traffic.ackLatency.record(now - scheduledAt);
      }
    } else {
      traffic.error(Frames.errorCode(f), scheduledAt);
    }
    fill();
  }

  @Override
  public void onEvent(BenchClient c, Frame f) {
    if (!f.isEvent(NEW_MESSAGE)) {
      return; // message_delivered, online_count_update, user_online, ...
    }
    long now = System.nanoTime();
    if (f.ackId() != Frame.NO_ACK) {
      c.reply(Frames.emptyAck(f.ackId())); // this is what marks it delivered
    }
    int at = f.valueOf(CLIENT_ID);
    if (!f.contains(fromPartner) || at < 0) {
      traffic.misrouted++;
      return;
    }
    long seq = f.number(at, -1);
    int dash = at;
    while (f.at(dash) >= '0' && f.at(dash) <= '9') {
      dash++;
    }
    // nanoTime values may be negative: "12--345" is sequence 12, scheduled at -345
    long scheduledAt = f.at(dash) == '-' ? f.number(dash + 1, Long.MIN_VALUE) : Long.MIN_VALUE;
    if (seq < 0 || seq > Integer.MAX_VALUE || scheduledAt == Long.MIN_VALUE) {
      traffic.misrouted++;
      return;
    }
    if (partner.out.receive((int) seq) == Ledger.Receipt.FIRST && traffic.inWindow(scheduledAt)) {
      traffic.deliveryLatency.record(now - scheduledAt);
    }
  }

  @Override
  public void onLost(BenchClient c) {
    traffic.lostConnections++;
    traffic.lostReasons.merge(c.closeReason(), 1L, Long::sum);
  }
}
