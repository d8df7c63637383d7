package dev.pulse.server.api;

import dev.pulse.server.chat.ChatPhoto;
import dev.pulse.server.chat.ChatPhotos;
import dev.pulse.server.core.DomainException;
import dev.pulse.server.limits.RateLimiter;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.regex.Pattern;

/** Uploading a photo to send in a conversation, and serving chat photos to the two members. */
public final class ChatPhotoRoutes {
  /** The upload route: its body may be as large as a photo (see {@link HttpApi}). */
  static final Pattern UPLOAD = Pattern.compile("/api/conversations/[^/]+/photos");

  private final ChatPhotos photos;
  private final RateLimiter uploads;

  /** {@code uploads}: the {@code CHAT_PHOTOS_PER_HOUR} bucket. */
  public ChatPhotoRoutes(ChatPhotos photos, RateLimiter uploads) {
    this.photos = photos;
    this.uploads = uploads;
  }

  public void mount(Router router, Handler<RoutingContext> authenticated) {
    router.post("/api/conversations/:username/photos").handler(authenticated).handler(ctx -> {
      String user = Rest.user(ctx);
      String to = ctx.pathParam("username").toLowerCase();
      Buffer body = ctx.body().buffer();
      byte[] bytes = body == null ? new byte[0] : body.getBytes();
      Rest.reply(ctx, 201, uploads.acquire(user).compose(v -> photos.upload(user, to, bytes)).map(ChatPhoto::toJson));
    });
    // with the token, unlike profile photos: only the two members of the conversation see these
    router.get("/api/chat-photos/:id/:file").handler(authenticated).handler(this::image);
  }

  private void image(RoutingContext ctx) {
    String file = ctx.pathParam("file");
    ChatPhoto.Size size = null;
    for (ChatPhoto.Size s : ChatPhoto.Size.values()) {
      if (s.file().equals(file)) {
        size = s;
      }
    }
    if (size == null) {
      throw DomainException.notFound("No photo file '" + file + "': large.jpg or thumb.jpg");
    }
    photos.image(Rest.user(ctx), ctx.pathParam("id"), size).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
      } else {
        // the bytes under an id never change; "private": no shared cache may keep what needs a token
        ctx.response().putHeader("Content-Type", "image/jpeg")
            .putHeader("Cache-Control", "private, max-age=86400")
            .end(Buffer.buffer(ar.result()));
      }
    });
  }
}
