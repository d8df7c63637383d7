package dev.pulse.server.chat;

import io.vertx.core.json.JsonObject;

/**
 * A photo sent in a conversation, as its message carries it: the id and the size of the large
 * image. Its addresses need the token of one of the two members ({@link ChatPhotos#image}).
 */
public record ChatPhoto(String id, int width, int height) {

  /** The two sizes, as profile photos have. */
  public enum Size {
    LARGE, THUMB;

    public String file() {
      return name().toLowerCase(java.util.Locale.ROOT) + ".jpg";
    }
  }

  /** Where Pulse serves chat photo {@code id} in {@code size} (with a member's token only). */
  public static String url(String id, Size size) {
    return "/api/chat-photos/" + id + "/" + size.file();
  }

  /** The {@code photo} field of a message and the upload's answer. */
  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("url", url(id, Size.LARGE)).put("thumbUrl", url(id, Size.THUMB))
        .put("width", width).put("height", height);
  }

  /** What the message row keeps (the addresses follow from the id). */
  public JsonObject toStored() {
    return new JsonObject().put("id", id).put("width", width).put("height", height);
  }

  public static ChatPhoto fromJson(JsonObject json) {
    return new ChatPhoto(json.getString("id"), json.getInteger("width", 0), json.getInteger("height", 0));
  }
}
