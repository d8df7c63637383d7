package dev.pulse.server.realtime;

import dev.pulse.server.presence.PresenceService.Counts;
import dev.pulse.socketio.BroadcastOperator;
import dev.pulse.socketio.Namespace;
import dev.pulse.socketio.Socket;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends {@code online_count_update} so that no client gets more than one per interval
 * ({@code ONLINE_COUNT_INTERVAL_MS}, longer on a node with more sockets than
 * {@link #FRAMES_PER_SECOND} allows), however many users come and go. Every send happens in a
 * flush, flushes are at least one interval apart, and a new socket is told at the next flush
 * (at once when none happened within the interval) and joins the room of counted sockets then.
 *
 * <p>A user someone blocked sees a count without the blockers who are online ({@link Counts}):
 * one broadcast carries the common count to everyone else, and those few users get theirs on
 * their own. Used on the event loop only.
 */
public final class OnlineCounts {
  private static final Logger log = LoggerFactory.getLogger(OnlineCounts.class);

  /** The most {@code online_count_update} one node sends per second, all sockets together. */
  public static final int FRAMES_PER_SECOND = 10_000;

  private record Newcomer(Socket socket, String username) {}

  private final Vertx vertx;
  private final Namespace namespace;
  private final Supplier<Future<Counts>> counts;
  private final long intervalMillis;
  private List<Newcomer> newcomers = new ArrayList<>();
  private long lastFlush = Long.MIN_VALUE / 2;
  private boolean scheduled;
  private int lastSent = -1;
  private Map<String, Integer> lastOwn = Map.of();

  public OnlineCounts(Vertx vertx, Namespace namespace, Supplier<Future<Counts>> counts, long intervalMillis) {
    this.vertx = vertx;
    this.namespace = namespace;
    this.counts = counts;
    this.intervalMillis = intervalMillis;
  }

  /** The number of online users, or who may count whom (a block), may have changed. */
  public void changed() {
    schedule();
  }

  /** A socket of {@code username} connected: it gets the count at the next flush. */
  public void welcome(Socket socket, String username) {
    newcomers.add(new Newcomer(socket, username));
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
    List<Newcomer> welcomed = newcomers;
    newcomers = new ArrayList<>();
    counts.get().onFailure(err -> log.warn("could not count online users: {}", err.toString())).onSuccess(now -> {
      // each node tells its own sockets (in a cluster every node reads the same shared count)
      BroadcastOperator everyone = namespace.local().to(Rooms.ONLINE_COUNT);
      if (!now.own().isEmpty()) {
        everyone = everyone.except(now.own().keySet().stream().map(Rooms::user).toArray(String[]::new));
      }
      int sentBefore = lastSent;
      if (now.total() != lastSent) {
        everyone.emit("online_count_update", payload(now.total()));
        lastSent = now.total();
      }
      now.own().forEach((username, count) -> {
        // what this user's counted sockets were told last: their own count, or the common one
        if (count != lastOwn.getOrDefault(username, sentBefore)) {
          namespace.local().to(Rooms.user(username)).emit("online_count_update", payload(count));
        }
      });
      // no longer blocked by anyone: back to the common count
      lastOwn.forEach((username, count) -> {
        if (!now.own().containsKey(username) && count != now.total()) {
          namespace.local().to(Rooms.user(username)).emit("online_count_update", payload(now.total()));
        }
      });
      lastOwn = new HashMap<>(now.own());
      for (Newcomer n : welcomed) {
        if (n.socket().connected()) {
          n.socket().emit("online_count_update", payload(now.of(n.username())));
          n.socket().join(Rooms.ONLINE_COUNT);
        }
      }
    });
  }

  private static JsonObject payload(int count) {
    return new JsonObject().put("count", count);
  }
}
