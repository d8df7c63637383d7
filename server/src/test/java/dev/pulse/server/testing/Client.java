package dev.pulse.server.testing;

import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Socket;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.json.JSONObject;

/**
 * A user's connection through the independent Java Socket.IO client (io.socket 2.x), recording
 * every event it receives so that tests can wait for one or assert that none came.
 */
public final class Client implements AutoCloseable {
  public static final Duration WAIT = Duration.ofSeconds(10);
  static final String[] EVENTS = {
    "connection_established", "user_online", "user_offline", "online_count_update", "new_message",
    "user_typing", "message_read", "message_delivered", "presence_update", "error",
    "call_incoming", "call_accepted", "call_ended", "call_signal", "call_reconnecting", "call_resumed",
    "interest_update", "shortlist_update", "message_reaction", "message_request_update"
  };

  // OkHttp's default dispatcher runs at most 64 calls at once, and an open WebSocket stays a
  // running call: tests with more simultaneous clients than that would hang on connect
  private static final OkHttpClient HTTP = new OkHttpClient.Builder()
      .dispatcher(unlimitedDispatcher())
      .readTimeout(1, TimeUnit.MINUTES)
      .build();

  private static Dispatcher unlimitedDispatcher() {
    Dispatcher dispatcher = new Dispatcher();
    dispatcher.setMaxRequests(100_000);
    dispatcher.setMaxRequestsPerHost(100_000);
    return dispatcher;
  }

  /** One received event. */
  public record Event(String name, JsonObject payload, long atMillis) {}

  private final Socket socket;
  private final List<Event> events = new CopyOnWriteArrayList<>();
  private final CompletableFuture<String> outcome = new CompletableFuture<>();
  private volatile boolean acknowledging = true;

  private Client(Socket socket) {
    this.socket = socket;
  }

  /** Connects with {@code token} (null: none) over WebSocket; does not wait. */
  public static Client open(String baseUrl, String token) {
    return open(baseUrl, auth(token), false, "websocket");
  }

  /** Connects over the given transports ("polling", "websocket"), in the client's order; does not wait. */
  public static Client open(String baseUrl, String token, String... transports) {
    return open(baseUrl, auth(token), false, transports);
  }

  /** Connects over WebSocket and reconnects whenever the connection is lost, as the web app does. */
  public static Client openReconnecting(String baseUrl, String token) {
    return open(baseUrl, auth(token), true, "websocket");
  }

  /**
   * Connects with {@code token}, telling the server it will send {@code presence_watch}
   * ({@code auth.watch}), and waits for the connection to be accepted.
   */
  public static Client connectWatching(String baseUrl, String token) {
    return accepted(open(baseUrl, Map.of("token", token, "watch", "true"), false, "websocket"));
  }

  private static Map<String, String> auth(String token) {
    return token == null ? Map.of() : Map.of("token", token);
  }

  /** Connects over WebSocket and never confirms a message, like a client that crashes before it can; does not wait. */
  public static Client openWithoutAcks(String baseUrl, String token) {
    return open(baseUrl, auth(token), false, false, "websocket");
  }

  private static Client open(String baseUrl, Map<String, String> auth, boolean reconnect, String... transports) {
    return open(baseUrl, auth, reconnect, true, transports);
  }

  private static Client open(String baseUrl, Map<String, String> auth, boolean reconnect, boolean acks,
      String... transports) {
    IO.Options options = IO.Options.builder()
        .setTransports(transports)
        .setForceNew(true)
        .setReconnection(reconnect)
        .setReconnectionDelay(300)
        .setReconnectionDelayMax(1_000)
        .setAuth(auth)
        .build();
    options.callFactory = HTTP;
    options.webSocketFactory = HTTP;
    Client client = new Client(IO.socket(URI.create(baseUrl), options));
    client.acknowledging = acks;
    client.socket.on(Socket.EVENT_CONNECT, args -> client.outcome.complete("connected"));
    client.socket.on(Socket.EVENT_CONNECT_ERROR, args -> client.outcome.complete(
        "error: " + (args.length > 0 && args[0] instanceof JSONObject o ? o.optString("message") : String.valueOf(args[0]))));
    client.socket.on(Socket.EVENT_DISCONNECT, args -> client.events.add(new Event("disconnect",
        new JsonObject().put("reason", args.length > 0 ? String.valueOf(args[0]) : null), System.currentTimeMillis())));
    for (String name : EVENTS) {
      client.socket.on(name, args -> {
        client.events.add(new Event(name,
            args.length > 0 && args[0] instanceof JSONObject o ? new JsonObject(o.toString()) : new JsonObject(),
            System.currentTimeMillis()));
        // like the web app, confirm receipt when the server asks (new_message)
        if (client.acknowledging && args.length > 0 && args[args.length - 1] instanceof Ack ack) {
          ack.call();
        }
      });
    }
    client.socket.connect();
    return client;
  }

  /** Connects and waits for the connection to be accepted. */
  public static Client connect(String baseUrl, String token) {
    return accepted(open(baseUrl, token));
  }

  private static Client accepted(Client client) {
    String result = client.outcome();
    if (!"connected".equals(result)) {
      client.close();
      throw new AssertionError("connection refused: " + result);
    }
    return client;
  }

  /** Confirms received messages again (the default). */
  public Client withAcks() {
    acknowledging = true;
    return this;
  }

  /** Stops confirming received messages, like a client that crashes before it can. */
  public Client withoutAcks() {
    acknowledging = false;
    return this;
  }

  /** "connected" or "error: <message>", waiting for whichever comes. */
  public String outcome() {
    return outcome(WAIT);
  }

  /** {@link #outcome()}, waiting up to {@code wait} (for many clients connecting at once). */
  public String outcome(Duration wait) {
    try {
      return outcome.get(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError("no connect or connect_error within " + wait, e);
    }
  }

  public String id() {
    return socket.id();
  }

  public boolean connected() {
    return socket.connected();
  }

  public void emit(String event, JsonObject payload) {
    socket.emit(event, json(payload));
  }

  private static JSONObject json(JsonObject payload) {
    try {
      return new JSONObject(payload.encode());
    } catch (org.json.JSONException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** Emits with an ack and waits for the reply. */
  public JsonObject call(String event, JsonObject payload) {
    CompletableFuture<JsonObject> reply = new CompletableFuture<>();
    socket.emit(event, new Object[] {json(payload)}, (Ack) args ->
        reply.complete(args.length > 0 && args[0] instanceof JSONObject o ? new JsonObject(o.toString()) : new JsonObject()));
    try {
      return reply.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError("no ack for " + event + " within " + WAIT, e);
    }
  }

  /** Emits with an ack without waiting; the reply completes the future. */
  /** Sends a text message to {@code to} and returns the ack as it came (ok or not). */
  public JsonObject send(String to, String text) {
    return call("send_message", new JsonObject().put("to", to).put("message", text));
  }

  public CompletableFuture<JsonObject> callAsync(String event, JsonObject payload) {
    return callRawAsync(event, json(payload));
  }

  /**
   * Emits {@code args} as they are (any JSON values, or none) with an ack and waits for the
   * reply: for sending what a well-behaved client would not.
   */
  public JsonObject callRaw(String event, Object... args) {
    try {
      return callRawAsync(event, args).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError("no ack for " + event + " within " + WAIT, e);
    }
  }

  /** Emits {@code args} as they are, without an ack. */
  public void emitRaw(String event, Object... args) {
    socket.emit(event, args);
  }

  private CompletableFuture<JsonObject> callRawAsync(String event, Object... args) {
    CompletableFuture<JsonObject> reply = new CompletableFuture<>();
    socket.emit(event, args, (Ack) ackArgs -> reply.complete(
        ackArgs.length > 0 && ackArgs[0] instanceof JSONObject o ? new JsonObject(o.toString()) : new JsonObject()));
    return reply;
  }

  /** Waits for an event named {@code name} whose payload matches, and returns it. */
  public JsonObject await(String name, Predicate<JsonObject> match) {
    return await(name, WAIT, match);
  }

  /** The first {@code name} event matching, waiting up to {@code wait} for it. */
  public JsonObject await(String name, Duration wait, Predicate<JsonObject> match) {
    long deadline = System.currentTimeMillis() + wait.toMillis();
    while (System.currentTimeMillis() < deadline) {
      for (Event e : events) {
        if (e.name().equals(name) && match.test(e.payload())) {
          return e.payload();
        }
      }
      sleep(10);
    }
    throw new AssertionError("no " + name + " matching within " + wait + "; got " + names());
  }

  public JsonObject await(String name) {
    return await(name, p -> true);
  }

  /** Every received event named {@code name} so far. */
  public List<Event> received(String name) {
    List<Event> result = new ArrayList<>();
    events.forEach(e -> {
      if (e.name().equals(name)) {
        result.add(e);
      }
    });
    return result;
  }

  public boolean hasReceived(String name, Predicate<JsonObject> match) {
    return events.stream().anyMatch(e -> e.name().equals(name) && match.test(e.payload()));
  }

  public void clear() {
    events.clear();
  }

  private List<String> names() {
    return events.stream().map(e -> e.name() + e.payload().encode()).toList();
  }

  /** Waits a bounded time, for asserting that something did not happen. */
  public static void pause(Duration duration) {
    sleep(duration.toMillis());
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    socket.disconnect();
    socket.close();
  }
}
