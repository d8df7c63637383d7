package dev.pulse.server.realtime;

import dev.pulse.socketio.Namespace;
import dev.pulse.socketio.Socket;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends {@code online_count_update} so that no client gets more than one per interval
 * ({@code ONLINE_COUNT_INTERVAL_MS}), however many users come and go. Every send happens in a
 * flush, flushes are at least one interval apart, and a new socket is told at the next flush
 * (at once when none happened within the interval) and joins the room of counted sockets then.
 * Used on the event loop only.
 */
public final class OnlineCounts {
  private static final Logger log = LoggerFactory.getLogger(OnlineCounts.class);

  private final Vertx vertx;
  private final Namespace namespace;
  private final Supplier<Future<Integer>> count;
  private final long intervalMillis;
  private List<Socket> newcomers = new ArrayList<>();
  private long lastFlush = Long.MIN_VALUE / 2;
  private boolean scheduled;
  private int lastSent = -1;

  public OnlineCounts(Vertx vertx, Namespace namespace, Supplier<Future<Integer>> count, long intervalMillis) {
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
    List<Socket> welcomed = newcomers;
    newcomers = new ArrayList<>();
    count.get().onFailure(err -> log.warn("could not count online users: {}", err.toString())).onSuccess(now -> {
      JsonObject payload = new JsonObject().put("count", now);
      if (now != lastSent) {
        // each node tells its own sockets (in a cluster every node reads the same shared count)
        namespace.local().to(Rooms.ONLINE_COUNT).emit("online_count_update", payload);
        lastSent = now;
      }
      for (Socket socket : welcomed) {
        if (socket.connected()) {
          socket.emit("online_count_update", payload);
          socket.join(Rooms.ONLINE_COUNT);
        }
      }
    });
  }
}
