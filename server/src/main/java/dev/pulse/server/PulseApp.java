package dev.pulse.server;

import dev.pulse.server.api.ClientAddress;
import dev.pulse.server.calls.CallService;
import dev.pulse.server.chat.DeliveryReceipts;
import dev.pulse.server.chat.MessageWriter;
import dev.pulse.server.cluster.ClusterNode;
import dev.pulse.server.config.Config;
import dev.pulse.server.metrics.PulseMetrics;
import dev.pulse.server.net.HeaderTimeout;
import dev.pulse.server.presence.PresenceService;
import dev.pulse.server.profiles.DemoProfiles;
import dev.pulse.server.store.Database;
import dev.pulse.socketio.SocketIoOptions;
import dev.pulse.socketio.SocketIoServer;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.time.Duration;
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
  private final PresenceService presence;
  private final DeliveryReceipts receipts;
  private final Context context;
  private final ClusterNode cluster;
  private final AtomicBoolean closing = new AtomicBoolean();
  private final AtomicBoolean draining;
  private final Duration drainDelay;
  private HttpServer http;
  private CallService calls;

  private PulseApp(Vertx vertx, Database db, MessageWriter writer, PulseMetrics metrics, SocketIoServer io,
      PresenceService presence, DeliveryReceipts receipts, Context context, ClusterNode cluster,
      AtomicBoolean draining, Duration drainDelay) {
    this.cluster = cluster;
    this.draining = draining;
    this.drainDelay = drainDelay;
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
    Clock clock = Clock.systemUTC();
    Vertx vertx = Vertx.vertx();
    Context context = vertx.getOrCreateContext();
    Database db;
    try {
      db = Database.open(vertx, config);
    } catch (RuntimeException e) {
      vertx.close();
      throw e;
    }
    ClientAddress clientAddress = new ClientAddress(config.guards().trustedProxies());
    SocketIoOptions ioOptions = new SocketIoOptions().connectTimeout((int) config.guards().connectTimeout().toMillis());
    ioOptions.engine().maxPayload(config.limits().maxPayloadBytes()).allowedOrigins(config.corsOrigins())
        .pingInterval((int) config.connections().pingInterval().toMillis())
        .pingTimeout((int) config.connections().pingTimeout().toMillis())
        .pollGapTimeout((int) config.connections().pollGap().toMillis())
        .pollQuietTimeout((int) config.connections().pollQuiet().toMillis())
        .maxPendingSessions(config.guards().pendingTotal())
        .maxPendingSessionsPerAddress(config.guards().pendingPerAddress())
        .clientAddress(clientAddress::of)
        // the app reads only the CONNECT's auth after the handshake: idle sockets need not carry headers
        .keepHandshakeHeaders(false);
    ClusterNode cluster = config.redisUrl() == null ? null : ClusterNode.create(vertx, context, config);
    if (cluster != null) {
      cluster.configure(vertx, ioOptions);
    }
    SocketIoServer io = SocketIoServer.create(vertx, ioOptions);
    PulseMetrics metrics = new PulseMetrics();
    Wiring wiring = new Wiring(config, vertx, db, io.of("/"), metrics, clock, cluster);
    if (config.seedDemoProfiles()) {
      DemoProfiles.seedIfEmpty(db, wiring.users(), wiring.profileRows(), wiring.hasher(), clock);
    }
    wiring.socketEdge(io.of("/"));
    AtomicBoolean draining = new AtomicBoolean();
    Router http = wiring.restEdge(cluster == null ? null : cluster::linkUp, draining::get, clientAddress);
    HeaderTimeout headerTimeout = new HeaderTimeout(config.guards().headerTimeout().toMillis());
    PresenceService presence = wiring.presence;

    PulseApp app = new PulseApp(vertx, db, wiring.writer, metrics, io, presence, wiring.receipts, context, cluster,
        draining, config.drainDelay());
    app.calls = wiring.calls;
    Promise<HttpServer> listening = Promise.promise();
    context.runOnContext(v -> {
      presence.start();
      app.calls.start();
      // no HTTP/2 without TLS: its detection waits for the first bytes before the connection is
      // set up, and a client that sends none would never meet the header-read timeout
      HttpServerOptions options = io.options().engine().applyTo(new HttpServerOptions())
          .setPort(config.port()).setHost(config.host()).setHttp2ClearTextEnabled(false);
      if (config.tlsCert() != null) {
        options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
            .setCertPath(config.tlsCert()).setKeyPath(config.tlsKey()));
      }
      vertx.createHttpServer(options)
          .connectionHandler(headerTimeout::watch)
          .requestHandler(req -> {
            if (cluster != null && cluster.forward(req)) {
              return;
            }
            if (!io.handle(req)) {
              http.handle(req);
            }
          })
          .listen()
          .onComplete(listening);
    });
    try {
      app.http = listening.future().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      if (cluster != null) {
        cluster.register(app.port()).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      }
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
    draining.set(true);
    long delay = drainDelay.toMillis();
    if (delay > 0) {
      // /health answers 503 meanwhile: the balancer sends new connections elsewhere, so the
      // clients closed below reconnect to other nodes, within the presence grace period
      log.info("draining for {} ms", delay);
      try {
        Thread.sleep(delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    Promise<Void> stopped = Promise.promise();
    context.runOnContext(v -> {
      presence.stop();
      calls.stop();
      io.close()
          .transform(ar -> http == null ? Future.<Void>succeededFuture() : http.close())
          .onComplete(ar -> {
            // no socket can acknowledge anything now: hand the last confirmations to the writer
            receipts.flush();
            presence.storeLastSeenAtStop().onComplete(saved -> stopped.handle(ar));
          });
    });
    try {
      stopped.future().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("stopping the HTTP server: {}", e.toString());
    }
    log.info("sockets closed, stopped listening");
    writer.close();
    if (cluster != null) {
      try {
        cluster.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
      } catch (Exception e) {
        log.warn("leaving the cluster: {}", e.toString());
      }
    }
    db.close();
    metrics.close();
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("closing Vert.x: {}", e.toString());
    }
  }
}
