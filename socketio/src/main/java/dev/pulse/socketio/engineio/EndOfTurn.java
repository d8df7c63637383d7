package dev.pulse.socketio.engineio;

import io.vertx.core.Context;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work deferred to the end of the current event-loop turn, as one task for the whole server:
 * flushing every WebSocket written to during the turn (so a burst of frames to one connection,
 * such as many broadcasts at once, costs one write system call), then dropping the turn's shared
 * broadcast frames. Used on the server's event loop only.
 */
final class EndOfTurn {

  private static final Logger LOG = LoggerFactory.getLogger(EndOfTurn.class);

  private final Context context;
  private List<WebSocketConnection> dirty = new ArrayList<>();
  private List<WebSocketConnection> spare = new ArrayList<>();
  private final List<SharedMessage> shared = new ArrayList<>();
  private boolean scheduled;

  EndOfTurn(Context context) {
    this.context = context;
  }

  /** Flushes {@code connection} at the end of the turn (it tracks whether it is already listed). */
  void flushLater(WebSocketConnection connection) {
    dirty.add(connection);
    schedule();
  }

  /** Drops the frame of {@code message} at the end of the turn, after its writes were queued. */
  void releaseLater(SharedMessage message) {
    shared.add(message);
    schedule();
  }

  private void schedule() {
    if (!scheduled) {
      scheduled = true;
      context.runOnContext(v -> run());
    }
  }

  private void run() {
    scheduled = false;
    // Flushing can close a connection, whose close handlers may write and so list connections
    // again: those go into the other list and are flushed in the next turn.
    List<WebSocketConnection> connections = dirty;
    dirty = spare;
    for (int i = 0; i < connections.size(); i++) {
      try {
        connections.get(i).flushNow();
      } catch (RuntimeException e) {
        LOG.error("flushing a websocket failed", e); // the others are still flushed
      }
    }
    connections.clear();
    spare = connections;
    for (int i = 0; i < shared.size(); i++) {
      shared.get(i).releaseFrame();
    }
    shared.clear();
  }
}
