package dev.pulse.socketio.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The member sets of rooms and of sockets' rooms: compact while small, growable when large. */
class RoomSetsTest {

  @Test
  void aSetGrowsPastTheCompactSizeAndKeepsEveryMember() {
    Set<String> set = null;
    Set<String> expected = new HashSet<>();
    for (int i = 0; i < InMemoryAdapter.COMPACT_MAX * 3; i++) {
      set = InMemoryAdapter.withMember(set, "s" + i);
      set = InMemoryAdapter.withMember(set, "s" + i); // joining twice changes nothing
      expected.add("s" + i);
      assertThat(set).containsExactlyInAnyOrderElementsOf(expected);
    }
    assertThat(set).isInstanceOf(HashSet.class);
  }

  @Test
  void aSetShrinksToNothingWhenEveryMemberLeaves() {
    for (int size : new int[] {1, 5, InMemoryAdapter.COMPACT_MAX, InMemoryAdapter.COMPACT_MAX + 5}) {
      Set<String> set = null;
      for (int i = 0; i < size; i++) {
        set = InMemoryAdapter.withMember(set, "s" + i);
      }
      assertThat(InMemoryAdapter.withoutMember(set, "stranger")).hasSize(size);
      for (int i = 0; i < size; i++) {
        set = InMemoryAdapter.withoutMember(set, "s" + i);
        assertThat(set == null ? 0 : set.size()).isEqualTo(size - i - 1);
      }
      assertThat(set).isNull();
    }
  }
}
