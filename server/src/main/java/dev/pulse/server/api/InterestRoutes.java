package dev.pulse.server.api;

import dev.pulse.server.core.DomainException;
import dev.pulse.server.interests.InterestService;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;

/** Sending and answering interests, the interest views, and the shortlist. */
public final class InterestRoutes {
  private final InterestService interests;

  public InterestRoutes(InterestService interests) {
    this.interests = interests;
  }

  public void mount(Router router, Handler<RoutingContext> authenticated) {
    router.get("/api/interests").handler(authenticated).handler(ctx ->
        Rest.reply(ctx, 200, interests.list(Rest.user(ctx), box(ctx.queryParams().get("box")))));
    router.get("/api/interests/:username").handler(authenticated).handler(ctx ->
        Rest.reply(ctx, 200, interests.between(Rest.user(ctx), other(ctx))));
    router.post("/api/interests/:username").handler(authenticated).handler(ctx ->
        Rest.reply(ctx, 201, interests.send(Rest.user(ctx), other(ctx))));
    router.post("/api/interests/:username/accept").handler(authenticated).handler(ctx ->
        Rest.reply(ctx, 200, interests.accept(Rest.user(ctx), other(ctx))));
    router.post("/api/interests/:username/decline").handler(authenticated).handler(ctx ->
        Rest.reply(ctx, 200, interests.decline(Rest.user(ctx), other(ctx))));
    router.delete("/api/interests/:username").handler(authenticated).handler(ctx ->
        Rest.reply(ctx, 204, interests.withdraw(Rest.user(ctx), other(ctx))));

    router.get("/api/shortlist").handler(authenticated).handler(ctx ->
        Rest.reply(ctx, 200, interests.shortlisted(Rest.user(ctx))));
    router.put("/api/shortlist/:username").handler(authenticated).handler(ctx ->
        Rest.reply(ctx, 204, interests.shortlist(Rest.user(ctx), other(ctx))));
    router.delete("/api/shortlist/:username").handler(authenticated).handler(ctx ->
        Rest.reply(ctx, 204, interests.unshortlist(Rest.user(ctx), other(ctx))));
  }

  private static String other(RoutingContext ctx) {
    return ctx.pathParam("username").toLowerCase(Locale.ROOT);
  }

  private static InterestService.Box box(String value) {
    if (value == null || value.isBlank()) {
      return InterestService.Box.RECEIVED;
    }
    try {
      return InterestService.Box.valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw DomainException.invalid("'box' must be received, sent or accepted");
    }
  }
}
