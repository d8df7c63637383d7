package dev.pulse.socketio.engineio;

import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.vertx.core.Context;
import java.util.Queue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One timer wheel for every session of a server: pings, ping timeouts, upgrades, connect and ack
 * timeouts. A session holds at most a few pending entries; nothing is scheduled per socket
 * on the event loop. Expired entries are handed to the server's event loop in batches.
 */
public final class TimerWheel implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TimerWheel.class);

  private final HashedWheelTimer wheel;
  private final Context context;
  private final Queue<Runnable> due = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean drainScheduled = new AtomicBoolean();

  TimerWheel(Context context, int tickMillis) {
    this.context = context;
    this.wheel = new HashedWheelTimer(
        r -> {
          Thread t = new Thread(r, "socketio-timer");
          t.setDaemon(true);
          return t;
        },
        tickMillis, TimeUnit.MILLISECONDS, 512);
  }

  /** Runs {@code action} on the server's event loop after {@code delayMillis}. */
  public Timeout schedule(long delayMillis, Runnable action) {
    return wheel.newTimeout(t -> {
      due.add(action);
      if (drainScheduled.compareAndSet(false, true)) {
        context.runOnContext(v -> drain());
      }
    }, delayMillis, TimeUnit.MILLISECONDS);
  }

  /** Entries waiting to fire (about one per open session, plus pending acks and upgrades). */
  public long pending() {
    return wheel.pendingTimeouts();
  }

  private void drain() {
    drainScheduled.set(false);
    Runnable action;
    while ((action = due.poll()) != null) {
      try {
        action.run();
      } catch (RuntimeException e) {
        LOG.error("timer action failed", e);
      }
    }
  }

  @Override
  public void close() {
    wheel.stop();
  }
}
