package dev.pulse.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class OptionsTest {
  @Test
  void noArgumentsMeansMessagesWithDefaults() throws Exception {
    Options o = Options.parse(new String[0]);
    assertThat(o).isEqualTo(Options.defaults());
    assertThat(o.scenario()).isEqualTo("messages");
    assertThat(o.users()).isEqualTo(1000);
    assertThat(o.window()).isEqualTo(5);
    assertThat(o.durationSeconds()).isEqualTo(20);
    assertThat(o.warmupSeconds()).isEqualTo(5);
    assertThat(o.url()).isNull();
  }

  @Test
  void scenarioAndOptions() throws Exception {
    Options o = Options.parse(new String[] {"idle", "--sockets", "5000", "--url", "http://10.0.0.2:8000",
        "--server-opts", "-Xmx2g -XX:+UseG1GC"});
    assertThat(o.scenario()).isEqualTo("idle");
    assertThat(o.users()).isEqualTo(5000);
    assertThat(o.url()).isEqualTo(URI.create("http://10.0.0.2:8000"));
    assertThat(o.serverOpts()).isEqualTo("-Xmx2g -XX:+UseG1GC");
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
  }

  @Test
  void oddUsersAreFineWithoutPairs() throws Exception {
    assertThat(Options.parse(new String[] {"online", "--users", "3"}).users()).isEqualTo(3);
  }
}
