package dev.pulse.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pulse.server.core.DomainException;
import dev.pulse.server.chat.MessageWriter;
import dev.pulse.server.chat.OutgoingMessage;
import dev.pulse.server.store.MessageRepository.Stored;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The message writer past its capacity and while it stops, on the real databases: refusals are
 * immediate and clear, everything accepted is committed, and other writes are not starved.
 */
class MessageWriterTest extends StoreTest {
  final MessageRepository messages = new MessageRepository();
  final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

  @BeforeEach
  void members() throws Exception {
    store.member("alice", now);
    store.member("bob", now);
  }

  /** Calls {@code store} {@code count} times from one event-loop turn, as a burst of sends would. */
  private List<Future<Stored>> burst(MessageWriter writer, int count, String prefix) throws Exception {
    Context context = store.vertx.getOrCreateContext();
    CompletableFuture<List<Future<Stored>>> sent = new CompletableFuture<>();
    context.runOnContext(v -> {
      List<Future<Stored>> futures = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        futures.add(writer.store(new OutgoingMessage("alice", "bob", "message " + i, prefix + i, now)));
      }
      sent.complete(futures);
    });
    return sent.get(30, TimeUnit.SECONDS);
  }

  private long storedCount() throws Exception {
    return store.tx(messages::count);
  }

  @Test
  void sendsPastTheQueuedTimeAreRefusedAtOnceAndTheAcceptedOnesAreAllStored() throws Exception {
    MessageWriter writer = new MessageWriter(store.vertx, store.db, messages, Duration.ofMillis(20));
    try {
      List<Future<Stored>> futures = burst(writer, 20_000, "burst-");

      List<Future<Stored>> refusedAtOnce = futures.stream().filter(Future::failed).toList();
      assertThat(refusedAtOnce).as("refused within the sending turn").isNotEmpty();
      assertThat(refusedAtOnce).allSatisfy(f -> {
        assertThat(f.cause()).isInstanceOf(DomainException.class);
        assertThat(((DomainException) f.cause()).code()).isEqualTo("unavailable");
      });
      await().atMost(Duration.ofSeconds(30)).until(() -> futures.stream().allMatch(Future::isComplete));
      long accepted = futures.stream().filter(Future::succeeded).count();
      assertThat(accepted + refusedAtOnce.size()).as("nothing failed later").isEqualTo(futures.size());
      assertThat(storedCount()).isEqualTo(accepted);
    } finally {
      writer.close();
    }
  }

  @Test
  void deliveryMarksAreTakenWhileSendsAreRefused() throws Exception {
    MessageWriter writer = new MessageWriter(store.vertx, store.db, messages, Duration.ofMillis(20));
    try {
      List<Long> ids = new ArrayList<>();
      for (Future<Stored> f : burst(writer, 3, "before-")) {
        ids.add(f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).message().id());
      }
      CompletableFuture<Future<Integer>> marked = new CompletableFuture<>();
      CompletableFuture<List<Future<Stored>>> flood = new CompletableFuture<>();
      store.vertx.getOrCreateContext().runOnContext(v -> {
        List<Future<Stored>> sends = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
          sends.add(writer.store(new OutgoingMessage("alice", "bob", "message " + i, "flood-" + i, now)));
        }
        flood.complete(sends);
        // the writer is refusing sends now; the mark still goes in
        marked.complete(writer.markDelivered(ids, now));
      });
      assertThat(flood.get(30, TimeUnit.SECONDS)).anyMatch(Future::failed);
      assertThat(marked.get(30, TimeUnit.SECONDS).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS))
          .isEqualTo(ids.size());
    } finally {
      writer.close();
    }
  }

  @Test
  void closingCommitsEverythingAcceptedAndRefusesWhatComesAfter() throws Exception {
    MessageWriter writer = new MessageWriter(store.vertx, store.db, messages, Duration.ofSeconds(5));
    List<Future<Stored>> futures = burst(writer, 5_000, "before-close-");
    long accepted = futures.stream().filter(f -> !f.failed()).count();

    writer.close();

    await().atMost(Duration.ofSeconds(10)).until(() -> futures.stream().allMatch(Future::isComplete));
    assertThat(futures.stream().filter(Future::failed).count()).as("failed after acceptance").isEqualTo(5_000 - accepted);
    assertThat(storedCount()).isEqualTo(accepted);
    Future<Stored> late = burst(writer, 1, "after-close-").get(0);
    assertThat(late.failed()).as("refused at once").isTrue();
    assertThat(late.cause().getMessage()).contains("shutting down");
  }

  @Test
  void otherWritesSucceedWhileMessagesFloodTheWriter() throws Exception {
    MessageWriter writer = new MessageWriter(store.vertx, store.db, messages);
    AtomicBoolean flooding = new AtomicBoolean(true);
    AtomicInteger stored = new AtomicInteger();
    Thread flood = new Thread(() -> {
      int round = 0;
      while (flooding.get()) {
        try {
          for (Future<Stored> f : burst(writer, 200, "flood-" + round++ + "-")) {
            f.onSuccess(s -> stored.incrementAndGet());
          }
          Thread.sleep(2);
        } catch (Exception e) {
          return;
        }
      }
    });
    flood.start();
    try {
      await().atMost(Duration.ofSeconds(20)).until(() -> stored.get() > 1_000);
      List<Future<Object>> writes = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        String status = i % 2 == 0 ? "busy" : "away";
        writes.add(store.db.run(c -> {
          store.users.setStatus(c, "alice", status, "in a meeting");
          return null;
        }));
        String name = "member" + i;
        writes.add(store.db.tx(c -> {
          store.users.insert(c, name, "hash", now);
          store.profiles.insert(c, StoreFixture.profile(name), now);
          return null;
        }));
      }
      for (Future<Object> w : writes) {
        w.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      }
      assertThat(store.tx(store.users::count)).isEqualTo(102);
    } finally {
      flooding.set(false);
      flood.join(10_000);
      writer.close();
    }
  }
}
