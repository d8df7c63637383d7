package dev.pulse.server.api;

import dev.pulse.server.metrics.PulseMetrics;
import dev.pulse.server.store.Database;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.function.BooleanSupplier;

/**
 * {@code GET /health} (a database round trip, and in a cluster whether the Redis link is up: a
 * node without it still serves its own users, so it says "degraded", not "down") and
 * {@code GET /metrics} (Prometheus text).
 */
public final class OpsRoutes {
  private final Database db;
  private final PulseMetrics metrics;
  private final BooleanSupplier clusterLinkUp;
  private final BooleanSupplier draining;

  /**
   * {@code clusterLinkUp}: whether the Redis link is up, or null for a single node; {@code
   * draining}: true once the node is stopping (503, so that balancers send no one new here).
   */
  public OpsRoutes(Database db, PulseMetrics metrics, BooleanSupplier clusterLinkUp, BooleanSupplier draining) {
    this.db = db;
    this.metrics = metrics;
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
    router.get("/metrics").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
        .end(metrics.scrape()));
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
