package dev.pulse.socketio.robustness;

import static dev.pulse.socketio.robustness.Wire.RS;
import static dev.pulse.socketio.robustness.Wire.uri;

import dev.pulse.socketio.robustness.MalformedInputs.Case;
import dev.pulse.socketio.robustness.MalformedInputs.Expect;
import dev.pulse.socketio.robustness.MalformedInputs.RawFrames;
import dev.pulse.socketio.robustness.RawSocket.Frame;
import dev.pulse.socketio.robustness.Wire.Resp;
import dev.pulse.socketio.robustness.Wire.Ws;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends one malformed input on a connection of its own and reports how the server took it: for
 * an input that may be ignored, a probe that must still be acknowledged tells an ignored input
 * from a stuck connection.
 */
final class MalformedInputRunner {

  enum Outcome { CLOSED, ERROR_REPLY, ANSWERED, NOT_CLOSED, WEDGED, SERVER_ERROR, SETUP_FAILED }

  private static final long CLOSE_WAIT_MILLIS = 2000;
  private static final long PROBE_WAIT_MILLIS = 2500;

  /** Sent after an input that may be ignored: its ack proves the connection still works. */
  private static final String PROBE = "42987654[\"echo\",\"probe\"]";
  private static final String PROBE_ACK = "43987654[\"probe\"]";

  private final Wire wire;
  private final int port;

  MalformedInputRunner(Wire wire, int port) {
    this.wire = wire;
    this.port = port;
  }

  /** Sends {@code c} on a fresh connection and tells how the server took it. */
  Outcome run(Case c) throws Exception {
    return switch (c.transport()) {
      case WS -> runWebSocket(c);
      case POLLING -> runPolling(c);
      case RAW_WS -> runRawWebSocket(c);
      case RAW_HTTP -> runRawHttp(c);
    };
  }

  // ---- over a WebSocket ----

  private Outcome runWebSocket(Case c) throws Exception {
    Ws ws = Wire.await(wire.connectWsAsync(uri("websocket", ""), Map.of(), true), 10_000);
    try {
      ws.expectOpen(5000);
      ws.send("40");
      String connected = ws.nextText(5000);
      if (connected == null || !connected.startsWith("40{")) {
        throw new IllegalStateException("no CONNECT reply: " + connected);
      }
      try {
        for (Object frame : c.frames()) {
          if (frame instanceof String text) {
            ws.send(text);
          } else {
            ws.send(Buffer.buffer((byte[]) frame));
          }
        }
      } catch (IllegalStateException e) {
        // the server closed the WebSocket while frames were still being sent
      }
      if (c.expect() == Expect.CLOSE) {
        return ws.awaitClosed(CLOSE_WAIT_MILLIS) ? Outcome.CLOSED : Outcome.NOT_CLOSED;
      }
      ws.send(PROBE);
      boolean errorSeen = false;
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PROBE_WAIT_MILLIS);
      while (System.nanoTime() < deadline) {
        Object received = ws.next(10);
        if (received == null) {
          if (ws.isClosed() && ws.inbox.isEmpty()) {
            return Outcome.CLOSED;
          }
        } else if (received instanceof String text) {
          if (text.equals(PROBE_ACK)) {
            return errorSeen ? Outcome.ERROR_REPLY : Outcome.ANSWERED;
          }
          errorSeen |= text.startsWith("44");
        }
      }
      return ws.isClosed() ? Outcome.CLOSED : Outcome.WEDGED;
    } finally {
      ws.close();
    }
  }

  // ---- over long-polling ----

  private Outcome runPolling(Case c) throws Exception {
    String sid = wire.pollingHandshake();
    String poll = uri("polling", "&sid=" + sid);
    try {
      Resp joined = wire.post(poll, "40");
      Resp reply = wire.get(poll);
      if (joined.status() != 200 || !reply.body().startsWith("40{")) {
        throw new IllegalStateException("no CONNECT reply: " + reply);
      }
      String body = (String) c.frames().get(0);
      try {
        Resp post = wire.post(poll, body);
        if (post.status() >= 500) {
          return Outcome.SERVER_ERROR;
        }
      } catch (TimeoutException e) {
        return Outcome.WEDGED; // the POST was never answered
      } catch (Exception e) {
        // The server may drop the request of a session it closes, or refuse a body too large.
      }
      if (c.expect() == Expect.CLOSE) {
        return pollUntilClosed(poll);
      }
      try {
        wire.post(poll, PROBE);
      } catch (Exception e) {
        // judged by the GETs below
      }
      boolean errorSeen = false;
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PROBE_WAIT_MILLIS);
      while (System.nanoTime() < deadline) {
        Resp get;
        try {
          get = wire.request(HttpMethod.GET, poll, Map.of(), null, PROBE_WAIT_MILLIS);
        } catch (TimeoutException e) {
          return Outcome.WEDGED;
        }
        if (get.status() == 400) {
          return Outcome.CLOSED;
        }
        if (get.status() != 200) {
          return Outcome.SERVER_ERROR;
        }
        List<String> records = Arrays.asList(get.body().split(RS, -1));
        if (records.contains("1")) {
          return Outcome.CLOSED;
        }
        errorSeen |= records.stream().anyMatch(r -> r.startsWith("44"));
        if (records.contains(PROBE_ACK)) {
          return errorSeen ? Outcome.ERROR_REPLY : Outcome.ANSWERED;
        }
      }
      return Outcome.WEDGED;
    } finally {
      try {
        wire.post(poll, "1");
      } catch (Exception ignored) {
        // already gone
      }
    }
  }

  /** Whether the session ends (400, or a CLOSE packet) before it pings again. */
  private Outcome pollUntilClosed(String poll) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_WAIT_MILLIS);
    while (System.nanoTime() < deadline) {
      Resp get;
      try {
        get = wire.request(HttpMethod.GET, poll, Map.of(), null, CLOSE_WAIT_MILLIS);
      } catch (TimeoutException e) {
        return Outcome.NOT_CLOSED;
      }
      if (get.status() == 400) {
        return Outcome.CLOSED;
      }
      List<String> records = Arrays.asList(get.body().split(RS, -1));
      if (records.contains("1")) {
        return Outcome.CLOSED;
      }
      if (records.contains("2")) {
        return Outcome.NOT_CLOSED; // a ping: the session lives on
      }
    }
    return Outcome.NOT_CLOSED;
  }

  // ---- hand-made WebSocket frames ----

  private Outcome runRawWebSocket(Case c) throws Exception {
    try (RawSocket raw = RawSocket.connect(port, 0)) {
      if (raw.upgrade(uri("websocket", ""), "") != 101) {
        throw new IllegalStateException("upgrade refused");
      }
      Frame open = raw.readFrame(5000);
      raw.text("40");
      Frame connected = raw.readFrame(5000);
      if (open == null || !open.text().startsWith("0{") || connected == null
          || !connected.text().startsWith("40{")) {
        throw new IllegalStateException("no CONNECT reply");
      }
      try {
        ((RawFrames) c.frames().get(0)).action().send(raw);
      } catch (IOException e) {
        return Outcome.CLOSED;
      }
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(
          c.expect() == Expect.CLOSE ? CLOSE_WAIT_MILLIS : PROBE_WAIT_MILLIS);
      if (c.expect() != Expect.CLOSE) {
        try {
          raw.text(PROBE);
        } catch (IOException e) {
          return Outcome.CLOSED;
        }
      }
      boolean errorSeen = false;
      while (true) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
          return c.expect() == Expect.CLOSE ? Outcome.NOT_CLOSED : Outcome.WEDGED;
        }
        Frame frame;
        try {
          frame = raw.readFrame((int) left);
        } catch (SocketTimeoutException e) {
          continue;
        }
        if (frame == null || frame.opcode() == 0x8) {
          return Outcome.CLOSED;
        }
        if (frame.opcode() == 0x1) {
          if (frame.text().equals(PROBE_ACK)) {
            return errorSeen ? Outcome.ERROR_REPLY : Outcome.ANSWERED;
          }
          errorSeen |= frame.text().startsWith("44");
        }
      }
    }
  }

  // ---- hand-made HTTP requests ----

  private Outcome runRawHttp(Case c) throws Exception {
    try (RawSocket raw = RawSocket.connect(port, 0)) {
      try {
        raw.writeRaw(((String) c.frames().get(0)).getBytes(StandardCharsets.ISO_8859_1));
      } catch (IOException e) {
        return Outcome.CLOSED;
      }
      raw.socket.setSoTimeout((int) CLOSE_WAIT_MILLIS);
      String head;
      try {
        head = raw.readHead();
      } catch (SocketTimeoutException e) {
        return Outcome.WEDGED;
      } catch (IOException e) {
        return Outcome.CLOSED;
      }
      int status = RawSocket.statusOf(head);
      if (status < 0) {
        return Outcome.CLOSED;
      }
      if (status == 501 || status == 505) {
        return Outcome.ERROR_REPLY; // Netty refusing an HTTP version it does not speak
      }
      if (status >= 500) {
        return Outcome.SERVER_ERROR;
      }
      return status >= 400 ? Outcome.ERROR_REPLY : Outcome.ANSWERED;
    }
  }
}
