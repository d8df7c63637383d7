package dev.pulse.bench;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.EventLoop;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The load generator's one event loop. Every client and every counter lives on it, so the hot
 * path needs no locks (and one loop on one pinned core measures the server, not contention
 * between our own threads). The main thread only orchestrates: it sleeps through the phases and
 * reads or changes scenario state with {@link #call}, which also makes those reads visible.
 *
 * <p>Vert.x serves registration (HTTP) and the orchestration; the sockets are Netty channels on
 * the same Netty event loop (Vert.x's own WebSocket client costs several times more per frame),
 * and the open-loop schedule uses that loop's nanosecond timers. With the native epoll transport
 * those fire within tens of microseconds; Vert.x's own timers have millisecond steps.
 */
final class BenchLoop implements AutoCloseable {
  private final Vertx vertx;
  private final ContextInternal context;

  BenchLoop() {
    this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
        .setInternalBlockingPoolSize(1).setPreferNativeTransport(true));
    this.context = (ContextInternal) vertx.getOrCreateContext();
  }

  Vertx vertx() {
    return vertx;
  }

  /** The Netty event loop under the Vert.x context: channels registered here share its thread. */
  EventLoop eventLoop() {
    return context.nettyEventLoop();
  }

  /** Socket channels of the transport Vert.x runs on (epoll when available, else NIO). */
  ChannelFactory<? extends Channel> channelFactory() {
    return ((VertxInternal) vertx).transport().channelFactory(false);
  }

  /** True when the native epoll transport is in use. */
  boolean nativeTransport() {
    return vertx.isNativeTransportEnabled();
  }

  /** Runs {@code task} on the loop after {@code delayNanos} (sub-millisecond with epoll). */
  void schedule(Runnable task, long delayNanos) {
    eventLoop().schedule(task, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
  }

  /** Runs {@code action} on the loop and returns its result. */
  <T> T call(Supplier<T> action) throws InterruptedException {
    CompletableFuture<T> result = new CompletableFuture<>();
    context.runOnContext(v -> {
      try {
        result.complete(action.get());
      } catch (RuntimeException e) {
        result.completeExceptionally(e);
      }
    });
    return join(result, Duration.ofMinutes(5));
  }

  void run(Runnable action) throws InterruptedException {
    call(() -> {
      action.run();
      return null;
    });
  }

  /** Starts {@code action} on the loop and waits for the future it returns. */
  <T> T await(Supplier<Future<T>> action, Duration timeout) throws InterruptedException {
    CompletableFuture<T> result = new CompletableFuture<>();
    context.runOnContext(v -> {
      try {
        action.get().onComplete(ar -> {
          if (ar.succeeded()) {
            result.complete(ar.result());
          } else {
            result.completeExceptionally(ar.cause());
          }
        });
      } catch (RuntimeException e) {
        result.completeExceptionally(e);
      }
    });
    return join(result, timeout);
  }

  /** Polls {@code condition} on the loop every {@code everyMillis} until true; false on timeout. */
  boolean waitUntil(BooleanSupplier condition, Duration timeout, long everyMillis) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (call(condition::getAsBoolean)) {
        return true;
      }
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(everyMillis);
    }
  }

  private static <T> T join(CompletableFuture<T> result, Duration timeout) throws InterruptedException {
    try {
      return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause.getMessage(), cause);
    } catch (TimeoutException e) {
      throw new IllegalStateException("no answer from the load generator's event loop within " + timeout);
    }
  }

  /** CPU time this whole process (load generator and its GC) used so far, in nanoseconds. */
  static long selfCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }

  static void sleep(Duration d) throws InterruptedException {
    Thread.sleep(d.toMillis());
  }

  @Override
  public void close() {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // exiting anyway
    }
  }
}
