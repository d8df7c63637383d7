package dev.pulse.socketio.engineio;

import dev.pulse.socketio.engineio.EnginePacketCodec.EngineParseException;
import io.netty.util.Timeout;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * HTTP long-polling: the client holds one GET open to receive (answered as soon as there is
 * data) and POSTs what it sends. At most one GET and one POST per session at a time.
 */
final class PollingTransport implements Transport {

  /** How long a GET that arrives while an upgrade is being probed is held before a NOOP. */
  private static final int HELD_POLL_MILLIS = 50;

  private final EngineSocket session;
  private final EngineIoServer server;
  private HttpServerRequest pendingGet;
  private Timeout heldPoll;
  /**
   * Runs out when no GET follows the last answered one in time: first at {@code pollQuietTimeout}
   * (the session is reported quiet), then at {@code pollGapTimeout} (it is closed).
   */
  private Timeout gap;
  private boolean postInFlight;
  /** Set by {@link #close} when no GET was waiting: the next one carries the CLOSE packet. */
  private List<EnginePacket> closingPackets;
  private Runnable closedCallback;

  PollingTransport(EngineSocket session, EngineIoServer server) {
    this.session = session;
    this.server = server;
  }

  @Override
  public String name() {
    return "polling";
  }

  @Override
  public boolean writable() {
    return pendingGet != null;
  }

  void onRequest(HttpServerRequest request) {
    switch (request.method().name()) {
      case "GET" -> onPoll(request);
      case "POST" -> onData(request);
      default -> server.reject(request, HandshakeError.BAD_REQUEST);
    }
  }

  private void onPoll(HttpServerRequest request) {
    if (pendingGet != null) {
      request.response().setStatusCode(400).end();
      session.onError(CloseReason.TRANSPORT_ERROR, "overlapping long-poll requests");
      return;
    }
    pendingGet = request;
    cancelGap();
    session.onPollHeard(this);
    request.response().closeHandler(v -> {
      if (pendingGet == request) {
        pendingGet = null;
        session.onTransportClosed(this, CloseReason.TRANSPORT_ERROR,
            "poll connection closed prematurely");
      }
    });
    if (closedCallback != null) {
      finishClose();
    } else if (session.isProbed()) {
      // The client pauses polling once its WebSocket is probed; a GET now is answered with a
      // NOOP, or refused if the upgrade completes first.
      heldPoll = server.timer().schedule(HELD_POLL_MILLIS, this::release);
    } else {
      session.flush();
    }
  }

  private void onData(HttpServerRequest request) {
    // the client is there: its next GET may be queued behind this POST in the browser
    awaitNextPoll();
    if (postInFlight) {
      request.response().setStatusCode(400).end();
      session.onError(CloseReason.TRANSPORT_ERROR, "overlapping POST requests");
      return;
    }
    int max = server.options().maxPayload();
    String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length != null && (length.length() > 10 || Long.parseLong(length) > max)) {
      tooLarge(request); // (the HTTP codec has already refused a non-numeric Content-Length)
      return;
    }
    postInFlight = true;
    Buffer body = Buffer.buffer();
    request.handler(chunk -> {
      if (!postInFlight) {
        return;
      }
      body.appendBuffer(chunk);
      if (body.length() > max) {
        postInFlight = false;
        tooLarge(request);
      }
    });
    request.exceptionHandler(e -> postInFlight = false);
    request.endHandler(v -> {
      if (postInFlight) {
        postInFlight = false;
        onPayload(request, body.toString(StandardCharsets.UTF_8));
      }
    });
  }

  private void tooLarge(HttpServerRequest request) {
    // As in the reference server the session survives; only this request is refused.
    HttpServerResponse response = request.response();
    if (!response.ended()) {
      response.setStatusCode(413).putHeader(HttpHeaders.CONNECTION, "close").end();
    }
  }

  private void onPayload(HttpServerRequest request, String payload) {
    List<EnginePacket> packets;
    try {
      packets = EnginePacketCodec.decodePayload(payload);
    } catch (EngineParseException e) {
      server.reject(request, HandshakeError.BAD_REQUEST);
      session.onError(CloseReason.PARSE_ERROR, e.getMessage());
      return;
    }
    for (EnginePacket packet : packets) {
      if (packet.type() == EnginePacketType.CLOSE) {
        // The client is leaving (also while the server is closing and waits for a GET to carry
        // its CLOSE): a pending GET gets a NOOP, not a CLOSE echo.
        if (pendingGet != null) {
          write(List.of(EnginePacket.NOOP));
        }
        session.onClientClose();
        break;
      }
      if (!session.isOpen()) {
        break;
      }
      session.onPacket(packet);
    }
    HttpServerResponse response = request.response();
    server.cors().addHeaders(request, response);
    response.putHeader(HttpHeaders.CONTENT_TYPE, "text/html")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .end("ok");
  }

  @Override
  public int send(List<EnginePacket> packets) {
    write(packets);
    return packets.size();
  }

  /** Answers the waiting GET with a NOOP so the client can finish its upgrade. */
  void release() {
    if (pendingGet != null) {
      write(List.of(EnginePacket.NOOP));
    }
  }

  private void write(List<EnginePacket> packets) {
    HttpServerRequest request = pendingGet;
    pendingGet = null;
    if (heldPoll != null) {
      heldPoll.cancel();
      heldPoll = null;
    }
    HttpServerResponse response = request.response();
    if (response.ended() || response.closed()) {
      return;
    }
    server.cors().addHeaders(request, response);
    response.putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=UTF-8")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .end(EnginePacketCodec.encodePayload(packets))
        // counted from when the answer is written out, so a slow link is not charged for its size
        .onComplete(ar -> awaitNextPoll());
  }

  /** Starts waiting for the client's next GET; see {@link EngineIoOptions#DEFAULT_POLL_GAP_TIMEOUT}. */
  void awaitNextPoll() {
    if (pendingGet != null || closedCallback != null || !session.isOpen()) {
      return;
    }
    cancelGap();
    session.onPollHeard(this);
    int quietAfter = server.options().pollQuietTimeout();
    int closeAfter = server.options().pollGapTimeout();
    if (quietAfter >= closeAfter) {
      gap = server.timer().schedule(closeAfter, this::gapOver);
      return;
    }
    gap = server.timer().schedule(quietAfter, () -> {
      gap = null;
      if (pendingGet == null) {
        session.onPollQuiet(this);
        gap = server.timer().schedule(closeAfter - quietAfter, this::gapOver);
      }
    });
  }

  private void gapOver() {
    gap = null;
    if (pendingGet == null) {
      session.onPollGap(this);
    }
  }

  private void cancelGap() {
    if (gap != null) {
      gap.cancel();
      gap = null;
    }
  }

  @Override
  public void close(List<EnginePacket> remaining, Runnable closed) {
    cancelGap();
    closingPackets = remaining;
    closedCallback = closed;
    if (pendingGet != null) {
      finishClose();
    }
  }

  /**
   * Delivers what was buffered, then CLOSE on its own in a later poll: clients act on CLOSE at
   * once but on the messages before it a tick later, and must see those (e.g. DISCONNECT) first.
   */
  private void finishClose() {
    if (closingPackets != null && !closingPackets.isEmpty()) {
      List<EnginePacket> packets = closingPackets;
      closingPackets = null;
      write(packets);
      return;
    }
    Runnable closed = closedCallback;
    closingPackets = null;
    closedCallback = null;
    write(List.of(EnginePacket.CLOSE));
    closed.run();
  }

  @Override
  public void discard() {
    cancelGap();
    if (pendingGet != null) {
      // Only a misbehaving client polls across its own upgrade; the session is WebSocket now.
      HttpServerRequest request = pendingGet;
      pendingGet = null;
      if (heldPoll != null) {
        heldPoll.cancel();
        heldPoll = null;
      }
      server.reject(request, HandshakeError.BAD_REQUEST);
    }
  }
}
