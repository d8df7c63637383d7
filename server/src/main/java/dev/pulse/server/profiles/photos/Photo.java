package dev.pulse.server.profiles.photos;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** One of a member's photos (its bytes are read only when served). {@code width}/{@code height}: the large one. */
public record Photo(String id, String owner, int width, int height, Instant createdAt) {

  /** The two sizes each photo is kept in. */
  public enum Size {
    LARGE, THUMB;

    public String file() {
      return name().toLowerCase(java.util.Locale.ROOT) + ".jpg";
    }
  }

  /** Where Pulse serves photo {@code id} in {@code size}: the only photo addresses a profile shows. */
  public static String url(String id, Size size) {
    return "/api/photos/" + id + "/" + size.file();
  }

  public JsonObject toJson(boolean isProfilePhoto) {
    return new JsonObject()
        .put("id", id)
        .put("url", url(id, Size.LARGE))
        .put("thumbUrl", url(id, Size.THUMB))
        .put("width", width)
        .put("height", height)
        .put("profile", isProfilePhoto)
        .put("createdAt", createdAt.toString());
  }
}
