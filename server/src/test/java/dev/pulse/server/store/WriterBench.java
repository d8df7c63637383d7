package dev.pulse.server.store;

import dev.pulse.server.chat.MessageWriter;
import dev.pulse.server.chat.OutgoingMessage;
import dev.pulse.server.config.Config;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Not a test: drives the real {@link MessageWriter} and {@link Database} open loop, from one
 * event loop, at fixed rates: each message is stored, and its delivery mark follows 20 ms later
 * as {@code DeliveryReceipts} would write it. Prints stored messages/s, refusals, p50/p99/max
 * from {@code store()} to the completion on the event loop (what the sender's ack waits for),
 * and process CPU per message; and the latency of a REST-like write ({@code db.run} setting a
 * user's status) issued every 20 ms meanwhile, which on SQLite waits its turn behind the batches.
 *
 * <p>{@code taskset -c 0 java -cp <test classpath> dev.pulse.server.store.WriterBench <rate>...};
 * {@code -Ddatabase=<DATABASE_URL>} for PostgreSQL, {@code -DdbSync=full} for fsync per commit.
 */
public final class WriterBench {
  private static final int USERS = 1000;
  private static final int SECONDS = Integer.getInteger("seconds", 10);
  private static final int WARMUP_SECONDS = Integer.getInteger("warmup", 3);

  private WriterBench() {}

  public static void main(String[] args) throws Exception {
    for (String rate : args) {
      run(Integer.parseInt(rate));
    }
    System.exit(0);
  }

  private static void run(int rate) throws Exception {
    Path dir = Files.createTempDirectory("pulse-writer-bench-");
    Map<String, String> env = new HashMap<>();
    env.put("DATA_DIR", dir.toString());
    env.put("DB_SYNC", System.getProperty("dbSync", "normal"));
    String pg = System.getProperty("database");
    if (pg != null) {
      env.put("DATABASE_URL", pg);
    }
    Vertx vertx = Vertx.vertx();
    Database db = Database.open(vertx, Config.fromEnv(env));
    UserRepository users = new UserRepository();
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    db.inTransaction(c -> {
      for (int i = 0; i < USERS; i++) {
        users.insert(c, user(i), "hash", now);
      }
      return null;
    });
    MessageWriter writer = new MessageWriter(vertx, db, new MessageRepository());
    long[] latencies = new long[rate * SECONDS * 2 + 1000];
    AtomicInteger counted = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    Context loop = vertx.getOrCreateContext();
    long start = System.nanoTime();
    long warmEnd = start + TimeUnit.SECONDS.toNanos(WARMUP_SECONDS);
    long end = warmEnd + TimeUnit.SECONDS.toNanos(SECONDS);
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long[] cpuAtWarm = new long[1];
    CountDownLatch done = new CountDownLatch(1);
    List<Long> otherWrites = java.util.Collections.synchronizedList(new ArrayList<>());
    loop.runOnContext(v -> vertx.setPeriodic(20, id -> {
      long t = System.nanoTime();
      if (t >= end) {
        vertx.cancelTimer(id);
      } else if (t >= warmEnd) {
        db.run(c -> {
          users.setStatus(c, user(7), "busy", "bench");
          return null;
        }).onSuccess(x -> otherWrites.add(System.nanoTime() - t));
      }
    }));
    long interval = 1_000_000_000L / rate;
    long[] next = {start};
    long[] seq = {0};
    // a 1 ms tick sends what is due, like sockets whose frames arrive in event-loop turns
    loop.runOnContext(v -> vertx.setPeriodic(1, id -> {
      long t = System.nanoTime();
      if (cpuAtWarm[0] == 0 && t >= warmEnd) {
        cpuAtWarm[0] = os.getProcessCpuTime();
      }
      if (t >= end) {
        vertx.cancelTimer(id);
        done.countDown();
        return;
      }
      List<Long> delivered = new ArrayList<>();
      while (next[0] <= t) {
        long sentAt = next[0];
        next[0] += interval;
        int from = (int) (seq[0] % USERS);
        long n = seq[0]++;
        writer.store(new OutgoingMessage(user(from), user(from ^ 1), "message " + n, n + "-" + sentAt,
            Instant.now().truncatedTo(ChronoUnit.MILLIS))).onComplete(ar -> {
              if (ar.failed()) {
                refused.incrementAndGet();
                return;
              }
              long finished = System.nanoTime();
              if (sentAt >= warmEnd && finished < end) {
                int k = counted.getAndIncrement();
                if (k < latencies.length) {
                  latencies[k] = finished - sentAt;
                }
              }
              long msgId = ar.result().message().id();
              vertx.setTimer(20, tid -> writer.markDelivered(List.of(msgId), Instant.now()));
            });
      }
    }));
    done.await();
    long cpu = os.getProcessCpuTime() - cpuAtWarm[0];
    int n = Math.min(counted.get(), latencies.length);
    long[] sorted = Arrays.copyOf(latencies, n);
    Arrays.sort(sorted);
    long[] others = otherWrites.stream().mapToLong(Long::longValue).sorted().toArray();
    System.out.printf("%-10s rate %6d  stored %7.0f msg/s  refused %d  p50 %6.2f ms  p99 %7.2f ms  max %7.2f ms"
            + "  CPU %6.1f us/msg  other writes p50 %5.2f ms max %6.2f ms (%d)%n", db.description().split(" ")[0],
        rate, n / (double) SECONDS, refused.get(), pct(sorted, 0.5), pct(sorted, 0.99), pct(sorted, 1.0),
        cpu / 1e3 / Math.max(1, n), pct(others, 0.5), pct(others, 1.0), others.length);
    writer.close();
    db.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private static String user(int i) {
    return String.format("user%04d", i);
  }

  private static double pct(long[] sorted, double p) {
    return sorted.length == 0 ? Double.NaN : sorted[(int) Math.min(sorted.length - 1, p * sorted.length)] / 1e6;
  }
}
