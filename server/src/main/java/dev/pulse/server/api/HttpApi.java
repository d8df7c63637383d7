package dev.pulse.server.api;

import dev.pulse.server.config.Config;
import dev.pulse.server.core.DomainException;
import dev.pulse.server.core.Payloads;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.CorsHandler;
import io.vertx.ext.web.handler.StaticHandler;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * The REST router: CORS, body limits, the routes, the web app with its SPA fallback, and the
 * one error shape for every failure.
 */
public final class HttpApi {
  /** Where the web app's build sits on the classpath. */
  static final String WEBROOT = "webroot";

  private HttpApi() {}

  /** Builds the router; {@code mounts} add the route groups. */
  public static Router router(Vertx vertx, Config config, java.util.function.Consumer<Router> mounts) {
    Router router = Router.router(vertx);
    router.route().handler(SecurityHeaders.handler(config.tlsCert() != null));
    if (!config.corsOrigins().isEmpty()) {
      CorsHandler cors = CorsHandler.create()
          .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE))
          .allowedHeaders(Set.of("Authorization", "Content-Type"))
          .allowCredentials(true);
      if (config.corsOrigins().contains("*")) {
        cors.addOriginWithRegex(".*");
      } else {
        cors.addOrigins(config.corsOrigins());
      }
      router.route("/api/*").handler(cors);
    }
    BodyHandler json = BodyHandler.create(false).setBodyLimit(config.limits().httpBodyMaxBytes());
    BodyHandler photo = BodyHandler.create(false).setBodyLimit(config.photos().maxBytes());
    router.route("/api/*").handler(ctx -> (isPhotoUpload(ctx.request().path()) ? photo : json).handle(ctx));
    // path and query parameters reach queries too; a body is checked as it is read (Rest.body)
    router.route("/api/*").handler(ctx -> {
      Payloads.requireNoNul(decoded(ctx.request().uri()));
      ctx.next();
    });
    mounts.accept(router);
    router.route("/api/*").handler(ctx -> ctx.fail(DomainException.notFound("No such route: "
        + ctx.request().method() + " " + ctx.request().path())));
    router.get("/*").handler(StaticHandler.create(WEBROOT).setIndexPage("index.html"));
    router.get("/*").handler(spaFallback());
    router.route().handler(ctx -> ctx.fail(DomainException.notFound("No such path: " + ctx.request().path())));
    router.route().failureHandler(Rest::failure);
    return router;
  }

  private static String decoded(String uri) {
    try {
      return URLDecoder.decode(uri, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return uri; // a malformed escape: the route that reads it answers
    }
  }

  /** Paths the web app routes itself (/profile/priya, /messages) get its index page. */
  private static Handler<RoutingContext> spaFallback() {
    return ctx -> {
      String accept = ctx.request().getHeader("Accept");
      if (accept != null && accept.contains("text/html")) {
        ctx.response().putHeader("Content-Type", "text/html; charset=utf-8")
            .sendFile(WEBROOT + "/index.html")
            .onFailure(err -> {
              if (!ctx.response().ended()) {
                ctx.response().setStatusCode(404).end("The web app is not part of this build.");
              }
            });
      } else {
        ctx.next();
      }
    };
  }

  /** The routes whose body is a photo, with the photo's size limit instead of the JSON one. */
  private static boolean isPhotoUpload(String path) {
    return PhotoRoutes.UPLOAD.equals(path) || ChatPhotoRoutes.UPLOAD.matcher(path).matches();
  }
}
