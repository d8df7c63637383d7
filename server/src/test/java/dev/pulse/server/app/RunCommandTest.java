package dev.pulse.server.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.testing.Api;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code ./pulse run} does, as a process: starts on the embedded database with the demo
 * members, says where it listens in one line, stops gracefully on SIGTERM (Ctrl-C), and finds its
 * data again on the next start, even after being killed.
 */
class RunCommandTest {
  private static final Pattern LISTENING = Pattern.compile("Pulse listening on (http://\\S+)");

  @TempDir
  Path dataDir;

  private final List<Process> processes = new CopyOnWriteArrayList<>();

  /** A failed assertion must not leave a server running. */
  @AfterEach
  void killLeftovers() {
    processes.forEach(p -> p.toHandle().destroyForcibly());
  }

  @Test
  void firstStartSeedsDemoMembersAndARestartKeepsEverything() throws Exception {
    Started first = start();
    Api api = first.api();
    Api.Response demo = api.login("priya.sharma", "pulse-demo");
    String anyDemo = demo.status() == 200 ? "priya.sharma" : demoProfiles().getJsonObject(0).getString("username");
    Api.Response login = api.login(anyDemo, "pulse-demo");
    assertThat(login.status()).as(login.text()).isEqualTo(200);
    String token = login.json().getString("token");
    Api.Response list = api.get("/api/profiles?size=100", token);
    int demoMembers = demoProfiles().size();
    assertThat(demoMembers).isBetween(30, 60);
    assertThat(list.json().getLong("total")).isEqualTo(demoMembers - 1L); // everyone but the viewer
    String newcomer = Api.uniqueName("newcomer");
    api.register(newcomer);
    first.stop();
    assertThat(first.output).anyMatch(l -> l.contains("Pulse shutting down"));
    assertThat(first.output).anyMatch(l -> l.contains("database closed"));

    Started second = start();
    Api again = second.api();
    Api.Response relogin = again.login(newcomer, Api.PASSWORD);
    assertThat(relogin.status()).as(relogin.text()).isEqualTo(200);
    Api.Response list2 = again.get("/api/profiles?size=100", relogin.json().getString("token"));
    assertThat(list2.json().getLong("total")).isEqualTo(demoMembers); // the demo members, seeded once
    assertThat(second.output).noneMatch(l -> l.contains("seeded"));
    second.stop();
  }

  @Test
  void acknowledgedMessagesSurviveAKilledProcess() throws Exception {
    Started first = start();
    Api api = first.api();
    String alice = Api.uniqueName("alice");
    String bob = Api.uniqueName("bob");
    String aliceToken = api.register(alice);
    String bobToken = api.register(bob);
    for (int i = 1; i <= 5; i++) {
      Api.Response sent = api.post("/api/messages", aliceToken, new JsonObject().put("to", bob).put("message", "m" + i));
      assertThat(sent.status()).as(sent.text()).isEqualTo(201);
    }
    // SIGKILL: no shutdown hook, no flush; only what was committed before each 201 is on disk
    first.process.toHandle().destroyForcibly();
    assertThat(first.process.waitFor(20, TimeUnit.SECONDS)).isTrue();

    Started second = start();
    assertThat(second.api().history(bobToken, alice).stream().map(o -> ((JsonObject) o).getString("message")))
        .containsExactly("m1", "m2", "m3", "m4", "m5");
    second.stop();
  }

  @Test
  void anEarlierH2DatabaseIsNamedInOneLineAndLeftAsItWas() throws Exception {
    Path old = dataDir.resolve("pulse.mv.db");
    Files.writeString(old, "an H2 file from an earlier version");
    Started started = start();
    assertThat(started.output).anyMatch(l -> l.contains(old + " is an H2 database from an earlier version of Pulse;"
        + " it is not read"));
    assertThat(Files.readString(old)).isEqualTo("an H2 file from an earlier version");
    started.stop();
  }

  @Test
  void busyPortIsReportedInOneClearLine(@TempDir Path otherData) throws Exception {
    Started first = start();
    int port = URI.create(first.url).getPort();
    Started second = launch(port, otherData);
    assertThat(second.process.waitFor(60, TimeUnit.SECONDS)).as("exits; output: %s", second.output).isTrue();
    second.reader.join(5_000);
    assertThat(second.process.exitValue()).isEqualTo(1);
    assertThat(second.output).anyMatch(l -> l.contains("127.0.0.1:" + port + " is already in use (set PORT"));
    assertThat(second.output).as("no stack trace").noneMatch(l -> l.trim().startsWith("at "));
    first.stop();
  }

  @Test
  void secondRunWhileOneRunsSaysSoInOneLine() throws Exception {
    Started first = start();
    int port = URI.create(first.url).getPort();
    // the same data directory, as a second `./pulse run` in the same checkout
    Started second = launch(port, dataDir);
    assertThat(second.process.waitFor(60, TimeUnit.SECONDS)).as("exits; output: %s", second.output).isTrue();
    second.reader.join(5_000);
    assertThat(second.process.exitValue()).isEqualTo(1);
    assertThat(second.output).containsExactly("Pulse could not start: 127.0.0.1:" + port + " is already in use "
        + "(set PORT to use another port, or stop the Pulse already running there)");
    // the first one is untouched
    assertThat(first.api().get("/health", null).status()).isEqualTo(200);
    first.stop();
  }

  private JsonArray demoProfiles() throws IOException {
    try (var in = getClass().getClassLoader().getResourceAsStream("demo/profiles.json")) {
      return new JsonArray(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  private final class Started {
    final Process process;
    final List<String> output = new CopyOnWriteArrayList<>();
    Thread reader;
    String url;

    Started(Process process) {
      this.process = process;
    }

    Api api() {
      return new Api(url);
    }

    void stop() throws InterruptedException {
      // SIGTERM, like Ctrl-C's SIGINT runs the shutdown hook; through the handle, because
      // Process.destroy() also closes our end of the output pipe and its last lines would be lost
      process.toHandle().destroy();
      assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("stopped; output: %s", output).isTrue();
      reader.join(5_000); // the last lines may still be in the pipe
    }
  }

  private Started start() throws Exception {
    Started started = launch(0, dataDir);
    long deadline = System.currentTimeMillis() + 60_000;
    while (started.url == null && System.currentTimeMillis() < deadline && started.process.isAlive()) {
      for (String line : started.output) {
        Matcher m = LISTENING.matcher(line);
        if (m.find()) {
          started.url = m.group(1);
        }
      }
      Thread.sleep(50);
    }
    assertThat(started.url).as("listening line; output: %s", started.output).isNotNull();
    assertThat(Files.exists(dataDir.resolve("pulse.db"))).isTrue();
    return started;
  }

  private Started launch(int port, Path data) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "dev.pulse.server.Main");
    pb.environment().put("PORT", String.valueOf(port));
    pb.environment().put("HOST", "127.0.0.1");
    pb.environment().put("DATA_DIR", data.toString());
    pb.environment().put("BCRYPT_COST", "4");
    pb.environment().remove("DATABASE_URL");
    pb.environment().remove("JWT_SECRET");
    pb.redirectErrorStream(true);
    Started started = new Started(pb.start());
    processes.add(started.process);
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(
          new InputStreamReader(started.process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          started.output.add(line);
        }
      } catch (IOException ignored) {
        // the process ended
      }
    });
    reader.setDaemon(true);
    reader.start();
    started.reader = reader;
    return started;
  }
}
