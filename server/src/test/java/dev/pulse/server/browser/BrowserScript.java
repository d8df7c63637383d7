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

/**
 * Runs one Playwright script of {@code web/e2e/} with Node against an in-process Pulse (demo
 * members seeded, the web app from the classpath, checked to answer a deep link before the script
 * starts) and fails with the script's whole output when the script does. Screenshots go to
 * {@code target/screenshots/}.
 */
final class BrowserScript {
  private BrowserScript() {}

  static void run(String scriptName, Path dataDir, Map<String, String> scriptEnv, long timeoutSeconds)
      throws Exception {
    run(scriptName, dataDir, Map.of(), scriptEnv, timeoutSeconds);
  }

  /** As above, with {@code serverEnv} added to the server's settings. */
  static void run(String scriptName, Path dataDir, Map<String, String> serverEnv, Map<String, String> scriptEnv,
      long timeoutSeconds) throws Exception {
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
    assertThat(BrowserScript.class.getClassLoader().getResource("webroot/index.html"))
        .as("the built web app (pulse-web's webroot/index.html) on the server's classpath")
        .isNotNull();
    Path screenshots = moduleDir.resolve("target/screenshots");
    Files.createDirectories(screenshots);

    Map<String, String> settings = new HashMap<>(Map.of(
        "PORT", "0", "HOST", "127.0.0.1", "DATA_DIR", dataDir.toString(), "BCRYPT_COST", "4",
        "SEED_DEMO_PROFILES", "true"));
    settings.putAll(serverEnv);
    try (PulseApp app = PulseApp.start(Config.fromEnv(settings))) {
      String baseUrl = "http://127.0.0.1:" + app.port();
      assertServesWebApp(baseUrl);
      ProcessBuilder builder = new ProcessBuilder("node", script.toString())
          .directory(webDir.toFile())
          .redirectErrorStream(true);
      Map<String, String> env = new HashMap<>(scriptEnv);
      env.put("PULSE_URL", baseUrl);
      env.put("SCREENSHOT_DIR", screenshots.toString());
      env.put("CHROMIUM_PATH", chromium);
      builder.environment().putAll(env);
      Process process = builder.start();
      ByteArrayOutputStream output = new ByteArrayOutputStream();
      Thread reader = new Thread(() -> copy(process.getInputStream(), output), "browser-script-output");
      reader.setDaemon(true);
      reader.start();
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        fail(scriptName + " did not finish within " + timeoutSeconds + " s. Its output:\n" + text(reader, output));
      }
      String text = text(reader, output);
      Files.writeString(moduleDir.resolve("target/" + scriptName + ".log"), text);
      assertEquals(0, process.exitValue(), () -> scriptName + " failed. Its output:\n" + text);
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

  private static void copy(InputStream in, ByteArrayOutputStream out) {
    byte[] chunk = new byte[8192];
    try {
      for (int n; (n = in.read(chunk)) > 0; ) {
        synchronized (out) {
          out.write(chunk, 0, n);
        }
      }
    } catch (IOException ignored) {
      // the process ended
    }
  }

  private static String text(Thread reader, ByteArrayOutputStream out) throws InterruptedException {
    reader.join(5000);
    synchronized (out) {
      return out.toString(StandardCharsets.UTF_8);
    }
  }
}
