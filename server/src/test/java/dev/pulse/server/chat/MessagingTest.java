package dev.pulse.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.testing.Api;
import dev.pulse.server.testing.Client;
import dev.pulse.server.testing.ServerTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sending, live delivery, catching up after being offline, and surviving restarts. */
class MessagingTest extends ServerTest {
  String alice;
  String bob;
  String aliceToken;
  String bobToken;

  @BeforeEach
  void registerUsers() {
    alice = Api.uniqueName("alice");
    bob = Api.uniqueName("bob");
    aliceToken = api.register(alice);
    bobToken = api.register(bob);
  }

  @Test
  void messageDeliveredWhenRecipientOnline() {
    try (Client a = Client.connect(server.baseUrl(), aliceToken);
        Client b = Client.connect(server.baseUrl(), bobToken)) {
      b.await("online_count_update");
      JsonObject ack = a.send(bob, "Hello Bob");
      assertThat(ack.getBoolean("ok")).as(ack.encode()).isTrue();
      // sent: delivered once bob's client confirms it
      assertThat(ack.getString("status")).isEqualTo("sent");
      assertThat(ack.getBoolean("duplicate")).isFalse();
      JsonObject got = b.await("new_message", m -> m.getLong("id").equals(ack.getLong("id")));
      assertThat(got.getString("from")).isEqualTo(alice);
      assertThat(got.getString("to")).isEqualTo(bob);
      assertThat(got.getString("message")).isEqualTo("Hello Bob");
      assertThat(got.getString("timestamp")).isEqualTo(ack.getString("timestamp"));
      assertThat(a.await("message_delivered").getLong("upToId")).isEqualTo(ack.getLong("id"));
    }
  }

  @Test
  void messagesSentBackToBackToSomeoneNewKeepTheOrderTheyWereWritten() throws Exception {
    try (Client a = Client.connect(server.baseUrl(), aliceToken);
        Client b = Client.connect(server.baseUrl(), bobToken)) {
      b.await("online_count_update");
      // a first conversation: each send is checked against the database (blocks, requests)
      // before it is stored, and those checks must not decide the order
      int count = 12;
      List<String> written = new ArrayList<>();
      List<CompletableFuture<JsonObject>> acks = new ArrayList<>();
      for (int i = 1; i <= count; i++) {
        written.add("part " + i);
        acks.add(a.callAsync("send_message", new JsonObject().put("to", bob).put("message", "part " + i)));
      }
      List<Long> ids = new ArrayList<>();
      for (CompletableFuture<JsonObject> ack : acks) {
        JsonObject answer = ack.get(10, TimeUnit.SECONDS);
        assertThat(answer.getBoolean("ok")).as(answer.encode()).isTrue();
        ids.add(answer.getLong("id"));
      }
      assertThat(ids).isSorted();
      b.await("new_message", m -> m.getLong("id").equals(ids.get(count - 1)));
      assertThat(b.received("new_message")).extracting(e -> e.payload().getString("message"))
          .containsExactlyElementsOf(written);
      assertThat(api.history(bobToken, alice)).extracting(m -> ((JsonObject) m).getString("message"))
          .containsExactlyElementsOf(written);
    }
  }

  @Test
  void everySocketOfBothUsersSeesTheMessageButTheSendingOne() {
    try (Client a1 = Client.connect(server.baseUrl(), aliceToken);
        Client a2 = Client.connect(server.baseUrl(), aliceToken);
        Client b1 = Client.connect(server.baseUrl(), bobToken);
        Client b2 = Client.connect(server.baseUrl(), bobToken)) {
      JsonObject ack = a1.send(bob, "to all your tabs");
      long id = ack.getLong("id");
      b1.await("new_message", m -> m.getLong("id") == id);
      b2.await("new_message", m -> m.getLong("id") == id);
      a2.await("new_message", m -> m.getLong("id") == id);
      // the sender's own tab has the ack; an echo would show the message twice there
      Client.pause(Duration.ofMillis(200));
      assertThat(a1.hasReceived("new_message", m -> m.getLong("id") == id)).isFalse();
    }
  }

  @Test
  void messageStoredWhenRecipientOffline() {
    try (Client a = Client.connect(server.baseUrl(), aliceToken)) {
      JsonObject first = a.send(bob, "Are you there?");
      JsonObject second = a.send(bob, "Call me when you're back");
      assertThat(first.getBoolean("ok")).as(first.encode()).isTrue();
      assertThat(first.getBoolean("delivered")).isFalse();
      assertThat(api.history(aliceToken, bob)).hasSize(2);

      try (Client b = Client.connect(server.baseUrl(), bobToken)) {
        JsonObject m1 = b.await("new_message", m -> m.getLong("id").equals(first.getLong("id")));
        JsonObject m2 = b.await("new_message", m -> m.getLong("id").equals(second.getLong("id")));
        assertThat(m1.getString("message")).isEqualTo("Are you there?");
        assertThat(m2.getString("message")).isEqualTo("Call me when you're back");
        // oldest first
        assertThat(b.received("new_message").get(0).payload().getLong("id")).isEqualTo(first.getLong("id"));
        // receipts may come one per acknowledged message or one for both
        JsonObject receipt = a.await("message_delivered", r -> r.getLong("upToId").equals(second.getLong("id")));
        assertThat(receipt.getString("by")).isEqualTo(bob);
      }
      // delivered once: a second connect has nothing to catch up on
      try (Client again = Client.connect(server.baseUrl(), bobToken)) {
        again.await("online_count_update");
        Client.pause(Duration.ofMillis(300));
        assertThat(again.received("new_message")).isEmpty();
      }
      JsonArray items = api.history(bobToken, alice);
      assertThat(items.getJsonObject(0).getString("deliveredAt")).isNotNull();
      assertThat(items.getJsonObject(1).getString("deliveredAt")).isNotNull();
    }
  }

  @Test
  void duplicateClientIdStoresOneMessage() {
    try (Client a = Client.connect(server.baseUrl(), aliceToken);
        Client b = Client.connect(server.baseUrl(), bobToken)) {
      JsonObject payload = new JsonObject().put("to", bob).put("message", "only once").put("clientId", "c-42");
      JsonObject first = a.call("send_message", payload);
      JsonObject retry = a.call("send_message", payload);
      assertThat(first.getBoolean("duplicate")).isFalse();
      assertThat(retry.getBoolean("ok")).isTrue();
      assertThat(retry.getBoolean("duplicate")).isTrue();
      assertThat(retry.getLong("id")).isEqualTo(first.getLong("id"));
      // two retries racing each other, and one over REST
      a.emit("send_message", payload);
      a.emit("send_message", payload);
      Api.Response rest = api.post("/api/messages", aliceToken, payload);
      assertThat(rest.status()).isEqualTo(200);
      assertThat(rest.json().getLong("id")).isEqualTo(first.getLong("id"));

      b.await("new_message", m -> m.getLong("id").equals(first.getLong("id")));
      Client.pause(Duration.ofMillis(300));
      assertThat(b.received("new_message")).hasSize(1);
      assertThat(api.history(aliceToken, bob)).hasSize(1);
    }
  }

  @Test
  void messagesSurviveServerRestart() throws Exception {
    long delivered;
    long waiting;
    try (Client a = Client.connect(server.baseUrl(), aliceToken)) {
      try (Client b = Client.connect(server.baseUrl(), bobToken)) {
        delivered = a.send(bob, "before the restart").getLong("id");
        b.await("new_message", m -> m.getLong("id") == delivered);
      }
      waiting = a.send(bob, "while you were away").getLong("id");
    }
    restartServer();
    try (Client b = Client.connect(server.baseUrl(), bobToken)) {
      JsonObject pushed = b.await("new_message", m -> m.getLong("id") == waiting);
      assertThat(pushed.getString("message")).isEqualTo("while you were away");
      Client.pause(Duration.ofMillis(200));
      assertThat(b.received("new_message")).hasSize(1);
    }
    JsonArray items = api.history(bobToken, alice);
    assertThat(items).hasSize(2);
    assertThat(items.getJsonObject(0).getLong("id")).isEqualTo(delivered);
    assertThat(items.getJsonObject(1).getLong("id")).isEqualTo(waiting);
    // the token issued before the restart still works: the secret is kept
    try (Client a = Client.connect(server.baseUrl(), aliceToken)) {
      assertThat(a.send(bob, "after").getLong("id")).isGreaterThan(waiting);
    }
  }

  @Test
  void socketConnectingWhileMessagesArriveGetsEachOneExactlyOnce() throws Exception {
    restartWith(Map.of("MESSAGE_BURST", "1000", "MESSAGES_PER_MINUTE", "100000"));
    aliceToken = api.register(alice);
    bobToken = api.register(bob);
    int each = 150;
    try (Client a = Client.connect(server.baseUrl(), aliceToken)) {
      List<CompletableFuture<JsonObject>> acks = new ArrayList<>();
      for (int i = 0; i < each; i++) {
        acks.add(a.callAsync("send_message", new JsonObject().put("to", bob).put("message", "before " + i)));
      }
      // bob's catch-up is read while these are being stored and pushed live
      try (Client b = Client.open(server.baseUrl(), bobToken)) {
        for (int i = 0; i < each; i++) {
          acks.add(a.callAsync("send_message", new JsonObject().put("to", bob).put("message", "during " + i)));
        }
        assertThat(b.outcome()).isEqualTo("connected");
        Set<Long> sent = new HashSet<>();
        for (CompletableFuture<JsonObject> ack : acks) {
          JsonObject reply = ack.get(Client.WAIT.toMillis(), TimeUnit.MILLISECONDS);
          assertThat(reply.getBoolean("ok")).as(reply.encode()).isTrue();
          sent.add(reply.getLong("id"));
        }
        for (long id : sent) {
          b.await("new_message", m -> m.getLong("id") == id);
        }
        Client.pause(Duration.ofMillis(300));
        List<Long> received = b.received("new_message").stream().map(e -> e.payload().getLong("id")).toList();
        assertThat(received).hasSize(sent.size()).doesNotHaveDuplicates();
      }
    }
  }

  @Test
  void readReceiptReachesSender() {
    try (Client a = Client.connect(server.baseUrl(), aliceToken);
        Client a2 = Client.connect(server.baseUrl(), aliceToken);
        Client b = Client.connect(server.baseUrl(), bobToken)) {
      a.send(bob, "one");
      long last = a.send(bob, "two").getLong("id");
      assertThat(unreadFrom(bobToken, alice)).isEqualTo(2);

      JsonObject ack = b.call("mark_read", new JsonObject().put("with", alice).put("upToId", last));
      assertThat(ack.getBoolean("ok")).as(ack.encode()).isTrue();
      for (Client senderTab : new Client[] {a, a2}) {
        JsonObject receipt = senderTab.await("message_read");
        assertThat(receipt.getString("by")).isEqualTo(bob);
        assertThat(receipt.getString("with")).isEqualTo(alice);
        assertThat(receipt.getLong("upToId")).isEqualTo(last);
        assertThat(Instant.parse(receipt.getString("at"))).isBeforeOrEqualTo(Instant.now());
      }
      assertThat(unreadFrom(bobToken, alice)).isZero();
      JsonArray items = api.history(aliceToken, bob);
      assertThat(items.getJsonObject(1).getString("readAt")).isNotNull();
    }
  }

  /** The unread count of {@code other}'s messages: a conversation's, or a message request's (a first message). */
  private int unreadFrom(String token, String other) {
    for (String list : new String[] {"/api/conversations", "/api/requests"}) {
      Api.Response r = api.get(list, token);
      assertThat(r.status()).isEqualTo(200);
      for (Object o : r.json().getJsonArray("items")) {
        JsonObject c = (JsonObject) o;
        if (c.getString("with").equals(other)) {
          return c.getInteger("unread");
        }
      }
    }
    throw new AssertionError("no conversation or request with " + other);
  }

  @Test
  void conversationsShowLastMessageAndUnreadCount() {
    String carol = Api.uniqueName("carol");
    String carolToken = api.register(carol);
    try (Client a = Client.connect(server.baseUrl(), aliceToken);
        Client c = Client.connect(server.baseUrl(), carolToken)) {
      a.send(bob, "hi bob");
      a.send(carol, "hi carol");
      c.send(alice, "hello alice");
      long last = c.send(alice, "how are you?").getLong("id");

      Api.Response r = api.get("/api/conversations", aliceToken);
      JsonArray items = r.json().getJsonArray("items");
      assertThat(items).hasSize(2);
      JsonObject withCarol = items.getJsonObject(0);
      assertThat(withCarol.getString("with")).isEqualTo(carol);
      assertThat(withCarol.getInteger("unread")).isEqualTo(2);
      assertThat(withCarol.getJsonObject("lastMessage").getLong("id")).isEqualTo(last);
      assertThat(withCarol.getString("displayName")).isEqualTo("User " + carol);
      assertThat(withCarol.getJsonObject("presence").getBoolean("online")).isTrue();
      JsonObject withBob = items.getJsonObject(1);
      assertThat(withBob.getString("with")).isEqualTo(bob);
      assertThat(withBob.getInteger("unread")).isZero();
      assertThat(withBob.getJsonObject("presence").getBoolean("online")).isFalse();
    }
  }

  @Test
  void historyPagesBackwardsWithACursor() {
    try (Client a = Client.connect(server.baseUrl(), aliceToken)) {
      for (int i = 1; i <= 7; i++) {
        a.send(bob, "message " + i);
      }
    }
    Api.Response newest = api.get("/api/conversations/" + alice + "/messages?limit=3", bobToken);
    JsonArray page1 = newest.json().getJsonArray("items");
    assertThat(page1.stream().map(o -> ((JsonObject) o).getString("message")))
        .containsExactly("message 5", "message 6", "message 7");
    long cursor = newest.json().getLong("nextBefore");
    Api.Response older = api.get("/api/conversations/" + alice + "/messages?limit=3&before=" + cursor, bobToken);
    assertThat(older.json().getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("message")))
        .containsExactly("message 2", "message 3", "message 4");
    Api.Response oldest = api.get("/api/conversations/" + alice + "/messages?limit=3&before="
        + older.json().getLong("nextBefore"), bobToken);
    assertThat(oldest.json().getJsonArray("items")).hasSize(1);
    assertThat(oldest.json().getValue("nextBefore")).isNull();
    assertThat(api.get("/api/conversations/" + alice + "/messages?limit=500", bobToken).errorCode())
        .isEqualTo("bad_request");
  }

  @Test
  void typingReachesOnlyTheRecipient() {
    String carol = Api.uniqueName("carol");
    String carolToken = api.register(carol);
    try (Client a = Client.connect(server.baseUrl(), aliceToken);
        Client b = Client.connect(server.baseUrl(), bobToken);
        Client c = Client.connect(server.baseUrl(), carolToken)) {
      a.emit("user_typing", new JsonObject().put("to", bob).put("isTyping", true));
      JsonObject typing = b.await("user_typing");
      assertThat(typing.getString("from")).isEqualTo(alice);
      assertThat(typing.getBoolean("isTyping")).isTrue();
      a.emit("user_typing", new JsonObject().put("to", bob).put("isTyping", false));
      b.await("user_typing", t -> !t.getBoolean("isTyping"));
      assertThat(c.received("user_typing")).isEmpty();
      assertThat(a.received("user_typing")).isEmpty();
    }
  }

  @Test
  void restSendIsDeliveredLive() {
    try (Client b = Client.connect(server.baseUrl(), bobToken);
        Client a = Client.connect(server.baseUrl(), aliceToken)) {
      Api.Response r = api.post("/api/messages", aliceToken,
          new JsonObject().put("to", bob).put("message", "over REST").put("clientId", "r-1"));
      assertThat(r.status()).as(r.text()).isEqualTo(201);
      long id = r.json().getLong("id");
      assertThat(r.json().getString("from")).isEqualTo(alice);
      b.await("new_message", m -> m.getLong("id") == id && m.getString("message").equals("over REST"));
      a.await("new_message", m -> m.getLong("id") == id);
    }
  }

  @Test
  void sendingToAnUnknownUserIsAClearError() {
    try (Client a = Client.connect(server.baseUrl(), aliceToken)) {
      JsonObject ack = a.send("nobody_here", "hello?");
      assertThat(ack.getBoolean("ok")).isFalse();
      assertThat(ack.getJsonObject("error").getString("code")).isEqualTo("not_found");
      JsonObject self = a.send(alice, "note to self");
      assertThat(self.getJsonObject("error").getString("code")).isEqualTo("bad_request");
    }
  }

  @Test
  void messageNotAcknowledgedIsPushedAgainOnNextConnect() {
    try (Client a = Client.connect(server.baseUrl(), aliceToken)) {
      long id;
      try (Client b = Client.connect(server.baseUrl(), bobToken).withoutAcks()) {
        id = a.send(bob, "did you get this?").getLong("id");
        b.await("new_message", m -> m.getLong("id") == id);
        Client.pause(Duration.ofMillis(300));
        assertThat(a.received("message_delivered")).isEmpty();
      }
      try (Client b = Client.connect(server.baseUrl(), bobToken)) {
        b.await("new_message", m -> m.getLong("id") == id);
        JsonObject receipt = a.await("message_delivered");
        assertThat(receipt.getString("by")).isEqualTo(bob);
        assertThat(receipt.getLong("upToId")).isEqualTo(id);
      }
      assertThat(api.history(aliceToken, bob).getJsonObject(0).getString("deliveredAt")).isNotNull();
    }
  }

  @Test
  void liveMessageAcknowledgedIsNotPushedAgain() {
    try (Client a = Client.connect(server.baseUrl(), aliceToken)) {
      long id;
      try (Client b = Client.connect(server.baseUrl(), bobToken)) {
        id = a.send(bob, "got it?").getLong("id");
        b.await("new_message", m -> m.getLong("id") == id);
        assertThat(a.await("message_delivered").getLong("upToId")).isEqualTo(id);
      }
      try (Client b = Client.connect(server.baseUrl(), bobToken)) {
        b.await("online_count_update");
        Client.pause(Duration.ofMillis(300));
        assertThat(b.received("new_message")).isEmpty();
      }
    }
  }
}
