package dev.pulse.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Short runs of the scenarios against the real server jar (built before this module in the
 * reactor): the load generator keeps working, and under concurrent load every acknowledged
 * message reaches its recipient (the run fails otherwise).
 */
class BenchAgainstTheServerTest {
  static final Path SERVER_JAR = Path.of("../server/target/pulse-server.jar");

  @BeforeAll
  static void serverIsBuilt() {
    assertThat(SERVER_JAR).as("the server jar; build the whole project (mvn verify), not this module alone")
        .exists();
  }

  static int bench(String... args) throws Exception {
    String[] shared = {"--server-jar", SERVER_JAR.toString(), "--server-cpus", "none", "--server-opts", "-Xmx256m"};
    String[] all = new String[args.length + shared.length];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(shared, 0, all, args.length, shared.length);
    return BenchMain.run(Options.parse(all));
  }

  @Test
  void messagesUnderLoadAreAllDelivered() throws Exception {
    assertThat(bench("messages", "--users", "40", "--window", "5", "--warmup", "1", "--duration", "3"))
        .as("exit status of the messages run (its report is above)").isZero();
  }

  @Test
  void everyoneArrivingTogetherIsToldTheFullCount() throws Exception {
    assertThat(bench("online", "--users", "100")).as("exit status of the online run").isZero();
  }

  @Test
  void idleSocketsStayOpen() throws Exception {
    assertThat(bench("idle", "--users", "50", "--hold", "1")).as("exit status of the idle run").isZero();
  }
}
