package dev.pulse.server.testing;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;

/** Images for upload tests, made in memory: two colour halves so a test can tell left from right. */
public final class TestImages {
  public static final Color RED = new Color(220, 30, 30);
  public static final Color BLUE = new Color(30, 30, 220);

  private TestImages() {}

  /** A {@code width} x {@code height} picture, red on its left half and blue on its right. */
  public static BufferedImage halves(int width, int height, int type) {
    BufferedImage image = new BufferedImage(width, height, type);
    Graphics2D g = image.createGraphics();
    g.setColor(RED);
    g.fillRect(0, 0, width / 2, height);
    g.setColor(BLUE);
    g.fillRect(width / 2, 0, width - width / 2, height);
    g.dispose();
    return image;
  }

  public static byte[] encode(BufferedImage image, String format) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, format, out)) {
        throw new IllegalStateException("no writer for " + format);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  public static byte[] jpeg(int width, int height) {
    return encode(halves(width, height, BufferedImage.TYPE_INT_RGB), "jpg");
  }

  /**
   * A JPEG carrying an EXIF block, as phones write them: orientation {@code orientation} (6 = the
   * camera was turned: show rotated 90 degrees clockwise) and an image description {@code secret}
   * standing for the place and device details that must not be passed on.
   */
  public static byte[] jpegWithExif(int width, int height, int orientation, String secret) {
    byte[] plain = jpeg(width, height);
    byte[] text = (secret + "\0").getBytes(StandardCharsets.US_ASCII);
    ByteArrayOutputStream tiff = new ByteArrayOutputStream();
    tiff.writeBytes(new byte[] {'M', 'M', 0, 42, 0, 0, 0, 8});
    tiff.writeBytes(new byte[] {0, 2});
    // 0x010E ImageDescription, ASCII, at offset 38 (after the two entries and the next-IFD pointer)
    tiff.writeBytes(new byte[] {0x01, 0x0E, 0, 2, 0, 0, 0, (byte) text.length, 0, 0, 0, 38});
    // 0x0112 Orientation, SHORT, one value
    tiff.writeBytes(new byte[] {0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0});
    tiff.writeBytes(new byte[] {0, 0, 0, 0});
    tiff.writeBytes(text);
    byte[] payload = concat("Exif\0\0".getBytes(StandardCharsets.US_ASCII), tiff.toByteArray());
    int length = payload.length + 2;
    byte[] segment = concat(new byte[] {(byte) 0xFF, (byte) 0xE1, (byte) (length >> 8), (byte) length}, payload);
    // after SOI and the JFIF APP0 segment the encoder wrote
    int app0End = 4 + (((plain[4] & 0xFF) << 8) | (plain[5] & 0xFF));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(plain, 0, app0End);
    out.writeBytes(segment);
    out.write(plain, app0End, plain.length - app0End);
    return out.toByteArray();
  }

  /** A PNG whose right half is fully transparent (its left half red). */
  public static byte[] pngHalfTransparent(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = image.createGraphics();
    g.setColor(RED);
    g.fillRect(0, 0, width / 2, height);
    g.dispose();
    return encode(image, "png");
  }

  /** A WebP made with the reference encoder (ImageIO cannot write WebP): 320x240, red then blue. */
  public static byte[] webp() {
    try (InputStream in = TestImages.class.getClassLoader().getResourceAsStream("photos/red-blue-320x240.webp")) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static BufferedImage decode(byte[] bytes) {
    try {
      return ImageIO.read(new ByteArrayInputStream(bytes));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** True when the pixel at (x, y) is within 40 of {@code expected} in each channel (JPEG is lossy). */
  public static boolean near(BufferedImage image, int x, int y, Color expected) {
    Color c = new Color(image.getRGB(x, y));
    return Math.abs(c.getRed() - expected.getRed()) < 40 && Math.abs(c.getGreen() - expected.getGreen()) < 40
        && Math.abs(c.getBlue() - expected.getBlue()) < 40;
  }

  public static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
