package dev.pulse.server.api;

import dev.pulse.server.core.DomainException;
import dev.pulse.server.profiles.photos.Photo;
import dev.pulse.server.profiles.photos.PhotoService;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** Uploading and managing one's photos, and serving everyone's. */
public final class PhotoRoutes {
  /** The upload route: its body may be as large as a photo (see {@link HttpApi}). */
  static final String UPLOAD = "/api/me/photos";

  private final PhotoService photos;

  public PhotoRoutes(PhotoService photos) {
    this.photos = photos;
  }

  public void mount(Router router, Handler<RoutingContext> authenticated) {
    router.post(UPLOAD).handler(authenticated).handler(ctx -> {
      Buffer body = ctx.body().buffer();
      boolean asProfilePhoto = "true".equalsIgnoreCase(ctx.queryParams().get("profile"));
      Rest.reply(ctx, 201, photos.upload(Rest.user(ctx), body == null ? new byte[0] : body.getBytes(), asProfilePhoto));
    });
    router.get(UPLOAD).handler(authenticated).handler(ctx -> Rest.reply(ctx, 200, photos.gallery(Rest.user(ctx))));
    router.put(UPLOAD + "/:id/profile").handler(authenticated).handler(ctx ->
        Rest.reply(ctx, 204, photos.makeProfilePhoto(Rest.user(ctx), ctx.pathParam("id"))));
    router.delete(UPLOAD + "/:id").handler(authenticated).handler(ctx ->
        Rest.reply(ctx, 204, photos.delete(Rest.user(ctx), ctx.pathParam("id"))));
    // no token: these are image addresses (an <img> sends none); the id is random and unguessable
    router.get("/api/photos/:id/:file").handler(this::image);
  }

  private void image(RoutingContext ctx) {
    String file = ctx.pathParam("file");
    Photo.Size size = null;
    for (Photo.Size s : Photo.Size.values()) {
      if (s.file().equals(file)) {
        size = s;
      }
    }
    if (size == null) {
      throw DomainException.notFound("No photo file '" + file + "': large.jpg or thumb.jpg");
    }
    photos.image(ctx.pathParam("id"), size).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
      } else {
        // an id names one upload forever: what is served under it never changes
        ctx.response().putHeader("Content-Type", "image/jpeg")
            .putHeader("Cache-Control", "public, max-age=31536000, immutable")
            .end(Buffer.buffer(ar.result()));
      }
    });
  }
}
