package dev.pulse.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.pulse.server.chat.Message;
import dev.pulse.server.chat.OutgoingMessage;
import dev.pulse.server.store.MessageRepository.Conversation;
import dev.pulse.server.store.MessageRepository.Stored;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Messages: batch storage with clientId de-duplication, history, conversations, delivery and read marks. */
class MessageRepositoryTest extends StoreTest {
  static final Instant T0 = Instant.parse("2026-11-25T18:30:00.000Z");

  final MessageRepository messages = new MessageRepository();
  int sent;

  @BeforeEach
  void addMembers() throws Exception {
    for (String name : new String[] {"asha", "bilal", "chen", "dev"}) {
      store.member(name, T0);
    }
  }

  /** A message with a timestamp one millisecond after the previous one. */
  OutgoingMessage out(String from, String to, String body, String clientId) {
    return new OutgoingMessage(from, to, body, clientId, T0.plusMillis(++sent));
  }

  List<Stored> storeAll(OutgoingMessage... batch) throws Exception {
    return store.tx(c -> messages.storeAll(c, List.of(batch)));
  }

  Message send(String from, String to, String body) throws Exception {
    return storeAll(out(from, to, body, null)).get(0).message();
  }

  long count() throws Exception {
    return store.tx(messages::count);
  }

  List<Message> history(String user, String other) throws Exception {
    return page(user, other, Long.MAX_VALUE, 100);
  }

  List<Message> page(String user, String other, long before, int limit) throws Exception {
    return store.tx(c -> messages.history(c, user, other, before, limit));
  }

  List<String> partners(String user, int limit) throws Exception {
    return store.tx(c -> messages.partnersOf(c, List.of(user), limit)).get(user);
  }

  List<Conversation> conversations(String user, int limit) throws Exception {
    return store.tx(c -> messages.conversations(c, user, limit));
  }

  List<Message> undelivered(String recipient, int limit) throws Exception {
    return store.tx(c -> messages.undelivered(c, recipient, limit));
  }

  int markDelivered(Collection<Long> ids, Instant at) throws Exception {
    return store.tx(c -> messages.markDelivered(c, ids, at));
  }

  int markRead(String reader, String sender, long upToId, Instant at) throws Exception {
    return store.tx(c -> messages.markRead(c, reader, sender, upToId, at));
  }

  @Test
  void storeAllAssignsIncreasingIdsInBatchOrder() throws Exception {
    OutgoingMessage first = out("asha", "bilal", "Hello", null);
    OutgoingMessage second = out("bilal", "asha", "Hi Asha", "c-1");
    OutgoingMessage third = out("asha", "bilal", "How are you?", null);

    List<Stored> stored = storeAll(first, second, third);

    assertThat(stored).hasSize(3).allSatisfy(s -> assertThat(s.duplicate()).isFalse());
    long id1 = stored.get(0).message().id();
    long id2 = stored.get(1).message().id();
    long id3 = stored.get(2).message().id();
    assertThat(id1).isLessThan(id2);
    assertThat(id2).isLessThan(id3);
    assertThat(stored.get(1).message())
        .isEqualTo(new Message(id2, "bilal", "asha", "Hi Asha", "c-1", second.timestamp(), null, null, null));
    assertThat(count()).isEqualTo(3);
    // what was returned is what is stored
    assertThat(history("asha", "bilal")).containsExactly(stored.get(0).message(), stored.get(1).message(),
        stored.get(2).message());
  }

  @Test
  void storedClientIdIsADuplicateWithTheFirstMessage() throws Exception {
    Stored first = storeAll(out("asha", "bilal", "first try", "c-42")).get(0);

    List<Stored> retry = storeAll(out("asha", "bilal", "second try", "c-42"), out("asha", "bilal", "new", "c-43"));

    assertThat(retry.get(0).duplicate()).isTrue();
    assertThat(retry.get(0).message()).isEqualTo(first.message());
    assertThat(retry.get(1).duplicate()).isFalse();
    assertThat(retry.get(1).message().id()).isGreaterThan(first.message().id());
    assertThat(count()).isEqualTo(2);
    assertThat(history("asha", "bilal")).extracting(Message::body).containsExactly("first try", "new");
  }

  @Test
  void sameClientIdTwiceInOneBatchIsStoredOnce() throws Exception {
    List<Stored> stored = storeAll(
        out("asha", "bilal", "no id", null),
        out("asha", "bilal", "once", "c-7"),
        out("asha", "bilal", "twice", "c-7"),
        out("asha", "bilal", "also no id", null));

    assertThat(stored).extracting(Stored::duplicate).containsExactly(false, false, true, false);
    assertThat(stored.get(2).message()).isEqualTo(stored.get(1).message());
    assertThat(stored.get(2).message().body()).isEqualTo("once");
    assertThat(stored.get(0).message().id()).isLessThan(stored.get(1).message().id());
    assertThat(stored.get(1).message().id()).isLessThan(stored.get(3).message().id());
    assertThat(count()).isEqualTo(3);
    assertThat(history("asha", "bilal")).extracting(Message::body).containsExactly("no id", "once", "also no id");
  }

  @Test
  void differentSendersMayUseTheSameClientId() throws Exception {
    List<Stored> stored = storeAll(out("asha", "chen", "from asha", "c-1"), out("bilal", "chen", "from bilal", "c-1"));
    Stored later = storeAll(out("chen", "asha", "from chen", "c-1")).get(0);

    assertThat(stored).extracting(Stored::duplicate).containsExactly(false, false);
    assertThat(later.duplicate()).isFalse();
    assertThat(List.of(stored.get(0).message().id(), stored.get(1).message().id(), later.message().id()))
        .doesNotHaveDuplicates();
    assertThat(count()).isEqualTo(3);
    // and each sender's retry finds their own message
    assertThat(storeAll(out("bilal", "chen", "retry", "c-1")).get(0).message()).isEqualTo(stored.get(1).message());
  }

  @Test
  void historyPagesCoverEveryMessageOnceOldestFirst() throws Exception {
    List<Message> conversation = new ArrayList<>();
    for (int i = 0; i < 23; i++) {
      conversation.add(i % 3 == 1 ? send("bilal", "asha", "b" + i) : send("asha", "bilal", "a" + i));
      // another conversation interleaved, which must not show up
      if (i % 4 == 0) {
        send("asha", "chen", "c" + i);
      }
    }

    List<List<Message>> pages = new ArrayList<>();
    long before = Long.MAX_VALUE;
    while (true) {
      List<Message> page = page("asha", "bilal", before, 5);
      if (page.isEmpty()) {
        break;
      }
      assertThat(page).extracting(Message::id).isSorted();
      pages.add(page);
      before = page.get(0).id();
    }

    assertThat(pages).extracting(List::size).containsExactly(5, 5, 5, 5, 3);
    List<Message> all = new ArrayList<>();
    for (int i = pages.size() - 1; i >= 0; i--) {
      all.addAll(pages.get(i));
    }
    assertThat(all).containsExactlyElementsOf(conversation);
    // the same conversation from the other side
    assertThat(page("bilal", "asha", Long.MAX_VALUE, 100))
        .containsExactlyElementsOf(conversation);
    // the newest page comes first
    assertThat(pages.get(0)).containsExactlyElementsOf(conversation.subList(18, 23));
  }

  @Test
  void conversationsHaveTheLastMessageAndUnreadCounts() throws Exception {
    send("asha", "bilal", "hi bilal");
    Message fromBilal1 = send("bilal", "asha", "hi asha");
    send("chen", "asha", "hello from chen");
    Message toDev = send("asha", "dev", "hi dev");
    Message fromBilal2 = send("bilal", "asha", "are you there?");

    List<Conversation> asha = conversations("asha", 50);
    assertThat(asha).extracting(Conversation::with).containsExactly("bilal", "dev", "chen");
    assertThat(asha.get(0).lastMessage()).isEqualTo(fromBilal2);
    assertThat(asha.get(1).lastMessage()).isEqualTo(toDev);
    assertThat(asha).extracting(Conversation::unread).containsExactly(2, 0, 1);

    // bilal sees asha's one unread message
    List<Conversation> bilal = conversations("bilal", 50);
    assertThat(bilal).containsExactly(new Conversation("asha", fromBilal2, 1));

    // reading lowers the count; a limit keeps the most recent
    markRead("asha", "bilal", fromBilal1.id(), T0.plusSeconds(10));
    assertThat(conversations("asha", 2)).extracting(Conversation::with, Conversation::unread)
        .containsExactly(tuple("bilal", 1), tuple("dev", 0));

    assertThat(conversations("chen", 50)).extracting(Conversation::with)
        .containsExactly("asha");
  }

  @Test
  void partnersAreEveryoneSomeoneTalkedWithMostRecentFirst() throws Exception {
    send("asha", "bilal", "hi bilal");
    send("chen", "asha", "hello from chen");
    send("asha", "dev", "hi dev");
    send("bilal", "asha", "are you there?");
    send("chen", "dev", "not asha's");

    assertThat(partners("asha", 50)).containsExactly("bilal", "dev", "chen");
    assertThat(partners("asha", 2)).containsExactly("bilal", "dev");
    assertThat(partners("dev", 50)).containsExactly("chen", "asha");
    assertThat(partners("nobody", 50)).isEmpty();
    // several users in one query, each with their own list
    Map<String, List<String>> both = store.tx(c -> messages.partnersOf(c, List.of("asha", "chen"), 50));
    assertThat(both).isEqualTo(Map.of("asha", List.of("bilal", "dev", "chen"), "chen", List.of("dev", "asha")));
  }

  @Test
  void undeliveredForManyRecipientsKeepsEachOnesOldestUpToTheLimit() throws Exception {
    Message b1 = send("asha", "bilal", "one");
    Message c1 = send("asha", "chen", "for chen");
    Message b2 = send("dev", "bilal", "two");
    Message b3 = send("chen", "bilal", "three");
    send("bilal", "asha", "delivered below");
    Message delivered = send("dev", "chen", "already there");
    store.tx(c -> messages.markDelivered(c, List.of(delivered.id()), T0.plusSeconds(5)));

    Map<String, List<Message>> found = store.tx(c -> messages.undeliveredFor(c, List.of("bilal", "chen", "dev"), 2));
    assertThat(found).isEqualTo(Map.of("bilal", List.of(b1, b2), "chen", List.of(c1), "dev", List.of()));
    assertThat(store.tx(c -> messages.undeliveredFor(c, List.of("bilal"), 10)).get("bilal"))
        .containsExactly(b1, b2, b3);
  }

  @Test
  void undeliveredUntilMarkedDelivered() throws Exception {
    Message m1 = send("asha", "bilal", "one");
    Message toAsha = send("bilal", "asha", "not for bilal");
    Message m2 = send("chen", "bilal", "two");
    Message m3 = send("asha", "bilal", "three");

    assertThat(undelivered("bilal", 500)).containsExactly(m1, m2, m3);
    assertThat(undelivered("bilal", 2)).containsExactly(m1, m2);

    Instant at = T0.plusSeconds(5);
    assertThat(markDelivered(List.of(m1.id(), m2.id()), at)).isEqualTo(2);
    assertThat(undelivered("bilal", 500)).containsExactly(m3);
    assertThat(undelivered("asha", 500)).containsExactly(toAsha);

    // already delivered ones are not counted again and keep their first time
    Instant later = T0.plusSeconds(9);
    assertThat(markDelivered(Set.of(m1.id(), m3.id()), later)).isEqualTo(1);
    assertThat(markDelivered(List.of(), later)).isZero();
    assertThat(undelivered("bilal", 500)).isEmpty();
    assertThat(history("asha", "bilal")).extracting(Message::id, Message::deliveredAt).containsExactly(
        tuple(m1.id(), at), tuple(toAsha.id(), null), tuple(m3.id(), later));
  }

  @Test
  void markReadMarksOnlyThatSendersMessagesUpToTheId() throws Exception {
    Message a1 = send("asha", "bilal", "a1");
    Message c1 = send("chen", "bilal", "c1");
    Message b1 = send("bilal", "asha", "b1");
    Message a2 = send("asha", "bilal", "a2");
    Message a3 = send("asha", "bilal", "a3");
    Instant delivered = T0.plusSeconds(1);
    markDelivered(List.of(a1.id()), delivered);

    Instant at = T0.plusSeconds(7);
    assertThat(markRead("bilal", "asha", a2.id(), at)).isEqualTo(2);

    List<Message> ab = history("asha", "bilal");
    assertThat(ab).extracting(Message::id).containsExactly(a1.id(), b1.id(), a2.id(), a3.id());
    // read, and delivered at the same time unless it already was
    assertThat(ab.get(0).readAt()).isEqualTo(at);
    assertThat(ab.get(0).deliveredAt()).isEqualTo(delivered);
    assertThat(ab.get(2).readAt()).isEqualTo(at);
    assertThat(ab.get(2).deliveredAt()).isEqualTo(at);
    // above the id, and bilal's own message, stay unread
    assertThat(ab.get(3).readAt()).isNull();
    assertThat(ab.get(1).readAt()).isNull();
    // another sender's message below the id stays unread
    assertThat(history("bilal", "chen")).singleElement().satisfies(m -> {
      assertThat(m.id()).isEqualTo(c1.id());
      assertThat(m.readAt()).isNull();
    });

    // again: nothing new
    assertThat(markRead("bilal", "asha", a2.id(), at.plusSeconds(1))).isZero();
    assertThat(markRead("bilal", "asha", a3.id(), at.plusSeconds(2))).isEqualTo(1);
    // asha reading bilal's messages marks b1, bilal's only one
    assertThat(markRead("asha", "bilal", a3.id(), at)).isEqualTo(1);
    assertThat(history("asha", "bilal").get(1).readAt()).isEqualTo(at);
  }
}
