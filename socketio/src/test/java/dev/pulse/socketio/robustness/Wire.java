package dev.pulse.socketio.robustness;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Raw protocol clients for the robustness tests: a WebSocket that queues every frame it
 * receives, and plain HTTP requests. They run on their own Vert.x instance so client work never
 * shares the server's event loop.
 */
final class Wire implements AutoCloseable {

  static final String PATH = "/socket.io/";
  static final String RS = "\u001e";
  static final boolean DEBUG = Boolean.getBoolean("wire.debug");

  final Vertx vertx;
  final int port;
  private final WebSocketClient ws;
  private final HttpClient http;

  Wire(int port) {
    this(port, 1);
  }

  Wire(int port, int eventLoops) {
    this.port = port;
    this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(eventLoops));
    this.ws = vertx.createWebSocketClient(new WebSocketClientOptions()
        .setMaxConnections(1000)
        .setMaxFrameSize(4 << 20)
        .setMaxMessageSize(64 << 20)
        .setConnectTimeout(5000));
    this.http = vertx.createHttpClient(
        new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port)
            .setKeepAlive(true).setConnectTimeout(5000),
        new PoolOptions().setHttp1MaxSize(300));
  }

  /** {@code /socket.io/?EIO=4&transport=...} plus extra query text (e.g. {@code "&sid=x"}). */
  static String uri(String transport, String extraQuery) {
    return PATH + "?EIO=4&transport=" + transport + extraQuery;
  }

  // ---- WebSocket ----

  /** Opens a WebSocket without an Origin header (a non-browser client) and waits for the 101. */
  Ws connectWs(String uri) throws Exception {
    return connectWs(uri, Map.of(), 5000);
  }

  Ws connectWs(String uri, Map<String, String> headers, long timeoutMillis) throws Exception {
    return await(connectWsAsync(uri, headers, false), timeoutMillis);
  }

  /** With {@code autoPong}, pings are answered (and not queued) from the very first frame. */
  Future<Ws> connectWsAsync(String uri, Map<String, String> headers, boolean autoPong) {
    WebSocketConnectOptions options = new WebSocketConnectOptions()
        .setHost("127.0.0.1").setPort(port).setURI(uri)
        // Vert.x strips even an explicit Origin unless this is on; off, it sends none.
        .setAllowOriginHeader(headers.keySet().stream().anyMatch("Origin"::equalsIgnoreCase));
    headers.forEach(options::addHeader);
    ClientWebSocket socket = ws.webSocket();
    Ws wrapper = new Ws(socket);
    wrapper.autoPong = autoPong;
    return socket.connect(options).map(w -> wrapper);
  }

  /** Opens a WebSocket session, reads the open packet and joins {@code /}. */
  Ws socketIoClient(String extraQuery, boolean autoPong) throws Exception {
    Ws c = await(connectWsAsync(uri("websocket", extraQuery), Map.of(), autoPong), 5000);
    c.expectOpen(5000);
    c.send("40");
    String connect = c.nextText(5000);
    if (connect == null || !connect.startsWith("40{\"sid\":")) {
      c.close();
      throw new IllegalStateException("no CONNECT reply, got " + connect);
    }
    return c;
  }

  /**
   * Opens a long-polling session ({@code extraQuery} added to its handshake), joins {@code /} and
   * reads the CONNECT reply, so the client's last GET has just been answered; returns the sid.
   */
  String pollingClient(String extraQuery) throws Exception {
    Resp open = get(uri("polling", extraQuery));
    String sid = new JsonObject(open.body().substring(1)).getString("sid");
    String poll = uri("polling", "&sid=" + sid);
    if (!"ok".equals(post(poll, "40").body())) {
      throw new IllegalStateException("CONNECT refused");
    }
    String connect = get(poll).body();
    if (!connect.startsWith("40{")) {
      throw new IllegalStateException("no CONNECT reply, got " + connect);
    }
    return sid;
  }

  /** A WebSocket whose received frames (String or Buffer) wait in a queue. */
  static final class Ws {
    final ClientWebSocket socket;
    final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
    final CompletableFuture<Long> closed = new CompletableFuture<>();
    final AtomicInteger pingsAnswered = new AtomicInteger();
    volatile boolean autoPong;
    /** System.nanoTime() when the open packet arrived (0 before). */
    volatile long openedAt;

    Ws(ClientWebSocket socket) {
      this.socket = socket;
      socket.textMessageHandler(text -> {
        if (DEBUG) {
          System.out.println(System.nanoTime() / 1_000_000 + " <- " + text);
        }
        if (openedAt == 0 && text.startsWith("0{")) {
          openedAt = System.nanoTime();
        }
        if (autoPong && text.equals("2")) {
          pingsAnswered.incrementAndGet();
          socket.writeTextMessage("3");
          return;
        }
        inbox.add(text);
      });
      socket.binaryMessageHandler(inbox::add);
      socket.exceptionHandler(e -> { });
      socket.closeHandler(v -> closed.complete(System.nanoTime()));
    }

    void send(String text) {
      if (DEBUG) {
        System.out.println(System.nanoTime() / 1_000_000 + " -> " + text);
      }
      socket.writeTextMessage(text);
    }

    void send(Buffer bytes) {
      socket.writeBinaryMessage(bytes);
    }

    /** The next frame, or null after {@code timeoutMillis}. */
    Object next(long timeoutMillis) throws InterruptedException {
      return inbox.poll(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    /** The next text frame that is not a ping, or null. */
    String nextText(long timeoutMillis) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
      while (true) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        Object o = inbox.poll(Math.max(0, left), TimeUnit.MILLISECONDS);
        if (o == null) {
          return null;
        }
        if (o instanceof String s && !s.equals("2")) {
          return s;
        }
      }
    }

    /** Reads the Engine.IO open packet and returns its JSON. */
    JsonObject expectOpen(long timeoutMillis) throws InterruptedException {
      Object first = next(timeoutMillis);
      if (!(first instanceof String s) || !s.startsWith("0{")) {
        throw new IllegalStateException("expected an open packet, got " + first);
      }
      return new JsonObject(s.substring(1));
    }

    boolean isClosed() {
      return closed.isDone();
    }

    boolean awaitClosed(long timeoutMillis) {
      try {
        closed.get(timeoutMillis, TimeUnit.MILLISECONDS);
        return true;
      } catch (TimeoutException e) {
        return false;
      } catch (Exception e) {
        return true;
      }
    }

    void close() {
      if (!closed.isDone()) {
        socket.close();
      }
    }
  }

  // ---- HTTP ----

  /** An HTTP response; {@code atNanos} is when its body arrived (System.nanoTime()). */
  record Resp(int status, MultiMap headers, String body, long atNanos) {
    Resp(int status, MultiMap headers, String body) {
      this(status, headers, body, System.nanoTime());
    }

    JsonObject json() {
      return new JsonObject(body);
    }
  }

  Resp get(String uri) throws Exception {
    return request(HttpMethod.GET, uri, Map.of(), null, 5000);
  }

  Resp post(String uri, String body) throws Exception {
    return request(HttpMethod.POST, uri, Map.of(), Buffer.buffer(body), 5000);
  }

  Resp request(HttpMethod method, String uri, Map<String, String> headers, Buffer body,
      long timeoutMillis) throws Exception {
    return await(requestAsync(method, uri, headers, body), timeoutMillis);
  }

  Future<Resp> requestAsync(HttpMethod method, String uri, Map<String, String> headers,
      Buffer body) {
    RequestOptions options = new RequestOptions().setMethod(method).setURI(uri);
    headers.forEach(options::addHeader);
    return http.request(options).compose(req -> (body == null ? req.send() : req.send(body))
        .compose(resp -> resp.body().map(b -> new Resp(resp.statusCode(), resp.headers(),
            b.toString()))));
  }

  /** Opens a polling session and returns its sid. */
  String pollingHandshake() throws Exception {
    Resp r = get(uri("polling", ""));
    if (r.status() != 200 || !r.body().startsWith("0{")) {
      throw new IllegalStateException("handshake failed: " + r);
    }
    return new JsonObject(r.body().substring(1)).getString("sid");
  }

  static <T> T await(Future<T> future, long timeoutMillis) throws Exception {
    try {
      return future.toCompletionStage().toCompletableFuture()
          .get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
  }

  @Override
  public void close() {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception ignored) {
      // best effort
    }
  }
}
