package dev.pulse.server.browser;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chat in real Chromium ({@code web/e2e/chat-feel.test.mjs}): a conversation with many unread
 * messages opens on the "N unread messages" divider; scrolled up, new messages leave the view
 * alone and are counted on the "jump to latest" button; the composer counts toward the server's
 * message limit (set low here, so the count can only come from the server) and keeps an
 * over-long paste whole but unsendable; at 390x844 with the keyboard open the newest messages and
 * the composer stay on screen; the "Reconnecting…" banner never pushes the composer off screen.
 */
class ChatFeelBrowserTest {
  private static final String MESSAGE_MAX_LENGTH = "500";

  @TempDir
  Path tempDir;

  @Test
  @Timeout(value = 9, unit = TimeUnit.MINUTES)
  void chatKeepsTheReadersPlaceCountsTowardTheLimitAndFitsAPhoneKeyboard() throws Exception {
    BrowserScript.run("chat-feel.test.mjs", tempDir,
        // the script sends a batch of 40 at once, past the default burst of 20
        Map.of("MESSAGE_MAX_LENGTH", MESSAGE_MAX_LENGTH, "MESSAGE_BURST", "100", "MESSAGES_PER_MINUTE", "600"),
        Map.of("MESSAGE_MAX_LENGTH", MESSAGE_MAX_LENGTH), 480);
  }
}
