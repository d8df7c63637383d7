package dev.pulse.server.api;

import dev.pulse.server.calls.IceServers;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** What a browser needs from REST to place calls: its ICE servers. */
public final class CallRoutes {
  private final IceServers iceServers;

  public CallRoutes(IceServers iceServers) {
    this.iceServers = iceServers;
  }

  public void mount(Router router, Handler<RoutingContext> authenticated) {
    router.get("/api/calls/ice-servers").handler(authenticated).handler(ctx -> {
      // the credentials are the user's own and short-lived: nobody should keep them
      ctx.response().putHeader("Cache-Control", "no-store");
      Rest.reply(ctx, 200, Future.succeededFuture(iceServers.forUser(Rest.user(ctx))));
    });
  }
}
