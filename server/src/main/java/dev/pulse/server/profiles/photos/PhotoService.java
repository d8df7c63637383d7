package dev.pulse.server.profiles.photos;

import dev.pulse.server.config.Config;
import dev.pulse.server.core.BoundedWorkers;
import dev.pulse.server.core.DomainException;
import dev.pulse.server.store.Database;
import dev.pulse.server.store.PhotoRepository;
import dev.pulse.server.store.ProfileRepository;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Members' photos: upload (resized and re-encoded off the event loop, on a pool of its own so a
 * burst of uploads cannot starve the database's workers, with a bounded queue so that it cannot
 * pile up uploads in memory either: past it an upload is refused as busy), the gallery, the profile photo, delete,
 * and the bytes to serve. A photo's id is random and unguessable; it is the only way to name one.
 */
public final class PhotoService {
  /** What a photo id looks like (16 random bytes, base64url): anything else cannot be one. */
  public static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{22}");

  private final Database db;
  private final PhotoRepository photos;
  private final ProfileRepository profiles;
  private final PhotoImages images;
  private final BoundedWorkers resizers;
  private final int perMember;
  private final int maxBytes;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public PhotoService(Vertx vertx, Database db, PhotoRepository photos, ProfileRepository profiles,
      Config.Photos limits, Clock clock) {
    this.db = db;
    this.photos = photos;
    this.profiles = profiles;
    this.images = new PhotoImages(limits.maxPixels());
    this.resizers = new BoundedWorkers(vertx, "pulse-photos", limits.workers(), limits.queueMax(),
        "The server is busy with other photos; try again in a few seconds");
    this.perMember = limits.perMember();
    this.maxBytes = limits.maxBytes();
    this.clock = clock;
  }

  /**
   * Stores {@code upload} as a new photo of {@code owner}; it becomes the profile photo when
   * {@code asProfilePhoto} or when they have none yet. The result is the photo's JSON.
   */
  public Future<JsonObject> upload(String owner, byte[] upload, boolean asProfilePhoto) {
    if (upload.length == 0) {
      return Future.failedFuture(DomainException.invalid("Send the photo (JPEG, PNG or WebP) as the request body"));
    }
    return resizers.run(() -> images.process(upload))
        .compose(image -> db.tx(c -> {
          // as stored: both databases keep milliseconds
          Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
          photos.lockOwner(c, owner, now);
          if (photos.of(c, owner).size() >= perMember) {
            throw DomainException.conflict("You can keep at most " + perMember + " photos: delete one first");
          }
          Photo photo = new Photo(newId(), owner, image.width(), image.height(), now);
          photos.insert(c, photo, image.large(), image.thumb());
          boolean profilePhoto = asProfilePhoto || photos.profilePhoto(c, owner).isEmpty();
          if (profilePhoto) {
            profiles.setPhoto(c, owner, photo.id(), now);
          }
          return photo.toJson(profilePhoto);
        }));
  }

  /** {@code owner}'s photos, oldest first, each saying whether it is the profile photo. */
  public Future<JsonObject> gallery(String owner) {
    return db.read(c -> {
      JsonArray items = new JsonArray();
      String profilePhoto = photos.profilePhoto(c, owner).orElse(null);
      photos.of(c, owner).forEach(p -> items.add(p.toJson(p.id().equals(profilePhoto))));
      return new JsonObject().put("items", items).put("max", perMember).put("maxBytes", maxBytes);
    });
  }

  /** Makes {@code owner}'s photo {@code id} their profile photo. */
  public Future<Void> makeProfilePhoto(String owner, String id) {
    return db.tx(c -> {
      Instant now = clock.instant();
      photos.lockOwner(c, owner, now);
      if (photos.of(c, owner).stream().noneMatch(p -> p.id().equals(id))) {
        throw DomainException.notFound("You have no photo '" + id + "'");
      }
      profiles.setPhoto(c, owner, id, now);
      return null;
    });
  }

  /** Deletes {@code owner}'s photo {@code id}; when it was the profile photo, the newest left takes its place. */
  public Future<Void> delete(String owner, String id) {
    return db.tx(c -> {
      Instant now = clock.instant();
      photos.lockOwner(c, owner, now);
      boolean wasProfilePhoto = photos.profilePhoto(c, owner).map(id::equals).orElse(false);
      if (wasProfilePhoto) {
        // cleared before the delete: SQLite enforces the reference without the ON DELETE action mattering
        profiles.setPhoto(c, owner, null, now);
      }
      if (!photos.delete(c, owner, id)) {
        throw DomainException.notFound("You have no photo '" + id + "'");
      }
      if (wasProfilePhoto) {
        List<Photo> left = photos.of(c, owner);
        if (!left.isEmpty()) {
          profiles.setPhoto(c, owner, left.get(left.size() - 1).id(), now);
        }
      }
      return null;
    });
  }

  /** The JPEG bytes of photo {@code id} in {@code size}, or {@code not_found}. */
  public Future<byte[]> image(String id, Photo.Size size) {
    if (!ID.matcher(id).matches()) {
      return Future.failedFuture(DomainException.notFound("No photo '" + id + "'"));
    }
    return db.read(c -> photos.image(c, id, size)).map((Optional<byte[]> bytes) ->
        bytes.orElseThrow(() -> DomainException.notFound("No photo '" + id + "'")));
  }

  private String newId() {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
