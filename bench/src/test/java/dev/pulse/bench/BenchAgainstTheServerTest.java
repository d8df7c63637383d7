package dev.pulse.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Short runs of the scenarios against the real servers: the Pulse jar (built before this module
 * in the reactor) and the Node reference (its packages installed by this module's build). The
 * load generator keeps working against both, and under concurrent load every acknowledged
 * message reaches its recipient exactly once (the run fails otherwise).
 */
class BenchAgainstTheServerTest {
  static final Path SERVER_JAR = Path.of("../server/target/pulse-server.jar");
  static final Path NODE_REF = Path.of("node-ref");

  @BeforeAll
  static void serversAreBuilt() {
    assertThat(SERVER_JAR).as("the server jar; build the whole project (mvn verify), not this module alone")
        .exists();
    assertThat(NODE_REF.resolve("node_modules/socket.io")).as("the Node reference's packages (npm ci in bench/node-ref)")
        .exists();
  }

  static Options options(String server, String... args) throws Exception {
    String[] shared = {"--server", server, "--server-jar", SERVER_JAR.toString(), "--node-ref", NODE_REF.toString(),
        "--server-cpus", "none", "--server-opts", "-Xmx256m"};
    String[] all = new String[args.length + shared.length];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(shared, 0, all, args.length, shared.length);
    return Options.parse(all);
  }

  /** Runs one scenario and returns its RESULT JSON, failing the test if the run failed. */
  static JsonObject bench(String server, String... args) throws Exception {
    Report report = BenchMain.runOne(options(server, args));
    assertThat(report).as("the run started (its error is printed above)").isNotNull();
    report.print(System.out);
    assertThat(report.failed()).as("the %s run failed (its report is above)", args[0]).isFalse();
    return report.json();
  }

  @Test
  void pulseDeliversEveryAckedMessageAtAFixedRate() throws Exception {
    JsonObject r = bench("pulse", "messages", "--users", "40", "--rate", "200", "--warmup", "1", "--duration", "3");
    assertThat(r.getLong("lost")).isZero();
    assertThat(r.getJsonObject("totals").getLong("acked")).isGreaterThan(500);
    assertThat(r.getJsonObject("deliveryLatencyMs").getLong("count")).isGreaterThan(400);
  }

  @Test
  void nodeReferenceDeliversEveryAckedMessageAtAFixedRate() throws Exception {
    JsonObject r = bench("node", "messages", "--users", "40", "--rate", "200", "--warmup", "1", "--duration", "3");
    assertThat(r.getLong("lost")).isZero();
    assertThat(r.getJsonObject("totals").getLong("acked")).isGreaterThan(500);
  }

  @Test
  void theLadderClimbsUntilAStepFailsAndNamesTheBestRate() throws Exception {
    JsonObject r = bench("pulse", "messages", "--users", "20", "--ladder", "--rates", "50,100", "--warmup", "1",
        "--step-warmup", "1", "--step-duration", "2", "--p99-bound", "1000");
    assertThat(r.getJsonArray("steps")).isNotEmpty();
    assertThat(r.getInteger("bestRate")).isIn(0, 50, 100);
    assertThat(r.getJsonObject("headline").containsKey("bestRate")).isTrue();
  }

  @Test
  void theClosedLoopWindowStillMeasuresThroughput() throws Exception {
    JsonObject r = bench("node", "messages", "--users", "20", "--window", "3", "--warmup", "1", "--duration", "2");
    assertThat(r.getDouble("messagesPerSecond")).isPositive();
  }

  @Test
  void everyoneArrivingTogetherIsToldTheFullCount() throws Exception {
    JsonObject r = bench("pulse", "online", "--users", "100");
    assertThat(r.getLong("userOnlineEvents")).isEqualTo(100L * 99 / 2);
  }

  @Test
  void withWatchListsEachClientHearsOnlyTheUsersItWatches() throws Exception {
    JsonObject r = bench("node", "online", "--users", "60", "--watch", "5");
    assertThat(r.getLong("unwatchedUserOnline")).isZero();
    assertThat(r.getJsonObject("headline").containsKey("allWatchedKnownAfterLastConnectSeconds")).isTrue();
  }

  @Test
  void compareRunsBothServersAndPutsThemSideBySide() throws Exception {
    assertThat(BenchMain.run(options("pulse", "compare", "presence", "--users", "40", "--joiners", "10")))
        .as("exit status of compare presence (its report is above)").isZero();
  }

  @Test
  void messagesBetweenUsersOnTwoNodesAllArrive() throws Exception {
    String database = "bench_" + Long.toHexString(System.nanoTime());
    Process create = new ProcessBuilder("psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "test", "-qc",
        "CREATE DATABASE " + database).inheritIO().start();
    assertThat(create.waitFor()).as("psql CREATE DATABASE (PostgreSQL on 127.0.0.1:5432)").isZero();
    Map<String, String> env = Map.of("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/" + database,
        "REDIS_URL", "redis://127.0.0.1:6379");
    Report report = BenchMain.runOne(options("pulse", "messages", "--nodes", "2", "--users", "40", "--rate", "200",
        "--warmup", "1", "--duration", "3"), env);
    assertThat(report).as("the run started (its error is printed above)").isNotNull();
    report.print(System.out);
    assertThat(report.failed()).as("the two-node run failed (its report is above)").isFalse();
    JsonObject r = report.json();
    assertThat(r.getInteger("nodes")).isEqualTo(2);
    assertThat(r.getLong("lost")).isZero();
    assertThat(r.getJsonObject("deliveryLatencyMs").getLong("count")).isGreaterThan(400);
  }

  @Test
  void idleSocketsStayOpenOnBothServers() throws Exception {
    for (String server : new String[] {"pulse", "node"}) {
      JsonObject r = bench(server, "idle", "--users", "50", "--hold", "1");
      assertThat(r.getLong("socketsOpen")).isEqualTo(50);
      assertThat(r.containsKey("rssKiBPerSocket")).isTrue();
    }
  }
}
