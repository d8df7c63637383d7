package dev.pulse.socketio.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.socketio.ConnectError;
import dev.pulse.socketio.SocketIoOptions;
import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Manager;
import io.socket.client.Socket;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Interoperability with the official Java client ({@code io.socket:socket.io-client} 2.x), each
 * behaviour over three transport setups: WebSocket only, long-polling only, and long-polling
 * upgraded to WebSocket.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class JavaClientInteropTest extends JavaClientFixture {

  // ---------------------------------------------------------------------------------------------
  // connecting

  @ParameterizedTest(name = "{0}")
  @EnumSource(Setup.class)
  void serverSeesTheAuthPayloadAndClientReceivesEventEmittedOnConnect(Setup setup)
      throws Exception {
    AtomicReference<JsonObject> auth = new AtomicReference<>();
    startServer(io -> io.of("/").onConnection(socket -> {
      serverSockets.add(socket);
      auth.set(socket.handshake().auth());
      socket.emit("welcome", socket.id(), socket.handshake().auth().getString("token"));
    }));

    IO.Options options = options(setup);
    options.auth = Map.of("token", "secret-123", "user", "ada");
    Socket client = client(server.url(), options);
    Events events = new Events(client, Socket.EVENT_CONNECT, "welcome");
    client.connect();

    events.next(Socket.EVENT_CONNECT);
    Object[] welcome = events.next("welcome");
    assertThat(auth.get())
        .isEqualTo(new JsonObject().put("token", "secret-123").put("user", "ada"));
    assertThat(welcome).hasSize(2);
    assertThat(welcome[0]).isEqualTo(serverSocket(0).id());
    assertThat(welcome[1]).isEqualTo("secret-123");
    awaitTransport(setup, serverSocket(0));
  }

  // ---------------------------------------------------------------------------------------------
  // events and acks

  @ParameterizedTest(name = "{0}")
  @EnumSource(Setup.class)
  void serverReceivesEventArgumentsWithTheirTypesAndEchoesThemBack(Setup setup) throws Exception {
    AtomicReference<JsonArray> received = new AtomicReference<>();
    startServer(io -> io.of("/").onConnection(socket -> {
      serverSockets.add(socket);
      socket.on("echo", (args, ack) -> {
        received.set(args);
        socket.emit("echoed", args.getList().toArray());
      });
    }));

    Socket client = client(server.url(), options(setup));
    Events events = new Events(client, Socket.EVENT_CONNECT, "echoed");
    client.connect();
    events.next(Socket.EVENT_CONNECT);
    awaitTransport(setup, serverSocket(0));

    JSONObject nested = new JSONObject()
        .put("count", 3)
        .put("big", 1L << 40)
        .put("ratio", 1.5)
        .put("flag", true)
        .put("nothing", JSONObject.NULL)
        .put("inner", new JSONObject().put("level", 2)
            .put("list", new JSONArray(List.of(1, 2, 3))));
    client.emit("echo", "hello", 42, nested);

    Object[] echoed = events.next("echoed");
    JsonArray args = received.get();
    assertThat(args.size()).isEqualTo(3);
    assertThat(args.getValue(0)).isEqualTo("hello");
    assertThat(args.getValue(1)).isInstanceOf(Integer.class).isEqualTo(42);
    JsonObject object = args.getJsonObject(2);
    assertThat(object.getValue("count")).isInstanceOf(Integer.class).isEqualTo(3);
    assertThat(object.getValue("big")).isInstanceOf(Long.class).isEqualTo(1L << 40);
    assertThat(object.getNumber("ratio").doubleValue()).isEqualTo(1.5);
    assertThat(object.getBoolean("flag")).isTrue();
    assertThat(object.containsKey("nothing")).isTrue();
    assertThat(object.getValue("nothing")).isNull();
    JsonObject inner = object.getJsonObject("inner");
    assertThat(inner.getValue("level")).isInstanceOf(Integer.class).isEqualTo(2);
    assertThat(inner.getJsonArray("list")).isEqualTo(new JsonArray().add(1).add(2).add(3));

    assertThat(echoed).hasSize(3);
    assertThat(echoed[0]).isEqualTo("hello");
    assertThat(echoed[1]).isInstanceOf(Integer.class).isEqualTo(42);
    JSONObject back = (JSONObject) echoed[2];
    assertThat(back.get("count")).isInstanceOf(Integer.class).isEqualTo(3);
    assertThat(back.get("big")).isInstanceOf(Long.class).isEqualTo(1L << 40);
    assertThat(back.getDouble("ratio")).isEqualTo(1.5);
    assertThat(back.getBoolean("flag")).isTrue();
    assertThat(back.isNull("nothing")).isTrue();
    assertThat(back.has("nothing")).isTrue();
    assertThat(back.getJSONObject("inner").get("level")).isInstanceOf(Integer.class).isEqualTo(2);
    assertThat(back.getJSONObject("inner").getJSONArray("list").toString()).isEqualTo("[1,2,3]");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Setup.class)
  void serverAcknowledgesClientEventWithValues(Setup setup) throws Exception {
    AtomicBoolean ackRequested = new AtomicBoolean();
    startServer(io -> io.of("/").onConnection(socket -> {
      serverSockets.add(socket);
      socket.on("add", (args, ack) -> {
        ackRequested.set(ack.requested());
        ack.send("sum", args.getInteger(0) + args.getInteger(1), new JsonObject().put("ok", true));
      });
    }));

    Socket client = client(server.url(), options(setup));
    Events events = new Events(client, Socket.EVENT_CONNECT);
    client.connect();
    events.next(Socket.EVENT_CONNECT);
    awaitTransport(setup, serverSocket(0));

    BlockingQueue<Object[]> acks = new LinkedBlockingQueue<>();
    client.emit("add", 2, 40, (Ack) acks::add);

    Object[] ack = poll(acks, "ack of add");
    assertThat(ackRequested).isTrue();
    assertThat(ack).hasSize(3);
    assertThat(ack[0]).isEqualTo("sum");
    assertThat(ack[1]).isEqualTo(42);
    assertThat(((JSONObject) ack[2]).getBoolean("ok")).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Setup.class)
  void clientAcknowledgesServerEmitWithAck(Setup setup) throws Exception {
    AtomicReference<JsonArray> reply = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    startServer(io -> io.of("/").onConnection(socket -> {
      serverSockets.add(socket);
      socket.on("ask-me", (args, ack) -> socket.emitWithAck("question", "meaning of life", 6)
          .onSuccess(reply::set)
          .onFailure(failure::set));
    }));

    Socket client = client(server.url(), options(setup));
    Events events = new Events(client, Socket.EVENT_CONNECT);
    BlockingQueue<Object[]> questions = new LinkedBlockingQueue<>();
    client.on("question", args -> {
      questions.add(args);
      Ack ack = (Ack) args[args.length - 1];
      ack.call("answer", ((Integer) args[1]) * 7, new JSONObject(Map.of("sure", true)));
    });
    client.connect();
    events.next(Socket.EVENT_CONNECT);
    awaitTransport(setup, serverSocket(0));

    client.emit("ask-me");

    Object[] question = poll(questions, "question");
    assertThat(question[0]).isEqualTo("meaning of life");
    assertThat(question[1]).isEqualTo(6);
    assertThat(question[2]).isInstanceOf(Ack.class);
    await().untilAsserted(() -> assertThat(reply.get()).isNotNull());
    assertThat(failure.get()).isNull();
    assertThat(reply.get()).isEqualTo(
        new JsonArray().add("answer").add(42).add(new JsonObject().put("sure", true)));
  }

  // ---------------------------------------------------------------------------------------------
  // binary

  /**
   * Over long-polling the Java client sends binary as {@code b} + base64 wrapped at 76 columns
   * with {@code \n} (its Base64.DEFAULT flag); the server must accept that, as the reference does.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(Setup.class)
  void binaryInsideAnObjectTravelsBothWaysUnchanged(Setup setup) throws Exception {
    binaryRoundTrip(setup);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Setup.class)
  void clientReceivesBinaryEmittedByServerAsByteArrays(Setup setup) throws Exception {
    byte[] first = bytes(300, 3);
    byte[] second = bytes(5, 11);
    startServer(io -> io.of("/").onConnection(socket -> {
      serverSockets.add(socket);
      socket.on("send-files", (args, ack) -> socket.emit("files", Buffer.buffer(first),
          new JsonObject().put("nested", new JsonArray().add("x").add(second))));
    }));

    Socket client = client(server.url(), options(setup));
    Events events = new Events(client, Socket.EVENT_CONNECT, "files");
    client.connect();
    events.next(Socket.EVENT_CONNECT);
    awaitTransport(setup, serverSocket(0));

    client.emit("send-files");

    Object[] files = events.next("files");
    assertThat(files).hasSize(2);
    assertThat(files[0]).isInstanceOf(byte[].class);
    assertThat((byte[]) files[0]).isEqualTo(first);
    JSONArray nested = ((JSONObject) files[1]).getJSONArray("nested");
    assertThat(nested.get(0)).isEqualTo("x");
    assertThat(nested.get(1)).isInstanceOf(byte[].class);
    assertThat((byte[]) nested.get(1)).isEqualTo(second);
  }

  private void binaryRoundTrip(Setup setup) throws Exception {
    AtomicReference<JsonObject> received = new AtomicReference<>();
    startServer(io -> io.of("/").onConnection(socket -> {
      serverSockets.add(socket);
      socket.on("upload", (args, ack) -> {
        JsonObject file = args.getJsonObject(0);
        received.set(file);
        socket.emit("download", file);
      });
    }));

    Socket client = client(server.url(), options(setup));
    Events events = new Events(client, Socket.EVENT_CONNECT, "download");
    client.connect();
    events.next(Socket.EVENT_CONNECT);
    awaitTransport(setup, serverSocket(0));

    byte[] bytes = bytes(1024, 7); // every byte value, non-UTF-8 sequences included
    client.emit("upload", new JSONObject().put("name", "blob.bin").put("size", bytes.length)
        .put("data", bytes));

    Object[] download = events.next("download");
    JsonObject file = received.get();
    assertThat(file.getString("name")).isEqualTo("blob.bin");
    assertThat(file.getValue("size")).isEqualTo(bytes.length);
    // getMap(): JsonObject.getValue would present a Buffer as a base64 string
    assertThat(file.getMap().get("data")).isInstanceOf(Buffer.class);
    assertThat(((Buffer) file.getMap().get("data")).getBytes()).isEqualTo(bytes);

    JSONObject back = (JSONObject) download[0];
    assertThat(back.getString("name")).isEqualTo("blob.bin");
    assertThat(back.get("size")).isEqualTo(bytes.length);
    assertThat(back.get("data")).isInstanceOf(byte[].class);
    assertThat((byte[]) back.get("data")).isEqualTo(bytes);
  }

  // ---------------------------------------------------------------------------------------------
  // namespaces

  @ParameterizedTest(name = "{0}")
  @EnumSource(Setup.class)
  void twoNamespacesConnectOverOneConnectionAndEachReceivesItsEvents(Setup setup) throws Exception {
    startServer(io -> {
      io.of("/").onConnection(socket -> {
        serverSockets.add(socket);
        socket.emit("hello", "from " + socket.namespace().name());
        socket.on("ping", (args, ack) -> ack.send("pong " + socket.namespace().name()));
      });
      io.of("/custom").onConnection(socket -> {
        serverSockets.add(socket);
        socket.emit("hello", "from " + socket.namespace().name());
        socket.on("ping", (args, ack) -> ack.send("pong " + socket.namespace().name()));
      });
    });

    IO.Options options = options(setup);
    Manager manager = new Manager(URI.create(server.url()), options);
    Socket root = manager.socket("/", options);
    Socket custom = manager.socket("/custom", options);
    clients.add(root);
    clients.add(custom);
    Events rootEvents = new Events(root, Socket.EVENT_CONNECT, "hello");
    Events customEvents = new Events(custom, Socket.EVENT_CONNECT, "hello");
    root.connect();
    custom.connect();

    rootEvents.next(Socket.EVENT_CONNECT);
    customEvents.next(Socket.EVENT_CONNECT);
    assertThat(rootEvents.next("hello")).containsExactly("from /");
    assertThat(customEvents.next("hello")).containsExactly("from /custom");

    await().untilAsserted(() -> assertThat(serverSockets).hasSize(2));
    Set<String> namespaces = ConcurrentHashMap.newKeySet();
    serverSockets.forEach(s -> namespaces.add(s.namespace().name()));
    assertThat(namespaces).containsExactlyInAnyOrder("/", "/custom");
    assertThat(serverSocket(0).connectionId()).isEqualTo(serverSocket(1).connectionId());
    assertThat(server.onLoop(() -> server.io.engine().clientsCount())).isEqualTo(1);
    awaitTransport(setup, serverSocket(0));
    awaitTransport(setup, serverSocket(1));

    BlockingQueue<Object[]> acks = new LinkedBlockingQueue<>();
    root.emit("ping", (Ack) acks::add);
    custom.emit("ping", (Ack) acks::add);
    List<Object> replies = new ArrayList<>();
    replies.add(poll(acks, "first pong")[0]);
    replies.add(poll(acks, "second pong")[0]);
    assertThat(replies).containsExactlyInAnyOrder("pong /", "pong /custom");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Setup.class)
  void connectingToAnUnregisteredNamespaceYieldsInvalidNamespaceConnectError(Setup setup)
      throws Exception {
    startServer(io -> io.of("/").onConnection(serverSockets::add));

    IO.Options options = options(setup);
    Manager manager = new Manager(URI.create(server.url()), options);
    Socket root = manager.socket("/", options);
    Socket unknown = manager.socket("/nope", options);
    clients.add(root);
    clients.add(unknown);
    Events rootEvents = new Events(root, Socket.EVENT_CONNECT);
    Events unknownEvents = new Events(unknown, Socket.EVENT_CONNECT, Socket.EVENT_CONNECT_ERROR);
    root.connect();
    rootEvents.next(Socket.EVENT_CONNECT);
    unknown.connect();

    Object[] error = unknownEvents.next(Socket.EVENT_CONNECT_ERROR);
    assertThat(error).hasSize(1);
    assertThat(error[0]).isInstanceOf(JSONObject.class);
    assertThat(((JSONObject) error[0]).getString("message")).isEqualTo("Invalid namespace");
    assertThat(unknownEvents.count(Socket.EVENT_CONNECT)).isZero();
    assertThat(unknown.connected()).isFalse();
    // The refusal concerns one namespace: the connection and its other socket stay up.
    assertThat(root.connected()).isTrue();
    awaitTransport(setup, serverSocket(0));
  }

  // ---------------------------------------------------------------------------------------------
  // disconnecting and reconnecting

  @ParameterizedTest(name = "{0}")
  @EnumSource(Setup.class)
  void serverSideDisconnectReachesClientAsIoServerDisconnectAndClientDoesNotReconnect(
      Setup setup) throws Exception {
    AtomicReference<String> serverReason = new AtomicReference<>();
    startServer(io -> io.of("/").onConnection(socket -> {
      serverSockets.add(socket);
      socket.onDisconnect(serverReason::set);
      socket.on("kick-me", (args, ack) -> socket.disconnect());
    }));

    Socket client = client(server.url(), reconnecting(options(setup)));
    Events events = new Events(client, Socket.EVENT_CONNECT, Socket.EVENT_DISCONNECT);
    client.connect();
    events.next(Socket.EVENT_CONNECT);
    awaitTransport(setup, serverSocket(0));

    client.emit("kick-me");

    assertThat(events.next(Socket.EVENT_DISCONNECT)).containsExactly("io server disconnect");
    // The packet leaves before the server finishes its own bookkeeping.
    await().untilAsserted(() -> assertThat(serverReason.get()).isEqualTo("server namespace disconnect"));
    assertThat(client.connected()).isFalse();
    // No reconnection: the client closes its connection and nothing new comes in.
    await().untilAsserted(() ->
        assertThat(server.onLoop(() -> server.io.engine().clientsCount())).isZero());
    assertStaysWithoutReconnection(client, events);
  }

  /**
   * {@code disconnect(true)} closes the whole connection. The reference server first sends every
   * namespace a DISCONNECT packet (Client#_disconnect), so clients see "io server disconnect"
   * and do not reconnect.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(Setup.class)
  void serverClosingTheWholeConnectionReachesClientAsIoServerDisconnectWithoutReconnect(
      Setup setup) throws Exception {
    startServer(io -> io.of("/").onConnection(socket -> {
      serverSockets.add(socket);
      socket.on("close-me", (args, ack) -> socket.disconnect(true));
    }));

    Socket client = client(server.url(), reconnecting(options(setup)));
    Events events = new Events(client, Socket.EVENT_CONNECT, Socket.EVENT_DISCONNECT);
    client.connect();
    events.next(Socket.EVENT_CONNECT);
    awaitTransport(setup, serverSocket(0));

    client.emit("close-me");

    assertThat(events.next(Socket.EVENT_DISCONNECT)).containsExactly("io server disconnect");
    assertStaysWithoutReconnection(client, events);
    assertThat(serverSockets).hasSize(1);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Setup.class)
  void clientReconnectsOnItsOwnAfterTheTransportDropsAndExchangesEventsAgain(Setup setup)
      throws Exception {
    List<String> serverReasons = new CopyOnWriteArrayList<>();
    SocketIoOptions serverOptions = new SocketIoOptions();
    // A short heartbeat, so the server also notices a dead long-polling session quickly.
    serverOptions.engine().pingInterval(400).pingTimeout(400);
    startServer(serverOptions, io -> io.of("/").onConnection(socket -> {
      serverSockets.add(socket);
      socket.onDisconnect(serverReasons::add);
      socket.on("echo", (args, ack) -> socket.emit("echoed", args.getList().toArray()));
    }));
    proxy = DroppingProxy.start(server.port);

    Socket client = client("http://127.0.0.1:" + proxy.port(), reconnecting(options(setup)));
    Events events = new Events(client, Socket.EVENT_CONNECT, Socket.EVENT_DISCONNECT, "echoed");
    client.connect();
    events.next(Socket.EVENT_CONNECT);
    dev.pulse.socketio.Socket first = serverSocket(0);
    awaitTransport(setup, first);
    client.emit("echo", "before");
    assertThat(events.next("echoed")).containsExactly("before");

    // A network outage: every TCP connection is cut and new ones fail until it is over (a
    // single cut could go unnoticed: the HTTP client silently retries a poll it had not sent).
    proxy.cut();
    Object[] disconnect = events.next(Socket.EVENT_DISCONNECT);
    assertThat(disconnect[0]).isIn("transport close", "transport error", "ping timeout");
    proxy.restore();

    events.next(Socket.EVENT_CONNECT);
    assertThat(client.connected()).isTrue();
    await().untilAsserted(() -> assertThat(serverSockets).hasSize(2));
    dev.pulse.socketio.Socket second = serverSocket(1);
    assertThat(second.id()).isNotEqualTo(first.id());
    assertThat(second.connectionId()).isNotEqualTo(first.connectionId());
    awaitTransport(setup, second);

    client.emit("echo", "after", 2);
    assertThat(events.next("echoed")).containsExactly("after", 2);
    // The server let go of the dead session too.
    await().untilAsserted(() -> {
      assertThat(server.onLoop(first::connected)).isFalse();
      assertThat(serverReasons).hasSize(1);
    });
    assertThat(serverReasons.get(0)).isIn("transport close", "transport error", "ping timeout");
    assertThat(server.onLoop(second::connected)).isTrue();
    assertThat(events.count(Socket.EVENT_DISCONNECT)).isEqualTo(1);
  }

  // ---------------------------------------------------------------------------------------------
  // middleware

  @ParameterizedTest(name = "{0}")
  @EnumSource(Setup.class)
  void middlewareRefusalReachesClientAsConnectErrorWithMessageAndData(Setup setup)
      throws Exception {
    startServer(io -> io.of("/")
        .use(socket -> Future.failedFuture(
            new ConnectError("not authorized", new JsonObject().put("code", 401))))
        .onConnection(serverSockets::add));

    Socket client = client(server.url(), options(setup));
    Events events = new Events(client, Socket.EVENT_CONNECT, Socket.EVENT_CONNECT_ERROR);
    client.connect();

    Object[] error = events.next(Socket.EVENT_CONNECT_ERROR);
    assertThat(error).hasSize(1);
    JSONObject body = (JSONObject) error[0];
    assertThat(body.getString("message")).isEqualTo("not authorized");
    assertThat(body.getJSONObject("data").get("code")).isEqualTo(401);
    assertThat(body.getJSONObject("data").length()).isEqualTo(1);
    assertThat(events.count(Socket.EVENT_CONNECT)).isZero();
    assertThat(client.connected()).isFalse();
    assertThat(serverSockets).isEmpty();
  }
}
