package dev.pulse.server.api;

import dev.pulse.server.core.DomainException;
import dev.pulse.server.core.Fields;
import dev.pulse.server.profiles.ProfileFields;
import dev.pulse.server.profiles.ProfileQuery;
import dev.pulse.server.profiles.ProfileService;
import dev.pulse.server.profiles.SavedFilters;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** The dashboard list, search, saved filters, one profile, and generated avatars. */
public final class ProfileRoutes {
  static final int DEFAULT_PAGE_SIZE = 20;
  static final int MAX_PAGE_SIZE = 100;

  private final ProfileService profiles;

  public ProfileRoutes(ProfileService profiles) {
    this.profiles = profiles;
  }

  public void mount(Router router, Handler<RoutingContext> authenticated) {
    router.get("/api/profiles").handler(authenticated).handler(ctx ->
        Rest.reply(ctx, 200, profiles.dashboard(Rest.user(ctx), page(ctx), size(ctx))));
    router.get("/api/me/filters").handler(authenticated).handler(ctx ->
        Rest.reply(ctx, 200, profiles.filters(Rest.user(ctx)).map(SavedFilters::toJson)));
    router.put("/api/me/filters").handler(authenticated).handler(ctx -> {
      SavedFilters saved = SavedFilters.from(Rest.body(ctx));
      Rest.reply(ctx, 200, profiles.saveFilters(Rest.user(ctx), saved).map(SavedFilters::toJson));
    });
    router.delete("/api/me/filters").handler(authenticated).handler(ctx ->
        Rest.reply(ctx, 204, profiles.saveFilters(Rest.user(ctx), SavedFilters.NONE).map(f -> null)));
    router.get("/api/profiles/search").handler(authenticated).handler(this::search);
    router.get("/api/profiles/:username").handler(authenticated).handler(ctx ->
        Rest.reply(ctx, 200, profiles.get(Rest.user(ctx), ctx.pathParam("username").toLowerCase())));
    router.get("/api/avatars/:file").handler(this::avatar);
  }

  private void search(RoutingContext ctx) {
    Integer minAge = Fields.queryInt(ctx.queryParams().get("minAge"), "minAge", null, 18, 100);
    Integer maxAge = Fields.queryInt(ctx.queryParams().get("maxAge"), "maxAge", null, 18, 100);
    if (minAge != null && maxAge != null && minAge > maxAge) {
      throw DomainException.invalid("'minAge' must not be above 'maxAge'");
    }
    String gender = text(ctx, "gender", 16);
    if (gender != null && !ProfileFields.GENDERS.contains(gender.toLowerCase())) {
      throw DomainException.invalid("'gender' must be female, male or other");
    }
    String online = text(ctx, "online", 5);
    if (online != null && !"true".equalsIgnoreCase(online) && !"false".equalsIgnoreCase(online)) {
      throw DomainException.invalid("'online' must be true or false");
    }
    ProfileQuery q = new ProfileQuery(Rest.user(ctx), minAge, maxAge, gender == null ? null : gender.toLowerCase(),
        text(ctx, "city", 80), text(ctx, "religion", 40), text(ctx, "motherTongue", 40), text(ctx, "education", 120),
        text(ctx, "q", 100), null, page(ctx), size(ctx));
    Rest.reply(ctx, 200, profiles.search(q, "true".equalsIgnoreCase(online)));
  }

  private void avatar(RoutingContext ctx) {
    String file = ctx.pathParam("file");
    String username = (file.endsWith(".svg") ? file.substring(0, file.length() - 4) : file).toLowerCase();
    if (!ProfileFields.USERNAME.matcher(username).matches()) {
      throw DomainException.notFound("No avatar '" + file + "'");
    }
    profiles.avatar(username).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
      } else if (ar.result().photoUrl() != null) {
        // the member's photo; not cached, so a new profile photo shows at once
        ctx.response().setStatusCode(302).putHeader("Location", ar.result().photoUrl())
            .putHeader("Cache-Control", "no-cache").end();
      } else {
        ctx.response().putHeader("Content-Type", "image/svg+xml")
            .putHeader("Cache-Control", "public, max-age=3600")
            .end(Buffer.buffer(ar.result().svg()));
      }
    });
  }

  private static int page(RoutingContext ctx) {
    return Fields.queryInt(ctx.queryParams().get("page"), "page", 0, 0, 100_000);
  }

  private static int size(RoutingContext ctx) {
    return Fields.queryInt(ctx.queryParams().get("size"), "size", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
  }

  private static String text(RoutingContext ctx, String name, int max) {
    String value = ctx.queryParams().get(name);
    if (value == null || value.isBlank()) {
      return null;
    }
    if (value.length() > max) {
      throw DomainException.invalid("'" + name + "' can be at most " + max + " characters");
    }
    return value.trim();
  }
}
