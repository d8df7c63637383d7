package dev.pulse.server.api;

import dev.pulse.server.metrics.PulseMetrics;
import dev.pulse.server.store.Database;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/** {@code GET /health} (with a database round trip) and {@code GET /metrics} (Prometheus text). */
public final class OpsRoutes {
  private final Database db;
  private final PulseMetrics metrics;

  public OpsRoutes(Database db, PulseMetrics metrics) {
    this.db = db;
    this.metrics = metrics;
  }

  public void mount(Router router) {
    router.get("/health").handler(ctx -> db.run(c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT 1"); ResultSet rs = s.executeQuery()) {
        return rs.next();
      }
    }).onComplete(ar -> {
      boolean up = ar.succeeded() && Boolean.TRUE.equals(ar.result());
      Rest.json(ctx, up ? 200 : 503, new JsonObject().put("status", up ? "ok" : "degraded")
          .put("database", up ? "ok" : "down"));
    }));
    router.get("/metrics").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
        .end(metrics.scrape()));
  }
}
