package dev.pulse.server.api;

import dev.pulse.server.auth.Authenticator;
import dev.pulse.server.core.DomainException;
import dev.pulse.server.core.Payloads;
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
  private static final String SESSION = "pulse.session";

  private Rest() {}

  /**
   * Requires {@code Authorization: Bearer <token>} of a user who exists (as the socket handshake
   * does); the username is then {@link #user}.
   */
  public static Handler<RoutingContext> authenticated(Authenticator authenticator) {
    return ctx -> {
      String header = ctx.request().getHeader("Authorization");
      boolean bearer = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7);
      authenticator.authenticate(bearer ? header.substring(7).trim() : null).onComplete(ar -> {
        if (ar.succeeded()) {
          ctx.put(USER, ar.result().username());
          ctx.put(SESSION, ar.result().sessionId());
          ctx.next();
        } else if (ar.cause() instanceof DomainException e) {
          // the socket's connect_error says "token expired"; an HTTP message reads as a sentence
          ctx.fail(DomainException.unauthenticated(capitalize(e.getMessage())));
        } else {
          ctx.fail(ar.cause());
        }
      });
    };
  }

  public static String user(RoutingContext ctx) {
    return ctx.get(USER);
  }

  /** The id of the session the caller's token belongs to. */
  public static String session(RoutingContext ctx) {
    return ctx.get(SESSION);
  }

  /** The request body as a JSON object, or 400. */
  public static JsonObject body(RoutingContext ctx) {
    try {
      JsonObject body = ctx.body().asJsonObject();
      if (body == null) {
        throw DomainException.invalid("A JSON object body is required");
      }
      Payloads.requireClean(body);
      return body;
    } catch (DecodeException | ClassCastException e) {
      throw DomainException.invalid("The body must be a JSON object");
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

  /** Renders any failure as {@code {"error": {"code", "message"}}} with its HTTP status. */
  public static void failure(RoutingContext ctx) {
    Throwable cause = ctx.failure();
    int status;
    String code;
    String message;
    if (cause instanceof DomainException e) {
      status = status(e.kind());
      code = e.code();
      message = e.getMessage();
      if (e.retryAfterSeconds() > 0 && !ctx.response().ended()) {
        ctx.response().putHeader("Retry-After", Long.toString(e.retryAfterSeconds()));
      }
    } else if (cause == null && ctx.statusCode() == 413) {
      status = 413;
      code = "payload_too_large";
      message = PhotoRoutes.UPLOAD.equals(ctx.request().path())
          ? "The photo file is too large" : "The request body is too large";
    } else if (cause == null && ctx.statusCode() == 404) {
      status = 404;
      code = "not_found";
      message = "No such route";
    } else if (cause == null && ctx.statusCode() == 405) {
      status = 405;
      code = "method_not_allowed";
      message = "That method is not allowed here";
    } else if (ctx.statusCode() == 403) {
      // the CORS handler refusing an origin (it fails with 403 and an exception)
      status = 403;
      code = "forbidden";
      message = "This origin is not allowed";
    } else if (cause == null && ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
      status = 400;
      code = "bad_request";
      message = "Bad request";
    } else {
      log.error("{} {} failed", ctx.request().method(), ctx.request().path(), cause);
      status = 500;
      code = "internal";
      message = "Something went wrong on the server";
    }
    if (ctx.response().ended()) {
      return;
    }
    json(ctx, status, new JsonObject().put("error", new JsonObject().put("code", code).put("message", message)));
  }

  /** The HTTP status of each kind of domain failure. */
  static int status(DomainException.Kind kind) {
    return switch (kind) {
      case INVALID -> 400;
      case UNAUTHENTICATED -> 401;
      case FORBIDDEN -> 403;
      case NOT_FOUND -> 404;
      case CONFLICT -> 409;
      case RATE_LIMITED -> 429;
      case UNAVAILABLE -> 503;
    };
  }

  private static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
