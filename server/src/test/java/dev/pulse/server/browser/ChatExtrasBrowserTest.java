package dev.pulse.server.browser;

import dev.pulse.server.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replies, reactions and photos in real Chromium ({@code web/e2e/chat-extras.test.mjs}): one
 * member replies to the other's message quoting it and reacts; the other sees both live and
 * reacts back; a photo sent by one shows to the other, larger on a click.
 */
class ChatExtrasBrowserTest {
  @TempDir
  Path tempDir;

  @Test
  @Timeout(value = 6, unit = TimeUnit.MINUTES)
  void replyReactionAndPhotoReachTheOtherPersonLive() throws Exception {
    Path photo = tempDir.resolve("photo.jpg");
    Files.write(photo, TestImages.jpegWithExif(1600, 1200, 1, "Camera XYZ"));
    Path data = Files.createDirectories(tempDir.resolve("data"));
    BrowserScript.run("chat-extras.test.mjs", data, Map.of("CHAT_PHOTO", photo.toString()), 300);
  }
}
