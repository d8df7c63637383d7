package dev.pulse.server.presence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The single-node presence record: a user is listed and counted while any connection of theirs is. */
class MemoryPresenceStoreTest {
  final MemoryPresenceStore store = new MemoryPresenceStore();
  final PresenceView priya = new PresenceView("priya", Status.ONLINE, null, null);
  final PresenceView arjun = new PresenceView("arjun", Status.BUSY, "Driving", null);

  @Test
  void aUserIsOnlineUntilTheirLastConnectionIsRemoved() {
    store.add("c1", priya);
    store.add("c2", priya);
    store.add("c3", arjun);
    assertThat(store.count().result()).isEqualTo(2);
    store.remove("priya", "c1");
    assertThat(store.get(List.of("priya", "arjun", "nobody")).result()).containsOnlyKeys("priya", "arjun");
    store.remove("priya", "c2");
    assertThat(store.count().result()).isEqualTo(1);
    assertThat(store.list().result()).containsExactly(arjun);
  }

  @Test
  void updateChangesWhatOthersSeeOfAnOnlineUserOnly() {
    store.add("c1", priya);
    PresenceView away = new PresenceView("priya", Status.AWAY, null, null);
    store.update(away);
    store.update(new PresenceView("ghost", Status.BUSY, null, null));
    assertThat(store.get(List.of("priya", "ghost")).result()).isEqualTo(Map.of("priya", away));
  }

  @Test
  void removingAnUnknownConnectionChangesNothing() {
    store.add("c1", priya);
    store.remove("priya", "c9");
    store.remove("nobody", "c1");
    assertThat(store.count().result()).isEqualTo(1);
  }
}
