package dev.pulse.server.browser;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Message requests and discovery in real Chromium ({@code web/e2e/requests.test.mjs}): a first
 * message from a stranger arrives live under Requests with a notification saying so, is accepted,
 * and the chat goes on live both ways; the dashboard with a saved filter on two devices, and
 * search showing last seen.
 */
class RequestsBrowserTest {
  @TempDir
  Path tempDir;

  @Test
  @Timeout(value = 6, unit = TimeUnit.MINUTES)
  void firstMessageArrivesAsARequestAndBecomesAChat() throws Exception {
    BrowserScript.run("requests.test.mjs", tempDir, Map.of(), 300);
  }
}
