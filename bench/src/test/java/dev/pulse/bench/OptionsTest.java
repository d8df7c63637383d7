package dev.pulse.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class OptionsTest {
  @Test
  void noArgumentsMeansWarmChatOnPulseInOpenLoop() throws Exception {
    Options o = Options.parse(new String[0]);
    assertThat(o).isEqualTo(Options.defaults());
    assertThat(o.compare()).isFalse();
    assertThat(o.scenario()).isEqualTo("messages");
    assertThat(o.server()).isEqualTo("pulse");
    assertThat(o.users()).isEqualTo(1000);
    assertThat(o.rate()).isEqualTo(1000);
    assertThat(o.window()).isZero();
    assertThat(o.ladder()).isFalse();
    assertThat(o.serverOpts()).as("null: the flags come from server/jvm.options").isNull();
    assertThat(o.urls()).isEmpty();
    assertThat(o.nodes()).isZero();
  }

  @Test
  void compareTakesTheScenarioAfterIt() throws Exception {
    Options o = Options.parse(new String[] {"compare", "messages", "--ladder", "--p99-bound", "50"});
    assertThat(o.compare()).isTrue();
    assertThat(o.ladder()).isTrue();
    assertThat(o.p99BoundMillis()).isEqualTo(50.0);
    assertThat(o.rates()).isEqualTo(Options.LADDER_RATES);
    assertThat(o.withServer("node").server()).isEqualTo("node");
    assertThat(o.withServer("node").withServer("pulse")).isEqualTo(o);
  }

  @Test
  void scenarioDefaultsDiffer() throws Exception {
    Options idle = Options.parse(new String[] {"idle"});
    assertThat(idle.users()).isEqualTo(10_000);
    assertThat(idle.watch()).isEqualTo(20);
    assertThat(Options.parse(new String[] {"idle", "--users", "10"}).watch()).isEqualTo(9);
    assertThat(Options.parse(new String[] {"online"}).watch()).isZero();
    assertThat(Options.parse(new String[] {"presence"}).joiners()).isEqualTo(200);
  }

  @Test
  void scenarioAndOptions() throws Exception {
    Options o = Options.parse(new String[] {"online", "--sockets", "5000", "--url", "http://10.0.0.2:8000",
        "--server-opts", "-Xmx2g -XX:+UseG1GC", "--watch", "20", "--server", "node"});
    assertThat(o.scenario()).isEqualTo("online");
    assertThat(o.users()).isEqualTo(5000);
    assertThat(o.watch()).isEqualTo(20);
    assertThat(o.node()).isTrue();
    assertThat(o.urls()).containsExactly(URI.create("http://10.0.0.2:8000"));
    assertThat(o.serverOpts()).isEqualTo("-Xmx2g -XX:+UseG1GC");
    assertThat(Options.parse(new String[] {"--rates", "100, 200,400"}).rates()).isEqualTo(List.of(100, 200, 400));
    assertThat(Options.parse(new String[] {"--window", "5"}).window()).isEqualTo(5);
  }

  @Test
  void aClusterIsSeveralUrlsOrStartedNodes() throws Exception {
    assertThat(Options.parse(new String[] {"--url", "http://h:8001, http://h:8002"}).urls())
        .containsExactly(URI.create("http://h:8001"), URI.create("http://h:8002"));
    assertThat(Options.parse(new String[] {"online", "--nodes", "3"}).nodes()).isEqualTo(3);
    assertThatThrownBy(() -> Options.parse(new String[] {"compare", "--nodes", "2"}))
        .hasMessageContaining("--nodes starts a Pulse cluster");
    assertThatThrownBy(() -> Options.parse(new String[] {"--server", "node", "--nodes", "2"}))
        .hasMessageContaining("--nodes starts a Pulse cluster");
    assertThatThrownBy(() -> Options.parse(new String[] {"--nodes", "9"})).hasMessageContaining("at most 8");
  }

  @Test
  void startedNodesWarmUpLongerUnlessTold() throws Exception {
    assertThat(Options.parse(new String[] {"--nodes", "3"}).warmupSeconds()).isEqualTo(90);
    assertThat(Options.parse(new String[] {"--nodes", "3", "--warmup", "5"}).warmupSeconds()).isEqualTo(5);
    assertThat(Options.parse(new String[] {}).warmupSeconds()).isEqualTo(30);
  }

  @Test
  void helpIsNull() throws Exception {
    assertThat(Options.parse(new String[] {"--help"})).isNull();
    assertThat(Options.parse(new String[] {"online", "-h"})).isNull();
  }

  @Test
  void mistakesAreNamed() {
    assertThatThrownBy(() -> Options.parse(new String[] {"--usres", "10"}))
        .hasMessageContaining("unknown option --usres");
    assertThatThrownBy(() -> Options.parse(new String[] {"--users"})).hasMessageContaining("needs a value");
    assertThatThrownBy(() -> Options.parse(new String[] {"--users", "ten"})).hasMessageContaining("whole number");
    assertThatThrownBy(() -> Options.parse(new String[] {"--window", "0"})).hasMessageContaining("at least 1");
    assertThatThrownBy(() -> Options.parse(new String[] {"chat"})).hasMessageContaining("unknown scenario");
    assertThatThrownBy(() -> Options.parse(new String[] {"--users", "3"})).hasMessageContaining("even");
    assertThatThrownBy(() -> Options.parse(new String[] {"--url", "localhost:8000"})).hasMessageContaining("http://");
    assertThatThrownBy(() -> Options.parse(new String[] {"online", "idle"})).hasMessageContaining("unexpected");
    assertThatThrownBy(() -> Options.parse(new String[] {"--server", "go"})).hasMessageContaining("pulse, node");
    assertThatThrownBy(() -> Options.parse(new String[] {"--ladder", "--rate", "5"})).hasMessageContaining("one of");
    assertThatThrownBy(() -> Options.parse(new String[] {"--rate", "5", "--window", "2"}))
        .hasMessageContaining("one of");
    assertThatThrownBy(() -> Options.parse(new String[] {"online", "--rate", "5"}))
        .hasMessageContaining("messages scenario");
    assertThatThrownBy(() -> Options.parse(new String[] {"presence", "--watch", "5"}))
        .hasMessageContaining("online and idle");
    assertThatThrownBy(() -> Options.parse(new String[] {"online", "--users", "5", "--watch", "5"}))
        .hasMessageContaining("less than --users");
    assertThatThrownBy(() -> Options.parse(new String[] {"--rates", "500,200"})).hasMessageContaining("rising");
    assertThatThrownBy(() -> Options.parse(new String[] {"--p99-bound", "-1"})).hasMessageContaining("positive");
    assertThatThrownBy(() -> Options.parse(new String[] {"compare", "--url", "http://h:1"}))
        .hasMessageContaining("compare starts both");
  }

  @Test
  void oddUsersAreFineWithoutPairs() throws Exception {
    assertThat(Options.parse(new String[] {"online", "--users", "3"}).users()).isEqualTo(3);
  }
}
