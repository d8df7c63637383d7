package dev.pulse.server.api;

import dev.pulse.server.members.Members;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** Block, unblock and list the users the caller blocked. */
public final class BlockRoutes {
  private final Members members;

  public BlockRoutes(Members members) {
    this.members = members;
  }

  public void mount(Router router, Handler<RoutingContext> authenticated) {
    router.get("/api/blocks").handler(authenticated).handler(ctx ->
        Rest.reply(ctx, 200, members.blockList(Rest.user(ctx)).map(list -> {
          JsonArray items = new JsonArray();
          list.forEach(b -> items.add(
              new JsonObject().put("username", b.username()).put("since", b.since().toString())));
          return new JsonObject().put("items", items);
        })));
    router.put("/api/blocks/:username").handler(authenticated).handler(ctx ->
        Rest.reply(ctx, 204, members.block(Rest.user(ctx), ctx.pathParam("username").toLowerCase())));
    router.delete("/api/blocks/:username").handler(authenticated).handler(ctx ->
        Rest.reply(ctx, 204, members.unblock(Rest.user(ctx), ctx.pathParam("username").toLowerCase())));
  }
}
