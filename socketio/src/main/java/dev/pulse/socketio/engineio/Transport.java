package dev.pulse.socketio.engineio;

import java.util.List;

/** How packets reach one client: a long-polling exchange or a WebSocket. */
interface Transport {

  String name();

  /**
   * Whether {@link #send} may be called now (polling: a GET is waiting; WebSocket: no write in
   * flight).
   */
  boolean writable();

  /**
   * Writes packets from the start of the list, as many as the transport takes now, and returns
   * how many (polling: all of them); only called while {@link #writable()}.
   */
  int send(List<EnginePacket> packets);

  /** Writes one packet; only called while {@link #writable()}. */
  default void send(EnginePacket packet) {
    send(List.of(packet));
  }

  /**
   * Ends the transport after delivering {@code remaining} (may be null) and telling the client:
   * polling hands both to the waiting GET, or to the next one; a WebSocket writes them and closes.
   * {@code closed} runs once the client has been told.
   */
  void close(List<EnginePacket> remaining, Runnable closed);

  /** Stops using the transport without a CLOSE packet (it was upgraded away from). */
  void discard();
}
