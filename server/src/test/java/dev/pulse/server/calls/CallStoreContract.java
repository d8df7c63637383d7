package dev.pulse.server.calls;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every {@link CallStore} promises, run against each implementation: at most one call per
 * user, compare-and-set on the version, both users freed on removal, deadlines found when due.
 */
public abstract class CallStoreContract {
  static final long NOW = 1_800_000_000_000L;
  static final long RING = 30_000;

  /** The store under test, empty. */
  protected abstract CallStore store();

  protected static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static Call ringing(String id, String caller, String callee) {
    return Call.ringing(id, caller, "sock-" + caller, callee, CallKind.VIDEO, NOW, RING);
  }

  @Test
  void aUserIsInOneCallAtATime() throws Exception {
    CallStore s = store();
    assertThat(await(s.open(ringing("c1", "ann", "bob")))).isEqualTo(CallStore.Opened.OPENED);
    assertThat(await(s.open(ringing("c2", "cat", "bob")))).isEqualTo(CallStore.Opened.CALLEE_BUSY);
    assertThat(await(s.open(ringing("c3", "bob", "dan")))).isEqualTo(CallStore.Opened.CALLER_BUSY);
    assertThat(await(s.open(ringing("c4", "cat", "ann")))).isEqualTo(CallStore.Opened.CALLEE_BUSY);
    assertThat(await(s.get("c2"))).isNull();
    assertThat(await(s.ofUser("bob")).id()).isEqualTo("c1");
    assertThat(await(s.ofUser("ann")).id()).isEqualTo("c1");
    assertThat(await(s.ofUser("cat"))).isNull();
  }

  @Test
  void aChangeWinsOnlyAgainstTheVersionItRead() throws Exception {
    CallStore s = store();
    await(s.open(ringing("c1", "ann", "bob")));
    Call read = await(s.get("c1"));
    assertThat(read).isEqualTo(ringing("c1", "ann", "bob"));
    // two devices answer from the same read: one wins
    assertThat(await(s.replace(read, read.accepted("sock-bob-1", NOW + 1000)))).isTrue();
    assertThat(await(s.replace(read, read.accepted("sock-bob-2", NOW + 1001)))).isFalse();
    Call answered = await(s.get("c1"));
    assertThat(answered.calleeSocket()).isEqualTo("sock-bob-1");
    assertThat(answered.version()).isEqualTo(read.version() + 1);
    assertThat(answered.deadline()).isZero();
    // and a removal from the stale read does nothing
    assertThat(await(s.remove(read))).isFalse();
    assertThat(await(s.get("c1"))).isEqualTo(answered);
  }

  @Test
  void removingACallFreesBothUsersOnce() throws Exception {
    CallStore s = store();
    await(s.open(ringing("c1", "ann", "bob")));
    Call read = await(s.get("c1"));
    assertThat(await(s.remove(read))).isTrue();
    assertThat(await(s.remove(read))).isFalse();
    assertThat(await(s.get("c1"))).isNull();
    assertThat(await(s.ofUser("ann"))).isNull();
    assertThat(await(s.ofUser("bob"))).isNull();
    assertThat(await(s.open(ringing("c2", "bob", "ann")))).isEqualTo(CallStore.Opened.OPENED);
  }

  @Test
  void callsAreDueOnlyOnceTheirDeadlinePassed() throws Exception {
    CallStore s = store();
    await(s.open(ringing("c1", "ann", "bob")));
    await(s.open(Call.ringing("c2", "cat", "sock-cat", "dan", CallKind.AUDIO, NOW, RING * 2)));
    assertThat(await(s.due(NOW + RING - 1, 10))).isEmpty();
    assertThat(await(s.due(NOW + RING, 10))).extracting(Call::id).containsExactly("c1");
    assertThat(await(s.due(NOW + RING * 2, 10))).extracting(Call::id).containsExactlyInAnyOrder("c1", "c2");
    // answered: no deadline; a party away: the reconnect deadline
    Call c1 = await(s.get("c1"));
    Call answered = c1.accepted("sock-bob", NOW + 10);
    await(s.replace(c1, answered));
    assertThat(await(s.due(NOW + RING * 3, 10))).extracting(Call::id).containsExactly("c2");
    Call current = await(s.get("c1"));
    Call away = current.away(Call.Role.CALLEE, NOW + 20, 5_000);
    await(s.replace(current, away));
    Call due = await(s.due(NOW + 20 + 5_000, 10)).stream().filter(c -> c.id().equals("c1")).findFirst().orElseThrow();
    assertThat(due.calleeSocket()).isNull();
    assertThat(due.deadlineReason()).isEqualTo(Reason.CONNECTION_LOST);
    assertThat(await(s.remove(due))).isTrue();
  }
}
