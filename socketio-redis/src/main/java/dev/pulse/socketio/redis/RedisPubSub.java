package dev.pulse.socketio.redis;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's link to Redis pub/sub: a connection that only subscribes, and a client for
 * publishing and other commands. Subscriptions are remembered: when the link drops (Redis
 * restarted, network trouble) they are made again once Redis answers, retried with a growing
 * delay up to {@link #MAX_RETRY_MILLIS}. Pub/sub keeps nothing for absent listeners, so messages
 * published while the link was down are lost; whoever needs them must catch up another way (Pulse
 * clients catch up on missed messages when they connect). Everything here, handlers included,
 * runs on the context given at creation.
 */
public final class RedisPubSub {
  private static final Logger LOG = LoggerFactory.getLogger(RedisPubSub.class);
  static final long FIRST_RETRY_MILLIS = 100;
  static final long MAX_RETRY_MILLIS = 2_000;

  private final Vertx vertx;
  private final Context context;
  private final Redis client;
  private final Redis subscriberClient;
  private final Map<String, Handler<Buffer>> handlers = new HashMap<>();
  /** Channels whose SUBSCRIBE Redis has confirmed on the current connection. */
  private final Map<String, Boolean> confirmed = new HashMap<>();
  private final Map<String, List<Promise<Void>>> waiting = new HashMap<>();
  private final List<Runnable> reconnectListeners = new ArrayList<>();
  private RedisConnection subscriber;
  private Future<RedisConnection> publisher;
  private boolean connecting;
  private boolean everConnected;
  private long retryDelay = FIRST_RETRY_MILLIS;
  private boolean closed;

  private RedisPubSub(Vertx vertx, Context context, RedisOptions options) {
    this.vertx = vertx;
    this.context = context;
    this.client = Redis.createClient(vertx, new RedisOptions(options));
    this.subscriberClient = Redis.createClient(vertx, new RedisOptions(options));
  }

  /**
   * Creates the link and starts connecting; {@code context} is where handlers will run (the
   * event loop of the server that uses it).
   */
  public static RedisPubSub create(Vertx vertx, Context context, String redisUrl) {
    RedisPubSub pubSub = new RedisPubSub(vertx, context,
        new RedisOptions().setConnectionString(redisUrl).setMaxWaitingHandlers(100_000));
    context.runOnContext(v -> pubSub.connect());
    return pubSub;
  }

  /** True while the subscribing connection is up. */
  public boolean connected() {
    return subscriber != null;
  }

  /** Runs {@code listener} each time the link comes back after having been lost. */
  public void onReconnect(Runnable listener) {
    context.runOnContext(v -> reconnectListeners.add(listener));
  }

  /** The client for ordinary commands (publishing, keys); shared, do not close it. */
  public Redis commands() {
    return client;
  }

  /**
   * Sends a command on the same single connection as {@link #publish}: everything sent this way
   * runs in Redis in the order it was sent from this node (a pooled client gives no such order).
   */
  public Future<Response> send(Request command) {
    Promise<Response> result = Promise.promise();
    context.runOnContext(v -> publisher().compose(conn -> conn.send(command)
        .onFailure(e -> {
          if (!(e instanceof Response)) { // an error reply leaves the connection usable
            publisherFailed(conn);
          }
        }))
        .onComplete(result));
    return result.future();
  }

  /** {@link #send} for several commands at once, in order. */
  public Future<List<Response>> batch(List<Request> commands) {
    Promise<List<Response>> result = Promise.promise();
    context.runOnContext(v -> publisher().compose(conn -> conn.batch(commands)).onComplete(result));
    return result.future();
  }

  /**
   * Listens to {@code channel} (one handler per channel); the future completes once Redis has
   * confirmed the subscription, so a message published after that reaches the handler.
   */
  public Future<Void> subscribe(String channel, Handler<Buffer> handler) {
    Promise<Void> promise = Promise.promise();
    context.runOnContext(v -> {
      boolean isNew = handlers.put(channel, handler) == null;
      if (Boolean.TRUE.equals(confirmed.get(channel))) {
        promise.complete();
        return;
      }
      waiting.computeIfAbsent(channel, c -> new ArrayList<>(1)).add(promise);
      if (isNew && subscriber != null) {
        subscriber.send(Request.cmd(Command.SUBSCRIBE).arg(channel)).onFailure(this::linkFailed);
      }
    });
    return promise.future();
  }

  /** Stops listening to {@code channel}. */
  public void unsubscribe(String channel) {
    context.runOnContext(v -> {
      if (handlers.remove(channel) == null) {
        return;
      }
      confirmed.remove(channel);
      failWaiting(channel, "unsubscribed");
      if (subscriber != null) {
        subscriber.send(Request.cmd(Command.UNSUBSCRIBE).arg(channel)).onFailure(this::linkFailed);
      }
    });
  }

  /** Whether Redis has confirmed the subscription to {@code channel} (call on the context). */
  public boolean isSubscribed(String channel) {
    return Boolean.TRUE.equals(confirmed.get(channel));
  }

  /**
   * Publishes; the future gives how many subscribers (nodes) received it. Everything published
   * from this node goes through one connection, so each subscriber gets it in publishing order,
   * whatever the channels.
   */
  public Future<Long> publish(String channel, Buffer message) {
    return send(Request.cmd(Command.PUBLISH).arg(channel).arg(message)).map(Response::toLong);
  }

  private Future<RedisConnection> publisher() {
    if (publisher == null) {
      publisher = client.connect().onSuccess(conn -> {
        conn.exceptionHandler(e -> publisherFailed(conn));
        conn.endHandler(e -> publisherFailed(conn));
      }).onFailure(e -> publisher = null);
    }
    return publisher;
  }

  private void publisherFailed(RedisConnection conn) {
    if (publisher != null && publisher.succeeded() && publisher.result() == conn) {
      publisher = null;
      conn.close();
    }
  }

  /** How many subscribers {@code channel} has. */
  public Future<Long> subscribers(String channel) {
    return client.send(Request.cmd(Command.PUBSUB).arg("NUMSUB").arg(channel))
        .map(r -> r.get(1).toLong());
  }

  public Future<Void> close() {
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> {
      closed = true;
      RedisConnection conn = subscriber;
      subscriber = null;
      if (publisher != null && publisher.succeeded()) {
        publisher.result().close();
      }
      Future<Void> closing = conn == null ? Future.succeededFuture() : conn.close();
      closing.eventually(() -> subscriberClient.close()).eventually(() -> client.close())
          .onComplete(ar -> done.complete());
    });
    return done.future();
  }

  private void connect() {
    if (closed || connecting || subscriber != null) {
      return;
    }
    connecting = true;
    subscriberClient.connect().onComplete(ar -> {
      connecting = false;
      if (ar.failed()) {
        LOG.warn("Redis unreachable ({}); retrying in {} ms", ar.cause().getMessage(), retryDelay);
        retryLater();
        return;
      }
      RedisConnection conn = ar.result();
      if (closed) {
        conn.close();
        return;
      }
      subscriber = conn;
      retryDelay = FIRST_RETRY_MILLIS;
      conn.handler(this::onPush);
      conn.exceptionHandler(this::linkFailed);
      conn.endHandler(v -> linkFailed(new IllegalStateException("connection closed")));
      for (String channel : handlers.keySet()) {
        conn.send(Request.cmd(Command.SUBSCRIBE).arg(channel)).onFailure(this::linkFailed);
      }
      if (everConnected) {
        LOG.info("Redis link back; {} channels subscribed again", handlers.size());
        reconnectListeners.forEach(Runnable::run);
      }
      everConnected = true;
    });
  }

  private void linkFailed(Throwable cause) {
    if (subscriber == null) {
      return;
    }
    LOG.warn("Redis link lost: {}", cause.getMessage());
    RedisConnection conn = subscriber;
    subscriber = null;
    confirmed.clear();
    conn.close();
    retryLater();
  }

  private void retryLater() {
    if (closed) {
      return;
    }
    long delay = retryDelay;
    retryDelay = Math.min(MAX_RETRY_MILLIS, retryDelay * 2);
    vertx.setTimer(delay, id -> context.runOnContext(v -> connect()));
  }

  private void onPush(Response push) {
    if (push == null || push.size() < 3) {
      return;
    }
    String kind = push.get(0).toString();
    String channel = push.get(1).toString();
    switch (kind) {
      case "message" -> {
        Handler<Buffer> handler = handlers.get(channel);
        if (handler != null) {
          try {
            handler.handle(push.get(2).toBuffer());
          } catch (RuntimeException e) {
            LOG.error("handling a message on {} failed", channel, e);
          }
        }
      }
      case "subscribe" -> {
        if (handlers.containsKey(channel)) {
          confirmed.put(channel, true);
          List<Promise<Void>> promises = waiting.remove(channel);
          if (promises != null) {
            promises.forEach(Promise::tryComplete);
          }
        }
      }
      default -> { } // unsubscribe confirmations need nothing
    }
  }

  private void failWaiting(String channel, String why) {
    List<Promise<Void>> promises = waiting.remove(channel);
    if (promises != null) {
      promises.forEach(p -> p.tryFail(why));
    }
  }
}
