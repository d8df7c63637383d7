package dev.pulse.server.profiles.photos;

import dev.pulse.server.core.DomainException;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import net.coobird.thumbnailator.Thumbnails;
import net.coobird.thumbnailator.geometry.Positions;
import net.coobird.thumbnailator.util.exif.ExifFilterUtils;
import net.coobird.thumbnailator.util.exif.ExifUtils;
import net.coobird.thumbnailator.util.exif.Orientation;

/**
 * Turns an uploaded JPEG, PNG or WebP into the two JPEGs Pulse keeps: {@link #LARGE} (fits in a
 * square of that side) and {@link #THUMB} (that square, cropped from the centre). The images are
 * drawn afresh and encoded from pixels, so nothing of the upload's metadata (camera, place,
 * comments) survives; a JPEG's EXIF orientation is applied to the pixels first. Blocking, CPU
 * heavy: run it on a worker thread.
 */
public final class PhotoImages {
  public static final int LARGE = 1024;
  public static final int THUMB = 256;
  /** Smaller than this on either side is not a photo anyone can recognise. */
  public static final int MIN_SIDE = 128;
  static final Set<String> FORMATS = Set.of("jpeg", "png", "webp");
  private static final float QUALITY = 0.85f;

  /** The two encodings and the size of the large one. */
  public record Processed(byte[] large, byte[] thumb, int width, int height) {}

  private final long maxPixels;

  public PhotoImages(long maxPixels) {
    this.maxPixels = maxPixels;
  }

  public Processed process(byte[] upload) {
    BufferedImage flat = flattened(decode(upload));
    try {
      BufferedImage large = Math.max(flat.getWidth(), flat.getHeight()) > LARGE
          ? Thumbnails.of(flat).size(LARGE, LARGE).asBufferedImage()
          : flat;
      BufferedImage thumb = Thumbnails.of(flat).crop(Positions.CENTER).size(THUMB, THUMB).asBufferedImage();
      return new Processed(jpeg(large), jpeg(thumb), large.getWidth(), large.getHeight());
    } catch (IOException e) {
      throw new IllegalStateException("resizing a decoded image failed", e);
    }
  }

  /**
   * Decodes the upload, refusing what is not one of {@link #FORMATS} or is too big before its
   * pixels are read; big images are read subsampled, so memory stays near the output size.
   */
  private BufferedImage decode(byte[] upload) {
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(upload))) {
      Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
      if (readers == null || !readers.hasNext()) {
        throw DomainException.invalid("The photo must be a JPEG, PNG or WebP image");
      }
      ImageReader reader = readers.next();
      try {
        String format = reader.getFormatName().toLowerCase(Locale.ROOT);
        if (!FORMATS.contains(format)) {
          throw DomainException.invalid("The photo must be a JPEG, PNG or WebP image (this is " + format + ")");
        }
        reader.setInput(in, true, false);
        int width = reader.getWidth(0);
        int height = reader.getHeight(0);
        if ((long) width * height > maxPixels) {
          throw DomainException.invalid("The photo has too many pixels (" + width + "x" + height + "); at most "
              + maxPixels / 1_000_000 + " megapixels");
        }
        if (Math.min(width, height) < MIN_SIDE) {
          throw DomainException.invalid("The photo is too small: at least " + MIN_SIDE + " pixels wide and high");
        }
        ImageReadParam param = reader.getDefaultReadParam();
        // keep at least twice the large size and the thumbnail's side, so both are made by scaling down
        int step = Math.max(1, Math.min(Math.max(width, height) / (2 * LARGE), Math.min(width, height) / THUMB));
        param.setSourceSubsampling(step, step, 0, 0);
        BufferedImage image = reader.read(0, param);
        return "jpeg".equals(format) ? oriented(image, reader) : image;
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof DomainException d) {
        throw d;
      }
      throw DomainException.invalid("The photo could not be read: the file is damaged or not an image");
    }
  }

  /** The image turned as the camera's EXIF orientation says, or as it is when there is none. */
  private static BufferedImage oriented(BufferedImage image, ImageReader reader) {
    Orientation orientation;
    try {
      orientation = ExifUtils.getExifOrientation(reader, 0);
    } catch (IOException | RuntimeException e) {
      // an unreadable EXIF block leaves the picture as stored rather than losing the upload
      return image;
    }
    return orientation == null || orientation == Orientation.TOP_LEFT
        ? image
        : ExifFilterUtils.getFilterForOrientation(orientation).apply(image);
  }

  /** Plain RGB: JPEG has no transparency, so transparent parts of a PNG or WebP become white. */
  private static BufferedImage flattened(BufferedImage image) {
    BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = rgb.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, image.getWidth(), image.getHeight());
      g.drawImage(image, 0, 0, null);
    } finally {
      g.dispose();
    }
    return rgb;
  }

  private static byte[] jpeg(BufferedImage image) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Thumbnails.of(image).scale(1.0).outputFormat("jpg").outputQuality(QUALITY).toOutputStream(out);
    return out.toByteArray();
  }
}
