package dev.pulse.server.browser;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interests in real Chromium ({@code web/e2e/interests.test.mjs}): one member sends an interest,
 * the other sees it arrive live and accepts, the first sees the answer live; the shortlist;
 * reporting from a profile and from a chat, and the moderator's list of reports.
 */
class InterestsBrowserTest {
  @TempDir
  Path tempDir;

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void interestSentAndAcceptedShowsOnBothScreensLive() throws Exception {
    BrowserScript.run("interests.test.mjs", tempDir, Map.of("ADMIN_USERNAMES", "priya.sharma"), Map.of(), 180);
  }
}
