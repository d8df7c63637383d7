package dev.pulse.server.presence;

import dev.pulse.socketio.Namespace;
import dev.pulse.socketio.Socket;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * Sends {@code online_count_update} so that no client gets more than one per interval
 * ({@code ONLINE_COUNT_INTERVAL_MS}), however many users come and go. Every send happens in a
 * flush, flushes are at least one interval apart, and a new socket is told at the next flush
 * (at once when none happened within the interval) and joins the room of counted sockets then.
 * Used on the event loop only.
 */
public final class OnlineCountBroadcaster {
  static final String ROOM = "online-count";

  private final Vertx vertx;
  private final Namespace namespace;
  private final IntSupplier count;
  private final long intervalMillis;
  private final List<Socket> newcomers = new ArrayList<>();
  private long lastFlush = Long.MIN_VALUE / 2;
  private boolean scheduled;
  private int lastSent = -1;

  public OnlineCountBroadcaster(Vertx vertx, Namespace namespace, IntSupplier count, long intervalMillis) {
    this.vertx = vertx;
    this.namespace = namespace;
    this.count = count;
    this.intervalMillis = intervalMillis;
  }

  /** The number of online users may have changed. */
  public void changed() {
    schedule();
  }

  /** A socket connected: it gets the count at the next flush. */
  public void welcome(Socket socket) {
    newcomers.add(socket);
    schedule();
  }

  private void schedule() {
    if (scheduled) {
      return;
    }
    scheduled = true;
    long wait = lastFlush + intervalMillis - System.currentTimeMillis();
    if (wait <= 0) {
      flush();
    } else {
      vertx.setTimer(wait, id -> flush());
    }
  }

  private void flush() {
    scheduled = false;
    lastFlush = System.currentTimeMillis();
    int now = count.getAsInt();
    JsonObject payload = new JsonObject().put("count", now);
    if (now != lastSent) {
      namespace.to(ROOM).emit("online_count_update", payload);
      lastSent = now;
    }
    for (Socket socket : newcomers) {
      if (socket.connected()) {
        socket.emit("online_count_update", payload);
        socket.join(ROOM);
      }
    }
    newcomers.clear();
  }
}
