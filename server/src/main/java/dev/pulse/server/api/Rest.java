package dev.pulse.server.api;

import dev.pulse.server.auth.TokenService;
import dev.pulse.server.auth.TokenService.Verdict;
import dev.pulse.server.profiles.Members;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What every REST route shares: the caller's identity, JSON bodies, replies and the error shape. */
public final class Rest {
  private static final Logger log = LoggerFactory.getLogger(Rest.class);
  private static final String USER = "pulse.username";

  private Rest() {}

  /**
   * Requires {@code Authorization: Bearer <token>} of a user who exists (as the socket handshake
   * does); the username is then {@link #user}.
   */
  public static Handler<RoutingContext> authenticated(TokenService tokens, Members members) {
    return ctx -> {
      String header = ctx.request().getHeader("Authorization");
      boolean bearer = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7);
      String token = bearer ? header.substring(7).trim() : null;
      Verdict verdict = tokens.verify(token);
      if (verdict instanceof Verdict.Valid valid) {
        members.find(valid.username()).onComplete(ar -> {
          if (ar.failed()) {
            ctx.fail(ar.cause());
          } else if (ar.result().isEmpty()) {
            ctx.fail(ApiException.unauthorized("Unknown user"));
          } else {
            ctx.put(USER, valid.username());
            ctx.next();
          }
        });
      } else {
        ctx.fail(ApiException.unauthorized(capitalize(((Verdict.Refused) verdict).reason())));
      }
    };
  }

  public static String user(RoutingContext ctx) {
    return ctx.get(USER);
  }

  /** The request body as a JSON object, or 400. */
  public static JsonObject body(RoutingContext ctx) {
    try {
      JsonObject body = ctx.body().asJsonObject();
      if (body == null) {
        throw ApiException.badRequest("A JSON object body is required");
      }
      return body;
    } catch (DecodeException | ClassCastException e) {
      throw ApiException.badRequest("The body must be a JSON object");
    }
  }

  /** Sends {@code result} as JSON with {@code status} when it succeeds; the error shape otherwise. */
  public static void reply(RoutingContext ctx, int status, Future<?> result) {
    result.onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
      } else if (ar.result() == null) {
        ctx.response().setStatusCode(204).end();
      } else {
        json(ctx, status, ar.result());
      }
    });
  }

  public static void json(RoutingContext ctx, int status, Object body) {
    String text = body instanceof JsonObject o ? o.encode() : String.valueOf(body);
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8").end(text);
  }

  /** Renders any failure as {@code {"error": {"code", "message"}}} with its status. */
  public static void failure(RoutingContext ctx) {
    Throwable cause = ctx.failure();
    ApiException error;
    if (cause instanceof ApiException e) {
      error = e;
    } else if (cause == null && ctx.statusCode() == 413) {
      error = new ApiException(413, "payload_too_large", "The request body is too large");
    } else if (cause == null && ctx.statusCode() == 404) {
      error = ApiException.notFound("No such route");
    } else if (cause == null && ctx.statusCode() == 405) {
      error = new ApiException(405, "method_not_allowed", "That method is not allowed here");
    } else if (ctx.statusCode() == 403) {
      // the CORS handler refusing an origin (it fails with 403 and an exception)
      error = ApiException.forbidden("This origin is not allowed");
    } else if (cause == null && ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
      error = ApiException.badRequest("Bad request");
    } else {
      log.error("{} {} failed", ctx.request().method(), ctx.request().path(), cause);
      error = new ApiException(500, "internal", "Something went wrong on the server");
    }
    if (ctx.response().ended()) {
      return;
    }
    if (error.retryAfterSeconds() > 0) {
      ctx.response().putHeader("Retry-After", Long.toString(error.retryAfterSeconds()));
    }
    json(ctx, error.status(), new JsonObject().put("error",
        new JsonObject().put("code", error.code()).put("message", error.getMessage())));
  }

  private static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
