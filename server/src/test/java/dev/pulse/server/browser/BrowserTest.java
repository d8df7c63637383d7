package dev.pulse.server.browser;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two people in two real headless Chromium browsers against an in-process Pulse server serving
 * the web app from its classpath (the pulse-web jar). The scenarios live in {@code web/e2e/*.mjs}
 * (Playwright); {@link BrowserScript} starts the server, runs a script with Node and fails with
 * the script's whole output when it does. The server's settings below are the script's too.
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
    Map<String, String> settings = Map.of("PRESENCE_GRACE_MS", GRACE_MS, "TOKEN_TTL_MINUTES", "1");
    BrowserScript.run("browser.test.mjs", tempDir, settings, settings, SCRIPT_TIMEOUT_SECONDS);
  }

  /**
   * {@code web/e2e/calls.test.mjs}: a video call from the chat header between two browsers with
   * fake camera and microphone (both peer connections connected, video bytes arriving on both
   * sides), hang up, a declined voice call from a profile and a missed one, each in the chat.
   */
  @Test
  @Timeout(value = 6, unit = TimeUnit.MINUTES)
  void twoPeopleCallEachOtherByVideo() throws Exception {
    Map<String, String> settings = Map.of("CALL_RING_TIMEOUT_MS", CALL_RING_MS);
    BrowserScript.run("calls.test.mjs", tempDir, settings, settings, SCRIPT_TIMEOUT_SECONDS);
  }
}
