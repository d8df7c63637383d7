package dev.pulse.server.testing;

import dev.pulse.server.PulseApp;
import dev.pulse.server.config.Config;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.net.SocketAddress;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.OriginRequestProvider;
import io.vertx.core.Future;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Nodes of one cluster in this JVM: each a real Pulse with its own port, all on one fresh
 * PostgreSQL database and the Redis at 127.0.0.1:6379 under a key prefix of their own; and a
 * round-robin balancer in front that sends each HTTP request (not each connection) to the next
 * node, as a balancer without sticky sessions would.
 */
public final class ClusterFixture implements AutoCloseable {
  static final String REDIS = System.getProperty("pulse.test.redis", "redis://127.0.0.1:6379");

  private final String database = Backend.createPostgresDatabase();
  private final String prefix = "test-" + UUID.randomUUID();
  private final List<PulseApp> nodes = new ArrayList<>();
  private final List<Path> dataDirs = new ArrayList<>();
  private final List<Process> processes = new ArrayList<>();
  private final java.util.Set<Integer> up = new java.util.concurrent.ConcurrentSkipListSet<>();
  private Vertx balancerVertx;
  private HttpServer balancer;
  private io.vertx.core.net.NetServer tcpBalancer;

  private final Map<String, String> overrides;

  private ClusterFixture(Map<String, String> overrides) {
    this.overrides = overrides;
  }

  public static ClusterFixture start(int nodes) throws Exception {
    return start(nodes, Map.of());
  }

  /** Starts the nodes; {@code overrides} are environment variables for all of them. */
  public static ClusterFixture start(int nodes, Map<String, String> overrides) throws Exception {
    ClusterFixture cluster = new ClusterFixture(overrides);
    try {
      for (int i = 0; i < nodes; i++) {
        cluster.nodes.add(PulseApp.start(Config.fromEnv(cluster.env())));
      }
    } catch (Exception e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  private Map<String, String> env() throws Exception {
    Path dataDir = Files.createTempDirectory("pulse-node-");
    dataDirs.add(dataDir);
    Map<String, String> env = PulseFixture.testSettings(dataDir);
    env.put("DATABASE_URL", Backend.postgresUrl(database));
    env.put("REDIS_URL", REDIS);
    env.put("REDIS_PREFIX", prefix);
    env.putAll(overrides);
    return env;
  }

  /**
   * Starts one more node as a separate process (so that a test can kill it outright); waits until
   * it listens, and returns the process and its URL.
   */
  public NodeProcess startProcess() throws Exception {
    Map<String, String> env = env();
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
      env.put("PORT", String.valueOf(probe.getLocalPort()));
    }
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "dev.pulse.server.Main");
    pb.environment().putAll(env);
    pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Process process = pb.start();
    processes.add(process);
    String url = "http://127.0.0.1:" + env.get("PORT");
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    long deadline = System.currentTimeMillis() + 60_000;
    while (true) {
      try {
        if (http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url + "/health")).build(),
            java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return new NodeProcess(process, url);
        }
      } catch (java.io.IOException e) {
        // not listening yet
      }
      if (!process.isAlive() || System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("node process did not start");
      }
      Thread.sleep(200);
    }
  }

  /** A node running as its own process. */
  public record NodeProcess(Process process, String url) {}

  public String url(int node) {
    return "http://127.0.0.1:" + nodes.get(node).port();
  }

  public Api api(int node) {
    return new Api(url(node));
  }

  /**
   * Restarts one node as a rolling deploy does: the balancer stops sending to it (as its health
   * check would once it answers 503), it drains and stops, and a new node takes its place.
   */
  public void restart(int node) throws Exception {
    PulseApp old = nodes.get(node);
    up.remove(old.port());
    old.close();
    PulseApp fresh = PulseApp.start(Config.fromEnv(env()));
    nodes.set(node, fresh);
    up.add(fresh.port());
  }

  /**
   * The URL of a balancer that sends each TCP connection to the next node that is up and closes it
   * when the node closes its side, as a layer-4 balancer does (the HTTP balancer of {@link
   * #balancerUrl} spreads requests, not connections).
   */
  public synchronized String tcpBalancerUrl() throws Exception {
    if (tcpBalancer == null) {
      if (balancerVertx == null) {
        balancerVertx = Vertx.vertx();
      }
      nodes.forEach(n -> up.add(n.port()));
      AtomicInteger next = new AtomicInteger();
      io.vertx.core.net.NetClient client = balancerVertx.createNetClient();
      tcpBalancer = balancerVertx.createNetServer().connectHandler(front -> {
        front.pause();
        List<Integer> ports = List.copyOf(up);
        client.connect(ports.get(Math.floorMod(next.getAndIncrement(), ports.size())), "127.0.0.1")
            .onFailure(e -> front.close())
            .onSuccess(back -> {
              front.pipeTo(back);
              back.pipeTo(front);
              front.resume();
            });
      }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    return "http://127.0.0.1:" + tcpBalancer.actualPort();
  }

  /** The URL of a round-robin balancer over every node that is up (started on first use). */
  public synchronized String balancerUrl() throws Exception {
    if (balancer == null) {
      if (balancerVertx == null) {
        balancerVertx = Vertx.vertx();
      }
      nodes.forEach(n -> up.add(n.port()));
      AtomicInteger next = new AtomicInteger();
      HttpProxy proxy = HttpProxy.reverseProxy(balancerVertx.createHttpClient()).origin(
          OriginRequestProvider.selector(ctx -> {
            List<Integer> ports = List.copyOf(up);
            return Future.succeededFuture(SocketAddress.inetSocketAddress(
                ports.get(Math.floorMod(next.getAndIncrement(), ports.size())), "127.0.0.1"));
          }));
      balancer = balancerVertx.createHttpServer().requestHandler(proxy).listen(0, "127.0.0.1")
          .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    return "http://127.0.0.1:" + balancer.actualPort();
  }

  @Override
  public void close() {
    processes.forEach(p -> p.toHandle().destroyForcibly());
    nodes.forEach(PulseApp::close);
    if (balancerVertx != null) {
      balancerVertx.close();
    }
    Backend.dropPostgresDatabase(database);
    for (Path dir : dataDirs) {
      dir.toFile().delete();
    }
  }
}
