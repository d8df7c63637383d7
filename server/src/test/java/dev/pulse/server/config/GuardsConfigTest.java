package dev.pulse.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.server.api.ClientAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The abuse limits' settings: defaults, retired names, and proxies that must be addresses. */
class GuardsConfigTest {
  @Test
  void defaultsAreTheDocumentedOnes() {
    Config.Guards g = Config.fromEnv(Map.of()).guards();
    assertThat(g.trustedProxies()).isEmpty();
    assertThat(g.headerTimeout().toMillis()).isEqualTo(10_000);
    assertThat(g.socketsPerUser()).isEqualTo(10);
    assertThat(g.registrations().describe()).isEqualTo("20 per hour");
    assertThat(g.loginFreeFailures()).isEqualTo(5);
  }

  @Test
  void retiredLoginSettingsStopTheStartWithWhatReplacedThem() {
    assertThatThrownBy(() -> Config.fromEnv(Map.of("LOGIN_FAILURES_PER_USER", "5")))
        .hasMessageContaining("LOGIN_FAILURES_PER_USER is no longer read")
        .hasMessageContaining("LOGIN_FREE_FAILURES");
    assertThatThrownBy(() -> Config.fromEnv(Map.of("LOGIN_ATTEMPTS_PER_IP", "30")))
        .hasMessageContaining("LOGIN_FAILURES_PER_ADDRESS");
  }

  @Test
  void trustedProxiesMustBeAddressesOrRanges() {
    new ClientAddress(List.of("127.0.0.1", "10.0.0.0/8", "::1", "fd00::/8"));
    assertThatThrownBy(() -> new ClientAddress(List.of("proxy.internal")))
        .hasMessageContaining("'proxy.internal' is not an IP address or CIDR range");
    assertThatThrownBy(() -> new ClientAddress(List.of("10.0.0.0/33")))
        .hasMessageContaining("bad prefix length");
  }
}
