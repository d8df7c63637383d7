package dev.pulse.server.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.pulse.server.PulseApp;
import dev.pulse.server.config.Config;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two people in two real headless Chromium browsers against an in-process Pulse server serving
 * the web app from its classpath (the pulse-web jar). The scenarios live in {@code web/e2e/*.mjs}
 * (Playwright); this class starts the server, runs a script with Node and fails with the script's
 * whole output when it does.
 */
class BrowserTest {
  private static final long SCRIPT_TIMEOUT_SECONDS = 480;
  private static final String GRACE_MS = "1000";
  /** Long enough to take the incoming-call screenshots and answer, short enough to wait for a missed call. */
  private static final String CALL_RING_MS = "25000";

  @TempDir
  Path tempDir;

  @Test
  @Timeout(value = 9, unit = TimeUnit.MINUTES)
  void twoPeopleMeetChatAndSeeEachOtherLive() throws Exception {
    // one-minute tokens: the script checks that a quiet tab renews its token without reconnecting
    runScript("browser.test.mjs", Map.of("PRESENCE_GRACE_MS", GRACE_MS, "TOKEN_TTL_MINUTES", "1"));
  }

  /**
   * {@code web/e2e/calls.test.mjs}: a video call from the chat header between two browsers with
   * fake camera and microphone (both peer connections connected, video bytes arriving on both
   * sides), hang up, a declined voice call from a profile and a missed one, each in the chat.
   */
  @Test
  @Timeout(value = 6, unit = TimeUnit.MINUTES)
  void twoPeopleCallEachOtherByVideo() throws Exception {
    runScript("calls.test.mjs", Map.of("CALL_RING_TIMEOUT_MS", CALL_RING_MS));
  }

  /**
   * Starts a server with {@code settings} on top of the browser tests' own, runs the Playwright
   * {@code script} from {@code web/e2e} with Node against it (the same settings in its
   * environment), and fails with the script's whole output when it does.
   */
  private void runScript(String scriptName, Map<String, String> settings) throws Exception {
    Path moduleDir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    Path webDir = moduleDir.resolveSibling("web");
    Path script = webDir.resolve("e2e").resolve(scriptName);
    assertThat(script).as("the browser test script").exists();
    if (!Files.isDirectory(webDir.resolve("node_modules/playwright-core"))) {
      fail("playwright-core is not installed in " + webDir
          + ": build the web module first (mvn -pl web install, or npm ci in web/)");
    }
    String chromium = System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium");
    if (!Files.isExecutable(Path.of(chromium))) {
      fail("Chromium is missing at " + chromium
          + ": ./pulse test installs it (apt-get install chromium), or set CHROMIUM_PATH");
    }
    assertThat(getClass().getClassLoader().getResource("webroot/index.html"))
        .as("the built web app (pulse-web's webroot/index.html) on the server's classpath")
        .isNotNull();

    Path screenshots = moduleDir.resolve("target/screenshots");
    Files.createDirectories(screenshots);

    Map<String, String> env = new HashMap<>(Map.of(
        "PORT", "0",
        "HOST", "127.0.0.1",
        "DATA_DIR", tempDir.toString(),
        "BCRYPT_COST", "4",
        "SEED_DEMO_PROFILES", "true"));
    env.putAll(settings);
    try (PulseApp app = PulseApp.start(Config.fromEnv(env))) {
      String baseUrl = "http://127.0.0.1:" + app.port();
      assertServesWebApp(baseUrl);

      ProcessBuilder builder = new ProcessBuilder("node", script.toString())
          .directory(webDir.toFile())
          .redirectErrorStream(true);
      builder.environment().put("PULSE_URL", baseUrl);
      builder.environment().put("SCREENSHOT_DIR", screenshots.toString());
      builder.environment().put("CHROMIUM_PATH", chromium);
      builder.environment().putAll(settings);
      Process process = builder.start();
      OutputCollector output = OutputCollector.start(process.getInputStream());

      if (!process.waitFor(SCRIPT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        fail("The browser test did not finish within " + SCRIPT_TIMEOUT_SECONDS + " s. Its output:\n"
            + output.text());
      }
      String text = output.text();
      Files.writeString(moduleDir.resolve("target/" + scriptName.replace(".mjs", ".log")), text);
      assertEquals(0, process.exitValue(), () -> "The browser test failed. Its output:\n" + text);
      assertThat(text).contains("PASS");
    }
  }

  /** The page a browser gets for a deep link is the web app, from the server itself. */
  private static void assertServesWebApp(String baseUrl) throws IOException, InterruptedException {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpResponse<String> response = client.send(
        HttpRequest.newBuilder(URI.create(baseUrl + "/messages"))
            .header("Accept", "text/html")
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), "GET /messages (the SPA fallback)");
    assertThat(response.body()).contains("<div id=\"root\">");
  }

  /** Reads a process's output on its own thread, so a chatty child never blocks on a full pipe. */
  private static final class OutputCollector {
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final Thread thread;

    private OutputCollector(InputStream in) {
      thread = new Thread(() -> {
        byte[] chunk = new byte[8192];
        try {
          for (int n; (n = in.read(chunk)) > 0; ) {
            synchronized (buffer) {
              buffer.write(chunk, 0, n);
            }
          }
        } catch (IOException ignored) {
          // the process ended
        }
      }, "browser-test-output");
      thread.setDaemon(true);
      thread.start();
    }

    static OutputCollector start(InputStream in) {
      return new OutputCollector(in);
    }

    String text() throws InterruptedException {
      thread.join(5000);
      synchronized (buffer) {
        return buffer.toString(StandardCharsets.UTF_8);
      }
    }
  }
}
