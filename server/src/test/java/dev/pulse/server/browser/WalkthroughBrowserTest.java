package dev.pulse.server.browser;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The walkthrough's fixes in real Chromium ({@code web/e2e/walkthrough.test.mjs}): deep links
 * after login, page titles, registration errors beside the field, the greeting, focus ring and
 * skip link, and an axe-core scan of every page at both sizes with no serious violation.
 */
class WalkthroughBrowserTest {
  @TempDir
  Path tempDir;

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void pagesAreReachableNamedAndAccessible() throws Exception {
    BrowserScript.run("walkthrough.test.mjs", tempDir, Map.of(), 240);
  }
}
