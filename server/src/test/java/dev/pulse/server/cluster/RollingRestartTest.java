package dev.pulse.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.testing.Api;
import dev.pulse.server.testing.ClusterFixture;
import dev.pulse.server.testing.OfficialClient;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every node of a two-node cluster is restarted in turn (drain, stop, start) while the official
 * socket.io client keeps one user writing to another through a balancer: every message is stored
 * once, every acknowledged one reaches its recipient, and no one is announced offline.
 */
class RollingRestartTest {
  @Test
  void rollingRestartLosesNothing() throws Exception {
    try (ClusterFixture cluster = ClusterFixture.start(2, Map.of("PRESENCE_GRACE_MS", "3000",
        "DRAIN_DELAY_MS", "200"))) {
      String ann = Api.uniqueName("ann");
      String bob = Api.uniqueName("bob");
      String annToken = cluster.api(0).register(ann);
      String bobToken = cluster.api(0).register(bob);
      String carlToken = cluster.api(1).register(Api.uniqueName("carl"));
      Process client = OfficialClient.start("rolling-restart-client.cjs", Redirect.PIPE, cluster.tcpBalancerUrl(),
          "8", annToken, bob, bobToken, carlToken);
      try (BufferedReader err = new BufferedReader(new InputStreamReader(client.getErrorStream(), StandardCharsets.UTF_8))) {
        assertThat(err.readLine()).isEqualTo("ready");
        Thread.sleep(1_000);
        cluster.restart(0);
        Thread.sleep(2_000);
        cluster.restart(1);
        JsonObject report = OfficialClient.report(client, 30);
        Set<Object> received = new HashSet<>(report.getJsonArray("received").getList());
        assertThat(report.getJsonArray("acked").size()).isEqualTo(report.getInteger("sent"));
        assertThat(received).as("every acknowledged message arrived")
            .containsAll(report.getJsonArray("acked").getList());
        assertThat(report.getInteger("reconnects")).as("the restarts moved the clients").isPositive();
        assertThat(report.getJsonArray("offline").getList()).as("no one was announced offline").isEmpty();
        Api.Response history = cluster.api(1).get("/api/conversations/" + ann + "/messages?limit=100", bobToken);
        assertThat(history.json().getJsonArray("items").size()).as("each clientId stored once")
            .isEqualTo(report.getInteger("sent"));
      } finally {
        client.destroyForcibly();
      }
    }
  }
}
