package dev.pulse.server.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bounded worker pool: as many tasks as threads run, as many more as the queue holds wait,
 * and the next is refused at once as busy; a finished task (failed or not) frees its place.
 */
class BoundedWorkersTest {
  final Vertx vertx = Vertx.vertx();
  final BoundedWorkers workers = new BoundedWorkers(vertx, "test-bounded", 1, 1, "Too busy to take it");

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  static <T> T result(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void pastThreadsAndQueueATaskIsRefusedAtOnceAsUnavailable() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    Future<String> running = workers.run(() -> {
      release.await();
      return "first";
    });
    Future<String> waiting = workers.run(() -> "second");

    Future<String> refused = workers.run(() -> "third");
    assertThat(refused.failed()).as("refused without waiting").isTrue();
    DomainException busy = (DomainException) refused.cause();
    assertThat(busy.kind()).isEqualTo(DomainException.Kind.UNAVAILABLE);
    assertThat(busy.code()).isEqualTo("unavailable");
    assertThat(busy.getMessage()).isEqualTo("Too busy to take it");

    release.countDown();
    assertThat(result(running)).isEqualTo("first");
    assertThat(result(waiting)).isEqualTo("second");
    assertThat(result(workers.run(() -> "again"))).as("the places are free again").isEqualTo("again");
  }

  @Test
  void aFailedTaskFreesItsPlace() throws Exception {
    for (int i = 0; i < 3; i++) {
      Future<String> failed = workers.run(() -> {
        throw DomainException.invalid("not a photo");
      });
      failed.toCompletionStage().toCompletableFuture().handle((v, e) -> null).get(10, TimeUnit.SECONDS);
      assertThat(((DomainException) failed.cause()).code()).isEqualTo("bad_request");
    }
    CountDownLatch release = new CountDownLatch(1);
    Future<String> running = workers.run(() -> {
      release.await();
      return "running";
    });
    Future<String> waiting = workers.run(() -> "waiting");
    assertThat(workers.run(() -> "refused").failed()).isTrue();
    release.countDown();
    assertThat(result(running)).isEqualTo("running");
    assertThat(result(waiting)).isEqualTo("waiting");
  }
}
