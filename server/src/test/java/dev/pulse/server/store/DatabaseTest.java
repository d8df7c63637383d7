package dev.pulse.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** How work on the pool meets work in progress, on each database. */
class DatabaseTest extends StoreTest {

  @Test
  void readsDoNotWaitForAWriteInProgressAndSeeOnlyWhatIsCommitted() throws Exception {
    CountDownLatch inserted = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Future<Object> write = store.db.tx(c -> {
      store.users.insert(c, "writer", "hash", Instant.now());
      inserted.countDown();
      try {
        release.await(20, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return null;
    });
    assertThat(inserted.await(10, TimeUnit.SECONDS)).isTrue();

    long during = store.db.read(store.users::count).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);

    release.countDown();
    write.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    long after = store.db.read(store.users::count).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertThat(during).isZero();
    assertThat(after).isEqualTo(1);
  }
}
