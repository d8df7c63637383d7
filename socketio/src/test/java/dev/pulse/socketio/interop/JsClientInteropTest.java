package dev.pulse.socketio.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.pulse.socketio.Namespace;
import dev.pulse.socketio.Socket;
import dev.pulse.socketio.SocketIoOptions;
import dev.pulse.socketio.testing.TestServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Drives the official JavaScript client ({@code socket.io-client} 4.x, pinned by
 * {@code src/test/js/package-lock.json}) under Node against this server, once per transport
 * mode. The checks live in {@code src/test/js/interop.mjs}; this class only provides the server
 * fixture they talk to and asserts that the script exits with 0. (The script also passes,
 * unchanged, against the reference Node server socket.io 4.8 given the same fixture.)
 *
 * <p>Needs {@code node} on the PATH and {@code src/test/js/node_modules}, which the Maven build
 * installs with {@code npm ci} (phase generate-test-resources). Missing either is a failure,
 * never a skip.
 */
class JsClientInteropTest {

  private static final long SCRIPT_TIMEOUT_SECONDS = 60;
  /** Short enough that a few heartbeats happen during the run (the script checks them). */
  private static final int PING_INTERVAL = 1_000;
  private static final int PING_TIMEOUT = 5_000;

  private static Path scriptDir;
  private static String node;

  private TestServer server;

  /** Fails (never skips) the calling test if Node or the installed client is missing. */
  private static void findNodeAndScript() {
    scriptDir = moduleDir().resolve("src/test/js").toAbsolutePath().normalize();
    Path script = scriptDir.resolve("interop.mjs");
    if (!Files.isRegularFile(script)) {
      fail("interop script not found: " + script);
    }
    if (!Files.isDirectory(scriptDir.resolve("node_modules/socket.io-client"))) {
      fail("socket.io-client is not installed in " + scriptDir.resolve("node_modules")
          + ". Run the Maven build without -DskipTests (it runs `npm ci` in phase"
          + " generate-test-resources)"
          + " or run `npm ci` in " + scriptDir + " yourself.");
    }
    node = findOnPath("node");
    if (node == null) {
      fail("`node` (Node.js 18+) is not on the PATH (PATH=" + System.getenv("PATH") + "). "
          + "The JS client interop tests need it; install Node.js.");
    }
  }

  @AfterEach
  void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @ParameterizedTest(name = "official JS client, transport mode {0}")
  @ValueSource(strings = {"websocket", "polling", "upgrade"})
  void officialJsClientPassesInteropChecks(String mode) throws Exception {
    Result result = runScript(mode, Map.of());
    assertEquals(0, result.exitCode, () -> failure(mode, result));
  }

  private String failure(String mode, Result result) {
    return "node interop.mjs " + server.url() + " " + mode + " exited with " + result.exitCode
        + "; output:\n" + result.output;
  }

  private record Result(int exitCode, String output) {}

  /** Starts the fixture server and runs the script against it, at most SCRIPT_TIMEOUT_SECONDS. */
  private Result runScript(String mode, Map<String, String> env) throws Exception {
    findNodeAndScript();
    SocketIoOptions options = new SocketIoOptions();
    options.engine().pingInterval(PING_INTERVAL).pingTimeout(PING_TIMEOUT);
    server = TestServer.start(options, io -> {
      installFixture(io.of("/"));
      installFixture(io.of("/custom"));
    });

    ProcessBuilder builder = new ProcessBuilder(node, "interop.mjs", server.url(), mode)
        .directory(scriptDir.toFile())
        .redirectErrorStream(true);
    builder.environment().put("NO_COLOR", "1");
    builder.environment().put("INTEROP_PING_INTERVAL", String.valueOf(PING_INTERVAL));
    builder.environment().putAll(env);
    Process process = builder.start();
    process.getOutputStream().close();

    StringBuffer output = new StringBuffer();
    Thread pump = new Thread(() -> pump(process, mode, output), "node-interop-" + mode);
    pump.setDaemon(true);
    pump.start();

    boolean finished = process.waitFor(SCRIPT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    if (!finished) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      process.waitFor(5, TimeUnit.SECONDS);
      pump.join(2_000);
      fail("node interop.mjs " + server.url() + " " + mode + " did not finish within "
          + SCRIPT_TIMEOUT_SECONDS + " s; output so far:\n" + output);
    }
    pump.join(5_000);
    return new Result(process.exitValue(), output.toString());
  }

  /**
   * What the script expects from each namespace ("/" and "/custom" behave the same; "whoami"
   * tells them apart).
   */
  private static void installFixture(Namespace nsp) {
    nsp.onConnection(socket -> {
      socket.emit("auth", socket.handshake().auth());

      socket.on("echo", (args, ack) -> socket.emit("echo-back", spread(args)));
      socket.on("echo-ack", (args, ack) -> ack.send(spread(args)));
      socket.on("whoami", (args, ack) -> ack.send(whoami(socket)));
      socket.on("ask-client", (args, ack) ->
          socket.emitWithAck(5_000, "question", spread(args)).onComplete(ar -> {
            if (ar.succeeded()) {
              socket.emit("answer-received", spread(ar.result()));
            } else {
              socket.emit("answer-failed", String.valueOf(ar.cause()));
            }
          }));
      socket.on("get-binary", (args, ack) -> socket.emit("binary", serverBinary()));
      socket.on("get-binary-ack", (args, ack) -> ack.send(serverBinary(), Buffer.buffer("tail")));
      socket.on("disconnect-me", (args, ack) -> socket.disconnect());
      socket.on("close-me", (args, ack) -> socket.disconnect(true));
    });
  }

  private static JsonObject whoami(Socket socket) {
    return new JsonObject()
        .put("id", socket.id())
        .put("nsp", socket.namespace().name())
        .put("connectionId", socket.connectionId())
        .put("transport", socket.transport())
        .put("probe", socket.handshake().query().get("probe"));
  }

  /** Binary the server produces itself: a Buffer and a byte[] nested in an object and array. */
  private static JsonObject serverBinary() {
    byte[] all = new byte[256];
    for (int i = 0; i < all.length; i++) {
      all[i] = (byte) i;
    }
    return new JsonObject()
        .put("kind", "server-binary")
        .put("bytes", Buffer.buffer(all))
        .put("list", new JsonArray().add(new byte[] {1, 2, 3}).add("text").add(7));
  }

  private static Object[] spread(JsonArray args) {
    return args.getList().toArray();
  }

  private static void pump(Process process, String mode, StringBuffer output) {
    try (BufferedReader reader = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        output.append(line).append('\n');
        System.out.println("[node " + mode + "] " + line);
      }
    } catch (IOException e) {
      output.append("(reading node output failed: ").append(e).append(")\n");
    }
  }

  private static Path moduleDir() {
    String basedir = System.getProperty("basedir");
    if (basedir != null && Files.isDirectory(Path.of(basedir, "src/test/js"))) {
      return Path.of(basedir);
    }
    Path here = Path.of("").toAbsolutePath();
    if (Files.isDirectory(here.resolve("src/test/js"))) {
      return here;
    }
    // Run from the repository root (e.g. by an IDE).
    return here.resolve("socketio");
  }

  private static String findOnPath(String command) {
    boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win");
    List<String> names = new ArrayList<>(List.of(command));
    if (windows) {
      names.add(0, command + ".exe");
      names.add(command + ".cmd");
    }
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      for (String name : names) {
        Path candidate = Path.of(dir, name);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return candidate.toString();
        }
      }
    }
    return null;
  }
}
