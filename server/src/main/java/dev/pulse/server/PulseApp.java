package dev.pulse.server;

import dev.pulse.server.api.AccountRoutes;
import dev.pulse.server.api.BlockRoutes;
import dev.pulse.server.api.HttpApi;
import dev.pulse.server.api.MessageRoutes;
import dev.pulse.server.api.OnlineStatusRoutes;
import dev.pulse.server.api.OpsRoutes;
import dev.pulse.server.api.ProfileRoutes;
import dev.pulse.server.api.Rest;
import dev.pulse.server.auth.AuthService;
import dev.pulse.server.auth.LoginThrottle;
import dev.pulse.server.auth.PasswordHasher;
import dev.pulse.server.auth.TokenService;
import dev.pulse.server.chat.ChatService;
import dev.pulse.server.chat.DeliveryReceipts;
import dev.pulse.server.chat.MessageWriter;
import dev.pulse.server.config.Config;
import dev.pulse.server.limits.RateLimiter;
import dev.pulse.server.metrics.PulseMetrics;
import dev.pulse.server.presence.PresenceTracker;
import dev.pulse.server.profiles.DemoProfiles;
import dev.pulse.server.profiles.Members;
import dev.pulse.server.profiles.ProfileService;
import dev.pulse.server.realtime.ClientEvents;
import dev.pulse.server.realtime.EventRouter;
import dev.pulse.server.realtime.SocketGateway;
import dev.pulse.server.realtime.TokenExpiry;
import dev.pulse.server.store.BlockRepository;
import dev.pulse.server.store.Database;
import dev.pulse.server.store.MessageRepository;
import dev.pulse.server.store.ProfileRepository;
import dev.pulse.server.store.UserRepository;
import dev.pulse.socketio.Namespace;
import dev.pulse.socketio.SocketIoOptions;
import dev.pulse.socketio.SocketIoServer;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole application, assembled from a {@link Config}: database, services, Socket.IO and REST
 * on one port. Everything that touches sockets or presence runs on one event loop (the context
 * created here); JDBC runs on worker threads and the message writer's own thread.
 */
public final class PulseApp implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PulseApp.class);

  private final Vertx vertx;
  private final Database db;
  private final MessageWriter writer;
  private final PulseMetrics metrics;
  private final SocketIoServer io;
  private final PresenceTracker presence;
  private final DeliveryReceipts receipts;
  private final Context context;
  private final AtomicBoolean closing = new AtomicBoolean();
  private HttpServer http;

  private PulseApp(Vertx vertx, Database db, MessageWriter writer, PulseMetrics metrics, SocketIoServer io,
      PresenceTracker presence, DeliveryReceipts receipts, Context context) {
    this.vertx = vertx;
    this.db = db;
    this.writer = writer;
    this.metrics = metrics;
    this.io = io;
    this.presence = presence;
    this.receipts = receipts;
    this.context = context;
  }

  /** Builds and starts the app; returns once it is listening. Blocking. */
  public static PulseApp start(Config config) throws Exception {
    if (config.redisUrl() != null) {
      throw new IllegalArgumentException("REDIS_URL is set, but this build runs as a single node; unset it");
    }
    Clock clock = Clock.systemUTC();
    Vertx vertx = Vertx.vertx();
    Database db;
    try {
      db = Database.open(vertx, config);
    } catch (RuntimeException e) {
      vertx.close();
      throw e;
    }
    UserRepository users = new UserRepository();
    ProfileRepository profileRepository = new ProfileRepository();
    MessageRepository messageRepository = new MessageRepository();
    BlockRepository blockRepository = new BlockRepository();
    PasswordHasher hasher = new PasswordHasher(config.bcryptCost());
    if (config.seedDemoProfiles()) {
      DemoProfiles.seedIfEmpty(db, users, profileRepository, hasher, clock);
    }
    TokenService tokens = new TokenService(TokenService.secret(config.jwtSecret(), config.dataDir()),
        config.tokenTtl(), clock);
    PulseMetrics metrics = new PulseMetrics();
    MessageWriter writer = new MessageWriter(vertx, db, messageRepository, config.messageQueueMax());

    SocketIoOptions ioOptions = new SocketIoOptions();
    ioOptions.engine().maxPayload(config.limits().maxPayloadBytes()).allowedOrigins(config.corsOrigins());
    SocketIoServer io = SocketIoServer.create(vertx, ioOptions);
    Namespace namespace = io.of("/");

    Config.Limits limits = config.limits();
    Members members = new Members(db, users, blockRepository, clock);
    PresenceTracker presence =
        new PresenceTracker(vertx, namespace, config.presence(), db, users, members, metrics, clock);
    DeliveryReceipts receipts = new DeliveryReceipts(vertx, namespace, writer, metrics, clock);
    ChatService chat = new ChatService(namespace, db, messageRepository, writer, receipts, members, metrics,
        limits, clock);
    ProfileService profiles = new ProfileService(db, profileRepository, members, presence, clock);
    LoginThrottle throttle = new LoginThrottle(limits.loginFailuresPerUser(), limits.loginAttemptsPerIp(),
        limits.loginWindow(), clock::millis);
    AuthService auth = new AuthService(db, users, profileRepository, hasher, tokens, throttle, metrics, clock);

    RateLimiter messageLimit = new RateLimiter("messages", limits.messages(), clock::millis);
    RateLimiter typingLimit = new RateLimiter("typing", limits.typing(), clock::millis);
    RateLimiter eventLimit = new RateLimiter("events", limits.otherEvents(), clock::millis);
    presence.onOffline(user -> {
      messageLimit.forget(user);
      typingLimit.forget(user);
      eventLimit.forget(user);
    });
    EventRouter router = ClientEvents.router(chat, presence, metrics, messageLimit, typingLimit, eventLimit, clock);
    TokenExpiry expiry = new TokenExpiry(vertx, clock);
    new SocketGateway(namespace, tokens, members, db, users, presence, chat, router, metrics, expiry).install();

    Context context = vertx.getOrCreateContext();
    PulseApp app = new PulseApp(vertx, db, writer, metrics, io, presence, receipts, context);
    Handler<RoutingContext> authenticated = Rest.authenticated(tokens, members);
    Router http = HttpApi.router(vertx, config, r -> {
      new AccountRoutes(auth, profiles, presence).mount(r, authenticated);
      new ProfileRoutes(profiles, db, profileRepository).mount(r, authenticated);
      new OnlineStatusRoutes(presence, profiles, members, db, users).mount(r, authenticated);
      new MessageRoutes(chat, profiles, members, db, profileRepository, messageRepository, messageLimit, metrics)
          .mount(r, authenticated);
      new BlockRoutes(members).mount(r, authenticated);
      new OpsRoutes(db, metrics).mount(r);
    });
    Promise<HttpServer> listening = Promise.promise();
    context.runOnContext(v -> {
      presence.start();
      HttpServerOptions options = io.options().engine().applyTo(new HttpServerOptions())
          .setPort(config.port()).setHost(config.host());
      if (config.tlsCert() != null) {
        options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
            .setCertPath(config.tlsCert()).setKeyPath(config.tlsKey()));
      }
      vertx.createHttpServer(options)
          .requestHandler(req -> {
            if (!io.handle(req)) {
              http.handle(req);
            }
          })
          .listen()
          .onComplete(listening);
    });
    try {
      app.http = listening.future().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      app.close();
      throw e;
    }
    String scheme = config.tlsCert() == null ? "http" : "https";
    String host = "0.0.0.0".equals(config.host()) ? "localhost" : config.host();
    log.info("Pulse listening on {}://{}:{} (database: {})", scheme, host, app.port(), db.description());
    return app;
  }

  public int port() {
    return http.actualPort();
  }

  public Vertx vertx() {
    return vertx;
  }

  /**
   * Tells every socket, stops listening, commits queued messages and delivery marks, closes the
   * database.
   */
  @Override
  public void close() {
    if (!closing.compareAndSet(false, true)) {
      return;
    }
    log.info("Pulse shutting down");
    Promise<Void> stopped = Promise.promise();
    context.runOnContext(v -> {
      presence.stop();
      io.close()
          .transform(ar -> http == null ? Future.<Void>succeededFuture() : http.close())
          .onComplete(ar -> {
            // no socket can acknowledge anything now: hand the last confirmations to the writer
            receipts.flush();
            stopped.handle(ar);
          });
    });
    try {
      stopped.future().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("stopping the HTTP server: {}", e.toString());
    }
    log.info("sockets closed, stopped listening");
    writer.close();
    db.close();
    metrics.close();
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("closing Vert.x: {}", e.toString());
    }
  }
}
