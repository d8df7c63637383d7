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
 * ({@code ONLINE_COUNT_INTERVAL_MS}, longer on a node with more sockets than
 * {@link #FRAMES_PER_SECOND} allows), however many users come and go. Every send happens in a
 * flush, flushes are at least one interval apart, and a new socket is told at the next flush
 * (at once when none happened within the interval) and joins the room of counted sockets then.
 * Used on the event loop only.
 */
public final class OnlineCounts {
  private static final Logger log = LoggerFactory.getLogger(OnlineCounts.class);

  /** The most {@code online_count_update} one node sends per second, all sockets together. */
  public static final int FRAMES_PER_SECOND = 10_000;

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
    long wait = lastFlush + interval() - System.currentTimeMillis();
    if (wait <= 0) {
      flush();
    } else {
      vertx.setTimer(wait, id -> flush());
    }
  }

  /**
   * The interval, stretched so that one node sends at most {@link #FRAMES_PER_SECOND} counts a
   * second: each is a write to one connection, and at ten thousand sockets a 250 ms interval
   * alone would be 40 000 writes a second, most of a core while thousands arrive.
   */
  private long interval() {
    return Math.max(intervalMillis, namespace.sockets().size() * 1000L / FRAMES_PER_SECOND);
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
