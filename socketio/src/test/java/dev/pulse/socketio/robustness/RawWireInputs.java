package dev.pulse.socketio.robustness;

import static dev.pulse.socketio.robustness.MalformedInputs.INVALID_UTF8;

import dev.pulse.socketio.robustness.MalformedInputs.Case;
import dev.pulse.socketio.robustness.MalformedInputs.Expect;
import dev.pulse.socketio.robustness.MalformedInputs.RawAction;
import dev.pulse.socketio.robustness.MalformedInputs.RawFrames;
import dev.pulse.socketio.robustness.MalformedInputs.Transport;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The storm's inputs below Engine.IO ({@link MalformedInputs} has the rest): hand-made WebSocket
 * frames (RAW_WS), written on a connection that completed its Socket.IO handshake, and broken
 * HTTP requests (RAW_HTTP), each on its own TCP connection.
 */
final class RawWireInputs {

  private final List<Case> cases = new ArrayList<>();

  private RawWireInputs() {
  }

  static List<Case> all() {
    RawWireInputs inputs = new RawWireInputs();
    inputs.webSocketFrames();
    inputs.httpRequests();
    return inputs.cases;
  }

  private void raw(String kind, Expect expect, RawAction action) {
    cases.add(new Case(kind, Transport.RAW_WS, expect,
        List.of(new RawFrames(kind + "#" + cases.size(), action))));
  }

  /** Frames a WebSocket client library would never send, after a valid handshake. */
  private void webSocketFrames() {
    byte[] event = "42[\"echo\"]".getBytes(StandardCharsets.UTF_8);
    for (byte[] bad : INVALID_UTF8) {
      raw("raw-text-invalid-utf8", Expect.ANY, s -> s.frame(0x1, true, 0, true, bad));
      byte[] inString = concat("42[\"echo\",\"".getBytes(StandardCharsets.UTF_8), bad,
          "\"]".getBytes(StandardCharsets.UTF_8));
      raw("raw-text-invalid-utf8-in-json", Expect.ANY, s -> s.frame(0x1, true, 0, true,
          inString));
    }
    raw("raw-unmasked-frame", Expect.CLOSE, s -> s.frame(0x1, true, 0, false, event));
    for (int opcode : new int[] {0x3, 0x7, 0xB, 0xF}) {
      raw("raw-reserved-opcode", Expect.CLOSE, s -> s.frame(opcode, true, 0, true, event));
    }
    for (int rsv : new int[] {1, 2, 4}) {
      raw("raw-rsv-bits", Expect.CLOSE, s -> s.frame(0x1, true, rsv, true, event));
    }
    raw("raw-continuation-without-start", Expect.CLOSE,
        s -> s.frame(0x0, true, 0, true, event));
    raw("raw-new-message-inside-fragmented", Expect.CLOSE, s -> {
      s.frame(0x1, false, 0, true, "42[\"ec".getBytes(StandardCharsets.UTF_8));
      s.frame(0x1, true, 0, true, event);
    });
    raw("raw-control-frame-too-long", Expect.CLOSE,
        s -> s.frame(0x9, true, 0, true, new byte[126]));
    raw("raw-fragmented-control-frame", Expect.CLOSE,
        s -> s.frame(0x9, false, 0, true, new byte[4]));
    raw("raw-close-bad-code", Expect.CLOSE, s -> s.frame(0x8, true, 0, true, new byte[] {0, 1}));
    raw("raw-close", Expect.CLOSE, s -> s.frame(0x8, true, 0, true, new byte[] {0x03, (byte) 0xE8}));
    raw("raw-huge-announced-length", Expect.CLOSE,
        s -> s.frameWithLength(0x1, true, 0, true, new byte[0], 1L << 62));
    raw("raw-over-max-announced-length", Expect.CLOSE,
        s -> s.frameWithLength(0x2, true, 0, true, new byte[100], 2_000_000));
    raw("raw-fragmented-valid-message", Expect.ANY, s -> {
      s.frame(0x1, false, 0, true, "42[\"echo\",".getBytes(StandardCharsets.UTF_8));
      s.frame(0x0, false, 0, true, "\"frag".getBytes(StandardCharsets.UTF_8));
      s.frame(0x0, true, 0, true, "ment\"]".getBytes(StandardCharsets.UTF_8));
    });
    raw("raw-ping-frame", Expect.ANY, s -> s.frame(0x9, true, 0, true, new byte[] {1, 2}));
    raw("raw-unsolicited-pong-frame", Expect.ANY, s -> s.frame(0xA, true, 0, true, new byte[0]));
    raw("raw-garbage-bytes", Expect.CLOSE, s -> s.writeRaw(new byte[] {(byte) 0xFF,
        (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
        (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0}));
  }

  /** Broken or odd HTTP requests: each deserves a 4xx or a closed connection, never a hang. */
  private void httpRequests() {
    String p = Wire.PATH;
    String[] requests = {
        "GARBAGE\r\n\r\n",
        "GET " + p + "?EIO=4&transport=polling HTTP/9.9\r\nHost: x\r\n\r\n",
        "POST " + p + "?EIO=4&transport=polling HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n",
        "POST " + p + "?EIO=4&transport=polling HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n",
        "POST " + p + "?EIO=4&transport=polling&sid=x HTTP/1.1\r\nHost: x\r\n"
            + "Transfer-Encoding: chunked\r\n\r\nZZ\r\nabc\r\n0\r\n\r\n",
        "GET " + p + "?EIO=4&transport=polling HTTP/1.1\r\nHost: x\r\nX-Big: "
            + "a".repeat(20_000) + "\r\n\r\n",
        "GET " + p + "?" + "a=b&".repeat(5000) + "EIO=4&transport=polling HTTP/1.1\r\n"
            + "Host: x\r\n\r\n",
        "GET " + p + "?EIO=4&transport=websocket HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n\r\n",
        "GET " + p + "?EIO=4&transport=websocket HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
            + "Sec-WebSocket-Version: 99\r\n\r\n",
        "GET " + p + "?EIO=4&transport=websocket HTTP/1.1\r\nHost: x\r\n\r\n",
        "POST " + p + "?EIO=4&transport=websocket HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
            + "Sec-WebSocket-Version: 13\r\nContent-Length: 0\r\n\r\n",
        "DELETE " + p + "?EIO=4&transport=polling&sid=nope HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET " + p + "?EIO=4&transport=polling&sid=" + "s".repeat(5000) + " HTTP/1.1\r\n"
            + "Host: x\r\n\r\n",
        "GET " + p + "?EIO=4&transport=polling&sid= HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET " + p + "?EIO=4&transport=polling&sid=a&sid=b HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET " + p + "?EIO=4&transport=POLLING HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET " + p + "?EIO=04&transport=polling HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET " + p + "?EIO=4&transport=polling HTTP/1.1\r\nHost: x\r\nOrigin: \u0001\r\n\r\n",
        "GET " + p + "?EIO=4&transport=polling HTTP/1.1\r\nHost: x\r\nOrigin: http://[::1\r\n\r\n",
    };
    for (String request : requests) {
      cases.add(new Case("raw-http", Transport.RAW_HTTP, Expect.HTTP_REFUSED,
          List.of(request)));
    }
  }

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }
}
