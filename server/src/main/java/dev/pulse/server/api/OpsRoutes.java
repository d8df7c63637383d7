package dev.pulse.server.api;

import dev.pulse.server.metrics.PulseMetrics;
import dev.pulse.server.store.Database;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.function.BooleanSupplier;

/**
 * {@code GET /health} (a database round trip, and in a cluster whether the Redis link is up: a
 * node without it still serves its own users, so it says "degraded", not "down") and
 * {@code GET /metrics} (Prometheus text). The metrics tell who comes and goes (users online,
 * messages delivered), so they need the bearer token {@code METRICS_TOKEN}; without one
 * configured they are off (404), never public.
 */
public final class OpsRoutes {
  private final Database db;
  private final PulseMetrics metrics;
  private final byte[] metricsToken;
  private final BooleanSupplier clusterLinkUp;
  private final BooleanSupplier draining;

  /**
   * {@code clusterLinkUp}: whether the Redis link is up, or null for a single node; {@code
   * draining}: true once the node is stopping (503, so that balancers send no one new here).
   */
  public OpsRoutes(Database db, PulseMetrics metrics, String metricsToken, BooleanSupplier clusterLinkUp,
      BooleanSupplier draining) {
    this.db = db;
    this.metrics = metrics;
    this.metricsToken = metricsToken == null ? null : metricsToken.getBytes(StandardCharsets.UTF_8);
    this.clusterLinkUp = clusterLinkUp;
    this.draining = draining;
  }

  public void mount(Router router) {
    router.get("/health").handler(ctx -> {
      if (draining.getAsBoolean()) {
        Rest.json(ctx, 503, new JsonObject().put("status", "draining"));
        return;
      }
      health(ctx);
    });
    router.get("/metrics").handler(this::metrics);
  }

  private void metrics(RoutingContext ctx) {
    if (metricsToken == null) {
      Rest.json(ctx, 404, errorBody("not_found", "Metrics are off: set METRICS_TOKEN to read them"));
      return;
    }
    String header = ctx.request().getHeader("Authorization");
    byte[] given = header != null && header.startsWith("Bearer ")
        ? header.substring(7).trim().getBytes(StandardCharsets.UTF_8) : new byte[0];
    // compared in constant time, so that the token cannot be guessed from response times
    if (!MessageDigest.isEqual(given, metricsToken)) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer");
      Rest.json(ctx, 401, errorBody("unauthorized", "GET /metrics needs the METRICS_TOKEN as a bearer token"));
      return;
    }
    ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(metrics.scrape());
  }

  private static JsonObject errorBody(String code, String message) {
    return new JsonObject().put("error", new JsonObject().put("code", code).put("message", message));
  }

  private void health(RoutingContext ctx) {
    db.run(c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT 1"); ResultSet rs = s.executeQuery()) {
        return rs.next();
      }
    }).onComplete(ar -> {
      boolean up = ar.succeeded() && Boolean.TRUE.equals(ar.result());
      boolean linked = clusterLinkUp == null || clusterLinkUp.getAsBoolean();
      JsonObject health = new JsonObject().put("status", up && linked ? "ok" : "degraded")
          .put("database", up ? "ok" : "down");
      if (clusterLinkUp != null) {
        health.put("redis", linked ? "ok" : "down");
      }
      Rest.json(ctx, up ? 200 : 503, health);
    });
  }
}
