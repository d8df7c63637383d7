package dev.pulse.server.chat;

import dev.pulse.server.config.Config;
import dev.pulse.server.core.DomainException;
import dev.pulse.server.members.Members;
import dev.pulse.server.profiles.photos.PhotoImages;
import dev.pulse.server.profiles.photos.PhotoService;
import dev.pulse.server.store.ChatPhotoRepository;
import dev.pulse.server.store.Database;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/**
 * Photos sent in chat. An upload is resized and re-encoded as a profile photo is (same formats,
 * limits and worker pool), for one recipient; a message then carries it. Only the two members
 * ever get its bytes: the uploader, and the recipient unless the uploader has blocked them. Its id
 * is random and unguessable as well, so an address that leaks still names nothing to anyone else.
 * Used on the event loop.
 */
public final class ChatPhotos {
  private final Database db;
  private final ChatPhotoRepository photos;
  private final MessageRules rules;
  private final Members members;
  private final PhotoImages images;
  private final WorkerExecutor resizers;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public ChatPhotos(Vertx vertx, Database db, ChatPhotoRepository photos, MessageRules rules, Members members,
      Config.Photos limits, Clock clock) {
    this.db = db;
    this.photos = photos;
    this.rules = rules;
    this.members = members;
    this.images = new PhotoImages(limits.maxPixels());
    // the pool profile photos use: the same name gives the same threads, so PHOTO_WORKERS bounds both
    this.resizers = vertx.createSharedWorkerExecutor("pulse-photos", limits.workers());
    this.clock = clock;
  }

  /**
   * Stores {@code upload} as a photo {@code owner} may send to {@code recipient} (whom they must
   * be able to message); it shows in the conversation once a message carries it.
   */
  public Future<ChatPhoto> upload(String owner, String recipient, byte[] upload) {
    if (upload.length == 0) {
      return Future.failedFuture(DomainException.invalid("Send the photo (JPEG, PNG or WebP) as the request body"));
    }
    return rules.reachable(owner, recipient)
        .compose(m -> resizers.<PhotoImages.Processed>executeBlocking(() -> images.process(upload), false))
        .compose(image -> db.run(c -> {
          ChatPhoto photo = new ChatPhoto(newId(), image.width(), image.height());
          photos.insert(c, photo, owner, recipient, image.large(), image.thumb(),
              clock.instant().truncatedTo(ChronoUnit.MILLIS));
          return photo;
        }));
  }

  /** The photo {@code id} when {@code from} uploaded it for {@code to}; {@code bad_request} otherwise. */
  ChatPhoto attachable(Connection c, String from, String to, String id) throws SQLException {
    return photos.find(c, id)
        .filter(row -> row.owner().equals(from) && row.recipient().equals(to))
        .map(ChatPhotoRepository.Row::photo)
        .orElseThrow(() -> DomainException.invalid("'photoId' must be a photo you uploaded for " + to));
  }

  /**
   * The JPEG bytes of chat photo {@code id} in {@code size}, for {@code viewer}: {@code not_found}
   * for anyone but its two members, {@code forbidden} for the recipient once the sender blocked them.
   */
  public Future<byte[]> image(String viewer, String id, ChatPhoto.Size size) {
    DomainException none = DomainException.notFound("No photo '" + id + "'");
    if (!PhotoService.ID.matcher(id).matches()) {
      return Future.failedFuture(none);
    }
    return db.read(c -> photos.image(c, id, size)).compose(found -> {
      ChatPhotoRepository.Image image = found.orElseThrow(() -> none);
      if (viewer.equals(image.owner())) {
        return Future.succeededFuture(image.bytes());
      }
      if (!viewer.equals(image.recipient())) {
        return Future.failedFuture(none);
      }
      return members.hasBlocked(image.owner(), viewer).map(blocked -> {
        if (blocked) {
          throw DomainException.forbidden("You cannot see photos from " + image.owner());
        }
        return image.bytes();
      });
    });
  }

  private String newId() {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
