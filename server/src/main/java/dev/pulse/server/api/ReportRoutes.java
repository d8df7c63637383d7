package dev.pulse.server.api;

import dev.pulse.server.core.Fields;
import dev.pulse.server.reports.ReportService;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** Reporting a member, and the moderators' list of reports. */
public final class ReportRoutes {
  private final ReportService reports;

  public ReportRoutes(ReportService reports) {
    this.reports = reports;
  }

  public void mount(Router router, Handler<RoutingContext> authenticated) {
    router.post("/api/reports").handler(authenticated).handler(ctx ->
        Rest.reply(ctx, 201, reports.report(Rest.user(ctx), Rest.body(ctx))));
    router.get("/api/admin/reports").handler(authenticated).handler(ctx -> Rest.reply(ctx, 200, reports.list(
        Rest.user(ctx),
        Fields.queryInt(ctx.queryParams().get("page"), "page", 0, 0, 100_000),
        Fields.queryInt(ctx.queryParams().get("size"), "size", 50, 1, 200))));
  }
}
