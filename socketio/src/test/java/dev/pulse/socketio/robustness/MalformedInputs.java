package dev.pulse.socketio.robustness;

import static dev.pulse.socketio.robustness.Wire.RS;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * The inputs of the malformed-input storm ({@link MalformedInputTest}), generated
 * deterministically from a seed: valid packets mutated at random, plus a hand-written list of
 * nasty cases, each sent as WebSocket frames and as a polling body; {@link RawWireInputs} adds
 * hand-made WebSocket frames and broken HTTP requests. Each input says what it deserves.
 */
final class MalformedInputs {

  /** What the input deserves. */
  enum Expect {
    /** Clearly invalid: the connection must be closed. */
    CLOSE,
    /** An unknown namespace: a CONNECT_ERROR, and the connection stays usable. */
    CONNECT_ERROR,
    /** Closed, a protocol error, or ignored: anything but a stuck connection. */
    ANY,
    /** A broken HTTP request: a 4xx answer or a closed connection, never a hang or a 5xx. */
    HTTP_REFUSED
  }

  enum Transport { WS, POLLING, RAW_WS, RAW_HTTP }

  /**
   * One input: {@code frames} are String (text) or byte[] (binary); a POLLING case has one body,
   * a RAW_WS case one {@link RawFrames}, a RAW_HTTP case one request.
   */
  record Case(String kind, Transport transport, Expect expect, List<Object> frames) {
    String describe() {
      return kind + "/" + transport + " " + frames.stream().map(MalformedInputs::show)
          .collect(Collectors.joining(" + "));
    }
  }

  /** A hand-made WebSocket action for RAW_WS cases. */
  @FunctionalInterface
  interface RawAction {
    void send(RawSocket socket) throws IOException;
  }

  /** What a RAW_WS case writes once its connection is up; {@code label} names it in reports. */
  record RawFrames(String label, RawAction action) { }

  /** Valid events on "/" (engine MESSAGE + Socket.IO EVENT), the base of most mutations. */
  private static final String[] EVENTS = {
      "42[\"echo\",1,\"2\",{\"3\":[true]}]",
      "427[\"echo\",\"x\"]",
      "42[\"message\",{\"a\":[1,2,{\"b\":null}]},false,-1.5e3,\"\\u00e9\\n\"]",
      "4212345[\"echo\",[],{},\"\",0]",
      "42[\"echo\",\"caf\u00e9 \uD83D\uDE00\"]",
      "42[\"unknown-event\",{\"deep\":{\"er\":[[1],[2,[3]]]}}]",
  };
  private static final String BINARY_EVENT =
      "451-[\"echo\",{\"_placeholder\":true,\"num\":0}]";
  private static final String BINARY_EVENT_2 =
      "452-12[\"echo\",{\"_placeholder\":true,\"num\":0},{\"x\":{\"_placeholder\":true,\"num\":1}}]";
  /** Other valid packets: namespaces, disconnects, engine-level packets. */
  private static final String[] OTHERS = {
      "40/custom,{\"token\":\"abc\"}", "40/custom,", "40/custom", "41", "41/custom,",
      "3", "6", "5", "42/custom,[\"echo\"]", "43999[]", "44{\"message\":\"x\"}",
  };
  private static final String NASTY_CHARS =
      "[]{}\",:-/\\0123456789 abex\u0000\u001e\u007f\u00ff\uFFFF\uD800\uDC00\u2028";
  static final byte[][] INVALID_UTF8 = {
      {(byte) 0xFF}, {(byte) 0xFE, (byte) 0xFF}, {(byte) 0xC3, 0x28}, {(byte) 0x80},
      {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
      {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82},
  };

  private static final ObjectMapper STRICT_JSON = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final Random rnd;
  private final List<Case> cases = new ArrayList<>();

  private MalformedInputs(Random rnd) {
    this.rnd = rnd;
  }

  /** Every input, generated deterministically from {@code seed}, in a seeded random order. */
  static List<Case> generate(long seed) {
    MalformedInputs inputs = new MalformedInputs(new Random(seed));
    for (Transport t : List.of(Transport.WS, Transport.POLLING)) {
      inputs.generate(t);
    }
    inputs.cases.addAll(RawWireInputs.all());
    Collections.shuffle(inputs.cases, inputs.rnd);
    return inputs.cases;
  }

  private void generate(Transport t) {
    int scale = t == Transport.WS ? 4 : 1;
    repeat(65 * scale, () -> badEngineType(t));
    repeat(65 * scale, () -> badSocketIoType(t));
    repeat(85 * scale, () -> truncated(t));
    repeat(75 * scale, () -> brokenJson(t));
    repeat(75 * scale, () -> wrongAttachments(t));
    repeat(25 * scale, () -> neverIssuedAck(t));
    repeat(15 * scale, () -> unknownNamespace(t));
    repeat(15 * scale, () -> hugeNumber(t));
    repeat(170 * scale, () -> mutated(t));
    handWritten(t);
  }

  private void repeat(int n, Runnable r) {
    for (int i = 0; i < n; i++) {
      r.run();
    }
  }

  private void add(String kind, Transport t, Expect expect, Object... frames) {
    if (t == Transport.POLLING) {
      cases.add(new Case(kind, t, expect, List.of(toPollingBody(frames))));
    } else {
      cases.add(new Case(kind, t, expect, List.of(frames)));
    }
  }

  /** Polling carries all packets in one body; binary ones as "b" + base64. */
  private String toPollingBody(Object[] frames) {
    StringBuilder body = new StringBuilder();
    for (Object f : frames) {
      if (body.length() > 0) {
        body.append(RS);
      }
      body.append(f instanceof byte[] b ? "b" + Base64.getEncoder().encodeToString(b) : f);
    }
    return body.toString();
  }

  private <T> T pick(T[] options) {
    return options[rnd.nextInt(options.length)];
  }

  private String randomString(int maxLength) {
    int n = rnd.nextInt(maxLength + 1);
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append(rnd.nextInt(4) == 0 ? NASTY_CHARS.charAt(rnd.nextInt(NASTY_CHARS.length()))
          : (char) (0x20 + rnd.nextInt(0x5f)));
    }
    return sb.toString();
  }

  private byte[] randomBytes(int maxLength) {
    byte[] b = new byte[rnd.nextInt(maxLength + 1)];
    rnd.nextBytes(b);
    if (rnd.nextBoolean() && b.length > 0) {
      byte[] bad = pick(INVALID_UTF8);
      int at = rnd.nextInt(b.length);
      System.arraycopy(bad, 0, b, at, Math.min(bad.length, b.length - at));
    }
    return b;
  }

  private String validPacket() {
    return rnd.nextInt(3) == 0 ? pick(OTHERS) : pick(EVENTS);
  }

  /** The first character is not an Engine.IO packet type (0-6, or b for base64). */
  void badEngineType(Transport t) {
    char type;
    do {
      type = rnd.nextInt(5) == 0 ? NASTY_CHARS.charAt(rnd.nextInt(NASTY_CHARS.length()))
          : (char) (0x20 + rnd.nextInt(0x5f));
    } while ((type >= '0' && type <= '6') || type == 'b');
    String rest = rnd.nextBoolean() ? validPacket().substring(1) : randomString(20);
    add("bad-engine-type", t, Expect.CLOSE, type + rest);
  }

  /** A MESSAGE whose first character is not a Socket.IO packet type (0-6). */
  void badSocketIoType(Transport t) {
    char type;
    do {
      type = rnd.nextInt(5) == 0 ? NASTY_CHARS.charAt(rnd.nextInt(NASTY_CHARS.length()))
          : (char) (0x20 + rnd.nextInt(0x5f));
    } while (type >= '0' && type <= '6');
    String rest = rnd.nextBoolean() ? pick(EVENTS).substring(2) : randomString(20);
    add("bad-socketio-type", t, Expect.CLOSE, "4" + type + rest);
  }

  /** A strict prefix of a valid event: always an empty, id-only or unterminated packet. */
  void truncated(Transport t) {
    String[] bases = {pick(EVENTS), pick(EVENTS), BINARY_EVENT, BINARY_EVENT_2};
    String base = pick(bases);
    add("truncated", t, Expect.CLOSE, base.substring(0, rnd.nextInt(base.length())));
  }

  /** A valid event with its JSON broken (checked with a strict JSON parser). */
  void brokenJson(Transport t) {
    String[] breakers = {"{", "}", "[", "]", ",", ",,", ":", "\"", "'", "x", "\\", "\u0001",
        "\n", "NaN", "undefined", "01", "-", ".5", "1.", "+1", "\"\\x\"", "/*", "true false"};
    while (true) {
      String base = pick(EVENTS);
      int jsonStart = base.indexOf('[');
      String json = base.substring(jsonStart);
      int at = 1 + rnd.nextInt(json.length() - 1);
      String broken = switch (rnd.nextInt(3)) {
        case 0 -> json.substring(0, at) + pick(breakers) + json.substring(at);
        case 1 -> json.substring(0, at - 1) + json.substring(at);
        default -> json.substring(0, at - 1) + pick(breakers) + json.substring(at);
      };
      if (!isJson(broken)) {
        add("broken-json", t, Expect.CLOSE, base.substring(0, jsonStart) + broken);
        return;
      }
    }
  }

  /** Attachments that do not match their header, or come without one. */
  void wrongAttachments(Transport t) {
    String placeholder = "{\"_placeholder\":true,\"num\":0}";
    switch (rnd.nextInt(8)) {
      case 0 -> { // a text packet while attachments are due
        int n = 1 + rnd.nextInt(3);
        List<Object> frames = new ArrayList<>();
        frames.add("45" + n + "-[\"echo\"" + placeholders(n) + "]");
        int delivered = rnd.nextInt(n);
        for (int i = 0; i < delivered; i++) {
          frames.add(randomBytes(8));
        }
        frames.add(pick(EVENTS));
        add("attachments-text-while-due", t, Expect.CLOSE, frames.toArray());
      }
      case 1 -> { // binary data with no binary packet announced
        List<Object> frames = new ArrayList<>();
        int count = 1 + rnd.nextInt(3);
        for (int i = 0; i < count; i++) {
          frames.add(randomBytes(40));
        }
        add("attachments-without-header", t, Expect.CLOSE, frames.toArray());
      }
      case 2 -> { // an attachment count out of range
        String count = pick(new String[] {"0", "11", "99", "1000", "9999", "99999",
            "12345678901234567890", "00"});
        add("attachments-count-out-of-range", t, Expect.CLOSE,
            "45" + count + "-[\"echo\"," + placeholder + "]", randomBytes(4));
      }
      case 3 -> { // no count, no dash, junk count
        String header = pick(new String[] {"45-", "45a-", "451", "45 1-", "45-1-", "451.5-",
            "45\u0661-", "46-", "461"});
        add("attachments-bad-header", t, Expect.CLOSE,
            header + "[\"echo\"," + placeholder + "]", randomBytes(4));
      }
      case 4 -> { // a placeholder pointing at no attachment
        String bad = pick(new String[] {"1", "2", "-1", "\"0\"", "0.5", "null", "true",
            "99999999999", "1e0"});
        String field = rnd.nextInt(4) == 0 ? "" : ",\"num\":" + bad;
        add("attachments-bad-placeholder", t, Expect.CLOSE,
            "451-[\"echo\",{\"_placeholder\":true" + field + "}]", randomBytes(4));
      }
      case 5 -> { // more attachments than announced
        int n = 1 + rnd.nextInt(2);
        List<Object> frames = new ArrayList<>();
        frames.add("45" + n + "-[\"echo\"" + placeholders(n) + "]");
        for (int i = 0; i <= n; i++) {
          frames.add(randomBytes(8));
        }
        add("attachments-too-many", t, Expect.CLOSE, frames.toArray());
      }
      case 6 -> // a binary ack for an id the server never issued
          add("attachments-never-issued-binary-ack", t, Expect.CLOSE,
              "461-" + rnd.nextInt(100000) + "[" + placeholder + "]", randomBytes(8));
      default -> { // the header is broken JSON
        String header = BINARY_EVENT.substring(0, 5 + rnd.nextInt(BINARY_EVENT.length() - 6));
        add("attachments-header-broken-json", t, Expect.CLOSE, header, randomBytes(4));
      }
    }
  }

  private String placeholders(int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(",{\"_placeholder\":true,\"num\":").append(i).append('}');
    }
    return sb.toString();
  }

  /** An ACK for an id the server never used (it never asked this client for an ack). */
  void neverIssuedAck(Transport t) {
    long id = rnd.nextInt(3) == 0 ? 999 : (long) (rnd.nextDouble() * 1e15);
    String args = pick(new String[] {"[]", "[1]", "[\"a\",{\"b\":[]}]", "[null]"});
    add("never-issued-ack", t, Expect.CLOSE, "43" + id + args);
  }

  void unknownNamespace(Transport t) {
    String ns = "/nope" + rnd.nextInt(1000) + pick(new String[] {"", "/x", "-y", "_z"});
    String packet = pick(new String[] {"40" + ns, "40" + ns + ",",
        "40" + ns + ",{\"token\":\"t\"}"});
    add("unknown-namespace", t, Expect.CONNECT_ERROR, packet);
  }

  /**
   * Valid JSON with numbers far beyond double or long (the reference reads them fine). An
   * exponent beyond int (1e9999999999) is beyond BigDecimal too: that one closes the connection
   * (MalformedInputTest#aNumberBeyondBigDecimalRangeClosesTheConnection).
   */
  void hugeNumber(Transport t) {
    String n = pick(new String[] {"1e999999", "-1e999999", "1e-999999",
        "123456789012345678901234567890", "1" + "0".repeat(900), "0." + "0".repeat(800) + "1",
        "1e9999999999", "9".repeat(2000)});
    String packet = rnd.nextBoolean() ? "42[\"echo\"," + n + "]" : "4242[\"echo\"," + n + "]";
    add("huge-number", t, Expect.ANY, packet);
    if (rnd.nextInt(4) == 0) {
      String id = "123456789012345678901234567890".substring(0, 16 + rnd.nextInt(15));
      add("huge-ack-id", t, Expect.ANY, "42" + id + "[\"echo\"]");
    }
  }

  /** Random edits of valid packets: anything may happen except a stuck connection. */
  void mutated(Transport t) {
    boolean binary = rnd.nextInt(6) == 0;
    String packet = binary ? (rnd.nextBoolean() ? BINARY_EVENT : BINARY_EVENT_2)
        : validPacket();
    StringBuilder sb = new StringBuilder(packet);
    int edits = 1 + rnd.nextInt(3);
    for (int e = 0; e < edits; e++) {
      int at = sb.length() == 0 ? 0 : rnd.nextInt(sb.length());
      char ch = rnd.nextInt(3) == 0 ? NASTY_CHARS.charAt(rnd.nextInt(NASTY_CHARS.length()))
          : (char) (0x20 + rnd.nextInt(0x5f));
      switch (rnd.nextInt(6)) {
        case 0 -> sb.setLength(at);
        case 1 -> {
          if (sb.length() > 0) {
            sb.setCharAt(at, ch);
          }
        }
        case 2 -> sb.insert(at, ch);
        case 3 -> {
          if (sb.length() > 0) {
            sb.deleteCharAt(at);
          }
        }
        case 4 -> sb.insert(at, sb.substring(at, Math.min(sb.length(), at + rnd.nextInt(8))));
        default -> {
          int other = sb.length() == 0 ? 0 : rnd.nextInt(sb.length());
          if (sb.length() > 1) {
            char a = sb.charAt(at);
            sb.setCharAt(at, sb.charAt(other));
            sb.setCharAt(other, a);
          }
        }
      }
    }
    List<Object> frames = new ArrayList<>();
    frames.add(sb.toString());
    if (binary) {
      int attachments = rnd.nextInt(3);
      for (int i = 0; i < attachments; i++) {
        frames.add(randomBytes(16));
      }
    }
    add("mutated", t, Expect.ANY, frames.toArray());
  }

  void handWritten(Transport t) {
    // Engine.IO level
    add("empty", t, Expect.CLOSE, "");
    add("engine-client-ping", t, Expect.CLOSE, "2");
    add("engine-client-ping-probe", t, Expect.CLOSE, "2probe");
    add("engine-close", t, Expect.CLOSE, "1");
    add("engine-bad-base64", t, Expect.CLOSE, "b!!!not base64!!!");
    add("engine-bad-base64", t, Expect.CLOSE, "bAQID=A");
    add("engine-binary-without-header", t, Expect.CLOSE, "b");
    add("engine-binary-without-header", t, Expect.CLOSE, "bAQIDBA==");
    for (String ignored : new String[] {"0", "0{}", "3", "3probe", "5", "6", "6junk"}) {
      add("engine-harmless", t, Expect.ANY, ignored);
    }
    // Socket.IO level
    for (String bad : new String[] {"42", "42[]", "42{}", "42\"str\"", "42null", "42[null]",
        "42[{}]", "42[true]", "42[[\"echo\"]]", "421", "42abc[\"echo\",1]", "42[\"echo\"]x",
        "42[\"echo\"]]", "42-1[\"echo\"]", "42[\"echo\",\"raw\ncontrol\"]",
        "42[\"echo\",'single']", "42[\"echo\",NaN]", "42[\"echo\",01]", "42/custom,[\"echo\"]",
        "42/nope,[\"echo\"]", "40", "40/", "40{\"a\":1}", "40[]", "40\"x\"", "40/custom,[1]",
        "41{}", "41[]", "41\"x\"", "43[]", "43", "43999[]", "430[]", "43999{}", "44",
        "44{\"message\":\"x\"}", "44\"x\"", "4/", "4/custom", "4-1", "4" + "\u0000",
        "4" + "2".repeat(5000)}) {
      add("socketio-invalid", t, Expect.CLOSE, bad);
    }
    for (String reserved : new String[] {"connect", "connect_error", "disconnect",
        "disconnecting", "newListener", "removeListener"}) {
      add("socketio-reserved-event", t, Expect.CLOSE, "42[\"" + reserved + "\"]");
    }
    for (String odd : new String[] {"42[\"echo\"] ", "42 [\"echo\"]", "42[1]", "42[1.5]",
        "42[\"echo\",\"\\ud800\"]", "42[\"echo\",\"\\u0000\"]", "42007[\"echo\"]",
        "42999999999999999[\"echo\"]", "40//,", "40/custom,{\"a\":[1,{\"b\":{}}]}",
        "40/" + "a".repeat(10_000), "41/custom,", "41/never-joined,",
        "42[\"echo\",\"" + "z".repeat(500_000) + "\"]", "42[\"" + "e".repeat(10_000) + "\"]",
        "451-[\"echo\",{\"_placeholder\":false,\"num\":0}]"}) {
      add("socketio-odd-but-valid", t, Expect.ANY, odd);
    }
    // Deeply nested JSON, within and beyond the parser's nesting limit.
    for (int depth : new int[] {100, 998, 999, 1000, 1001, 5000, 100_000}) {
      add("deep-json-array", t, Expect.ANY,
          "4242[\"echo\"," + "[".repeat(depth) + "]".repeat(depth) + "]");
      add("deep-json-object", t, Expect.ANY,
          "4242[\"echo\"," + "{\"a\":".repeat(depth) + "1" + "}".repeat(depth) + "]");
    }
    // Larger than maxPayload (1 MB).
    // Over WebSocket the frame is refused; over polling the POST gets 413 and the session
    // lives on, as in the reference server.
    add("over-max-payload", t, t == Transport.WS ? Expect.CLOSE : Expect.ANY,
        "42[\"echo\",\"" + "x".repeat(1_100_000) + "\"]");
    // Binary attachments whose bytes are not UTF-8 are just bytes.
    for (byte[] bytes : INVALID_UTF8) {
      add("binary-invalid-utf8", t, Expect.CLOSE, (Object) bytes);
      add("attachment-invalid-utf8", t, Expect.ANY, BINARY_EVENT, bytes);
    }
    if (t == Transport.WS) {
      add("empty-binary-frame", t, Expect.CLOSE, (Object) new byte[0]);
      add("over-max-payload-binary", t, Expect.CLOSE, (Object) new byte[1_100_000]);
    } else {
      add("polling-empty-record", t, Expect.CLOSE, "42[\"echo\"]" + RS);
      add("polling-empty-record", t, Expect.CLOSE, RS + "42[\"echo\"]");
      add("polling-only-separators", t, Expect.CLOSE, RS + RS + RS);
      add("polling-valid-then-invalid", t, Expect.CLOSE, "42[\"echo\"]" + RS + "x");
      add("polling-valid-then-invalid", t, Expect.CLOSE, "6" + RS + "43999[]");
      add("polling-binary-header-then-text", t, Expect.CLOSE, BINARY_EVENT + RS + "42[\"e\"]");
      add("polling-many-valid", t, Expect.ANY,
          String.join(RS, Collections.nCopies(500, "42[\"echo\"]")));
    }
  }

  /** A frame for a report: binary as bytes, text escaped and shortened. */
  static String show(Object frame) {
    if (frame instanceof byte[] bytes) {
      return "bin" + (bytes.length > 24 ? "[" + bytes.length + " bytes]"
          : Arrays.toString(bytes));
    }
    if (frame instanceof RawFrames raw) {
      return raw.label();
    }
    String s = (String) frame;
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length() && sb.length() < 160; i++) {
      char ch = s.charAt(i);
      if (ch < 0x20 || ch > 0x7e) {
        sb.append(String.format("\\u%04x", (int) ch));
      } else {
        sb.append(ch);
      }
    }
    if (s.length() > 150) {
      sb.append("...(").append(s.length()).append(" chars)");
    }
    return sb.append('"').toString();
  }

  private static boolean isJson(String text) {
    try {
      STRICT_JSON.readTree(text);
      return true;
    } catch (Exception e) {
      return false;
    }
  }
}
