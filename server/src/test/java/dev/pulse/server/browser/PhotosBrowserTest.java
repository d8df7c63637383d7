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
 * Photos in real Chromium ({@code web/e2e/photos.test.mjs}): a member uploads a profile photo
 * and a gallery photo; another member sees it on the card, the profile, the gallery and the chat
 * header; demo members show drawn portraits.
 */
class PhotosBrowserTest {
  @TempDir
  Path tempDir;

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void uploadedPhotoShowsOnCardProfileGalleryAndChat() throws Exception {
    Path portrait = tempDir.resolve("portrait.jpg");
    Files.write(portrait, TestImages.jpegWithExif(900, 1200, 1, "Camera XYZ"));
    Path landscape = tempDir.resolve("landscape.png");
    Files.write(landscape, TestImages.encode(
        TestImages.halves(1600, 900, java.awt.image.BufferedImage.TYPE_INT_RGB), "png"));
    Path data = Files.createDirectories(tempDir.resolve("data"));
    BrowserScript.run("photos.test.mjs", data,
        Map.of("PHOTO_PORTRAIT", portrait.toString(), "PHOTO_LANDSCAPE", landscape.toString()), 180);
  }
}
