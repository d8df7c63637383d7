package dev.pulse.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.store.BlockRepository.Block;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Who blocked whom, straight against the database. */
class BlockRepositoryTest extends StoreTest {
  static final Instant T0 = Instant.parse("2026-05-01T12:00:00.125Z");

  final BlockRepository blocks = new BlockRepository();

  @BeforeEach
  void addMembers() throws Exception {
    for (String name : new String[] {"asha", "bilal", "chen", "dev", "esha"}) {
      store.member(name, T0);
    }
  }

  void block(String blocker, String blocked, Instant at) throws Exception {
    store.tx(c -> {
      blocks.block(c, blocker, blocked, at);
      return null;
    });
  }

  void unblock(String blocker, String blocked) throws Exception {
    store.tx(c -> {
      blocks.unblock(c, blocker, blocked);
      return null;
    });
  }

  List<Block> blockedBy(String blocker) throws Exception {
    return store.tx(c -> blocks.blockedBy(c, blocker));
  }

  Set<String> blockersOf(String blocked) throws Exception {
    return store.tx(c -> blocks.blockersOf(c, blocked));
  }

  @Test
  void blockedByAllGivesEachBlockersListInOneQuery() throws Exception {
    block("asha", "bilal", T0);
    block("asha", "chen", T0);
    block("dev", "asha", T0);
    block("esha", "asha", T0);
    Map<String, Set<String>> found = store.tx(c -> blocks.blockedByAll(c, List.of("asha", "dev", "chen")));
    assertThat(found).isEqualTo(Map.of("asha", Set.of("bilal", "chen"), "dev", Set.of("asha")));
    Map<String, Set<String>> none = store.tx(c -> blocks.blockedByAll(c, List.of()));
    assertThat(none).isEmpty();
  }

  @Test
  void blockingTwiceKeepsTheFirstDate() throws Exception {
    block("asha", "bilal", T0);
    block("asha", "bilal", T0.plusSeconds(3600));

    assertThat(blockedBy("asha")).containsExactly(new Block("bilal", T0));
  }

  @Test
  void unblockRemovesOnlyThatBlock() throws Exception {
    block("asha", "bilal", T0);
    block("asha", "chen", T0.plusSeconds(1));
    block("bilal", "asha", T0.plusSeconds(2));

    unblock("asha", "bilal");
    assertThat(blockedBy("asha")).containsExactly(new Block("chen", T0.plusSeconds(1)));
    // the other direction is a block of its own
    assertThat(blockedBy("bilal")).containsExactly(new Block("asha", T0.plusSeconds(2)));

    // unblocking someone not blocked changes nothing
    unblock("asha", "dev");
    assertThat(blockedBy("asha")).hasSize(1);

    // blocking again after an unblock starts a new date
    block("asha", "bilal", T0.plusSeconds(60));
    assertThat(blockedBy("asha"))
        .containsExactly(new Block("chen", T0.plusSeconds(1)), new Block("bilal", T0.plusSeconds(60)));
  }

  @Test
  void blockedByIsOldestFirstThenByName() throws Exception {
    block("asha", "esha", T0.plusSeconds(30));
    block("asha", "dev", T0.plusSeconds(10));
    block("asha", "chen", T0.plusSeconds(10));
    block("asha", "bilal", T0.plusSeconds(20));

    assertThat(blockedBy("asha")).containsExactly(
        new Block("chen", T0.plusSeconds(10)),
        new Block("dev", T0.plusSeconds(10)),
        new Block("bilal", T0.plusSeconds(20)),
        new Block("esha", T0.plusSeconds(30)));
    assertThat(blockedBy("bilal")).isEmpty();
  }

  @Test
  void blockersOfListsWhoBlockedAUser() throws Exception {
    block("asha", "chen", T0);
    block("dev", "chen", T0.plusSeconds(1));
    // chen's own blocks and blocks of others are not chen's blockers
    block("chen", "esha", T0.plusSeconds(2));
    block("asha", "bilal", T0.plusSeconds(3));

    assertThat(blockersOf("chen")).containsExactlyInAnyOrder("asha", "dev");
    assertThat(blockersOf("esha")).containsExactly("chen");
    assertThat(blockersOf("asha")).isEmpty();

    unblock("dev", "chen");
    assertThat(blockersOf("chen")).containsExactly("asha");
  }
}
