package dev.pulse.socketio.engineio;

import dev.pulse.socketio.engineio.EnginePacketCodec.EngineParseException;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import java.util.List;

/**
 * One packet per WebSocket frame: text packets as text frames, binary messages as raw binary
 * frames. Like the reference server, the next batch is written only once the previous one has
 * reached the socket, so packets produced meanwhile queue in the session's bounded buffer
 * instead of in Netty.
 */
final class WebSocketTransport implements Transport {

  private final EngineSocket session;
  private final ServerWebSocket ws;
  private boolean writing;
  private boolean closed;

  WebSocketTransport(EngineSocket session, ServerWebSocket ws) {
    this.session = session;
    this.ws = ws;
    ws.textMessageHandler(this::onText);
    ws.binaryMessageHandler(bytes -> session.onWebSocketPacket(this, EnginePacket.message(bytes)));
    ws.closeHandler(v -> {
      closed = true;
      session.onTransportClosed(this, CloseReason.TRANSPORT_CLOSE, "websocket closed by the peer");
    });
    ws.exceptionHandler(e -> session.onTransportClosed(this, CloseReason.TRANSPORT_ERROR,
        String.valueOf(e.getMessage())));
  }

  @Override
  public String name() {
    return "websocket";
  }

  @Override
  public boolean writable() {
    return !writing && !closed;
  }

  private void onText(String text) {
    EnginePacket packet;
    try {
      packet = EnginePacketCodec.decodeText(text);
    } catch (EngineParseException e) {
      session.onWebSocketParseError(this, e.getMessage());
      return;
    }
    session.onWebSocketPacket(this, packet);
  }

  @Override
  public void send(List<EnginePacket> packets) {
    Future<Void> last = null;
    for (EnginePacket packet : packets) {
      last = writeFrame(packet);
    }
    gateOn(last);
  }

  @Override
  public void send(EnginePacket packet) {
    gateOn(writeFrame(packet));
  }

  private void gateOn(Future<Void> lastWrite) {
    if (lastWrite == null || lastWrite.isComplete()) {
      return;
    }
    writing = true;
    lastWrite.onComplete(ar -> {
      writing = false;
      if (ar.succeeded()) {
        session.flush();
      }
    });
  }

  private Future<Void> writeFrame(EnginePacket packet) {
    if (packet.data() instanceof Buffer bytes) {
      return ws.writeBinaryMessage(bytes);
    }
    return ws.writeTextMessage(EnginePacketCodec.encodeText(packet));
  }

  @Override
  public void close(List<EnginePacket> remaining, Runnable onClosed) {
    if (!closed) {
      closed = true;
      if (remaining != null) {
        remaining.forEach(this::writeFrame);
      }
      ws.close();
    }
    onClosed.run();
  }

  @Override
  public void discard() {
    close(null, () -> {});
  }
}
