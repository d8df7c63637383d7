package dev.pulse.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerCommandTest {
  @Test
  void pulseStartsWithTheFlagsOfJvmOptionsBesideItsTargetFolder(@TempDir Path dir) throws Exception {
    Path jar = Files.createDirectories(dir.resolve("server/target")).resolve("pulse-server.jar");
    Files.writeString(jar, "not really a jar");
    Files.writeString(dir.resolve("server/jvm.options"), """
        # the flags ./pulse run uses
        -XX:+UseSerialGC

          -Xss512k   # a trailing comment
        """);
    Options o = Options.parse(new String[] {"--server-jar", jar.toString(), "--server-cpus", "none"});
    ServerCommand c = ServerCommand.pulse(o, "0", Map.of());
    assertThat(c.command()).containsSubsequence("taskset", "-c", "0");
    assertThat(c.command()).containsSubsequence("-XX:+UseSerialGC", "-Xss512k", "-jar");
    assertThat(c.description()).contains("'-XX:+UseSerialGC -Xss512k'").contains("embedded SQLite");
    assertThat(c.java()).isTrue();
  }

  @Test
  void serverOptsReplaceTheFileAndNoFileMeansNoFlags(@TempDir Path dir) throws Exception {
    Path jar = Files.createDirectories(dir.resolve("target")).resolve("pulse-server.jar");
    Files.writeString(jar, "");
    assertThat(ServerCommand.jvmOptions(ServerCommand.jvmOptionsFile(jar))).isEmpty();
    Options plain = Options.parse(new String[] {"--server-jar", jar.toString()});
    assertThat(ServerCommand.pulse(plain, null, Map.of()).command()).endsWith("-jar", jar.toAbsolutePath().toString());
    Files.writeString(dir.resolve("jvm.options"), "-Xmx1g\n");
    Options given = Options.parse(new String[] {"--server-jar", jar.toString(), "--server-opts", "-Xmx64m"});
    List<String> command = ServerCommand.pulse(given, null, Map.of()).command();
    assertThat(command).contains("-Xmx64m").doesNotContain("-Xmx1g");
  }

  @Test
  void everyServerGetsTheBenchEnvironmentAndTheScenarioHasTheLastWord(@TempDir Path dir) {
    Map<String, String> env = ServerCommand.environment(Map.of("REDIS_URL", "redis://x", "PATH", "/bin"), 9000,
        dir, Map.of("PRESENCE_GRACE_MS", "0", "BCRYPT_COST", "5"));
    assertThat(env).containsEntry("PORT", "9000").containsEntry("HOST", "127.0.0.1")
        .containsEntry("DATA_DIR", dir.toString()).containsEntry("SEED_DEMO_PROFILES", "false")
        .containsEntry("PRESENCE_GRACE_MS", "0").containsEntry("BCRYPT_COST", "5")
        .containsEntry("MESSAGES_PER_MINUTE", "1000000").containsEntry("PATH", "/bin")
        .doesNotContainKey("REDIS_URL");
  }

  @Test
  void passwordsStayOutOfTheDescription() {
    assertThat(ServerCommand.withoutPassword("postgres://bench:s3cret@db:5432/test"))
        .isEqualTo("postgres://bench:***@db:5432/test");
    assertThat(ServerCommand.withoutPassword("jdbc:postgresql://db/test?user=a&password=s3cret"))
        .isEqualTo("jdbc:postgresql://db/test?user=a&password=***");
  }

  @Test
  void comparisonsSayWhichServerIsBetterAndByHowMuch() {
    assertThat(Comparison.verdict(20_000, 5_000, Report.Better.HIGHER)).isEqualTo("Pulse 4.0x better");
    assertThat(Comparison.verdict(2, 8, Report.Better.LOWER)).isEqualTo("Pulse 4.0x better");
    assertThat(Comparison.verdict(9, 3, Report.Better.LOWER)).isEqualTo("Node 3.0x better");
    assertThat(Comparison.verdict(1, 1, Report.Better.LOWER)).isEqualTo("same");
    assertThat(Comparison.verdict(500, 0, Report.Better.HIGHER)).isEqualTo("Pulse far better");
    assertThat(Comparison.ratio(3, 2)).isEqualTo(1.5);
    assertThat(Comparison.ratio(3, 0)).isNaN();
  }
}
