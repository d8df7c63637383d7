package dev.pulse.server.api;

import dev.pulse.server.chat.Conversations;
import dev.pulse.server.chat.Requests;
import dev.pulse.server.limits.RateLimiter;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;

/** Message requests: the list waiting for the caller's answer, accepting and declining one. */
public final class RequestRoutes {
  private final Conversations conversations;
  private final Requests requests;
  private final RateLimiter answerLimit;

  /** {@code answerLimit}: the bucket of the other events (an answer is announced to the user's sockets). */
  public RequestRoutes(Conversations conversations, Requests requests, RateLimiter answerLimit) {
    this.conversations = conversations;
    this.requests = requests;
    this.answerLimit = answerLimit;
  }

  public void mount(Router router, Handler<RoutingContext> authenticated) {
    router.get("/api/requests").handler(authenticated).handler(ctx ->
        Rest.reply(ctx, 200, conversations.requests(Rest.user(ctx)).map(list -> new JsonObject()
            .put("items", new JsonArray(list.stream().map(Conversations.Summary::toJson).toList())))));
    router.post("/api/requests/:username/accept").handler(authenticated).handler(ctx ->
        answer(ctx, "accepted", requests::accept));
    router.post("/api/requests/:username/decline").handler(authenticated).handler(ctx ->
        answer(ctx, "declined", requests::decline));
  }

  private interface Answer {
    Future<Void> apply(String me, String requester);
  }

  private void answer(RoutingContext ctx, String status, Answer answer) {
    String me = Rest.user(ctx);
    String other = ctx.pathParam("username").toLowerCase(Locale.ROOT);
    Rest.reply(ctx, 200, answerLimit.acquire(me).compose(v -> answer.apply(me, other))
        .map(v -> new JsonObject().put("with", other).put("status", status)));
  }
}
