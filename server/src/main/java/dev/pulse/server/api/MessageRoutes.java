package dev.pulse.server.api;

import dev.pulse.server.auth.Identity;
import dev.pulse.server.chat.ChatService;
import dev.pulse.server.chat.Conversations;
import dev.pulse.server.chat.Message;
import dev.pulse.server.chat.MessageRequest;
import dev.pulse.server.core.DomainException;
import dev.pulse.server.core.Fields;
import dev.pulse.server.limits.RateLimiter;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** Conversations, history, sending and read marks over REST (the socket events do the same live). */
public final class MessageRoutes {
  static final int DEFAULT_HISTORY_PAGE = 30;
  static final int MAX_HISTORY_PAGE = 100;

  private final ChatService chat;
  private final Conversations conversations;
  private final RateLimiter messageLimit;
  private final RateLimiter readLimit;

  /** {@code messageLimit} and {@code readLimit}: the buckets of send_message and mark_read over the socket. */
  public MessageRoutes(ChatService chat, Conversations conversations, RateLimiter messageLimit, RateLimiter readLimit) {
    this.chat = chat;
    this.conversations = conversations;
    this.messageLimit = messageLimit;
    this.readLimit = readLimit;
  }

  public void mount(Router router, Handler<RoutingContext> authenticated) {
    router.get("/api/conversations").handler(authenticated).handler(this::conversations);
    router.get("/api/conversations/:username/messages").handler(authenticated).handler(this::history);
    router.post("/api/conversations/:username/read").handler(authenticated).handler(ctx -> {
      long upToId = Fields.longValue(Rest.body(ctx), "upToId");
      String user = Rest.user(ctx);
      // a read mark is announced to both users' sockets: the same budget as mark_read
      Rest.reply(ctx, 200, readLimit.acquire(user).compose(v -> conversations.markRead(user, other(ctx), upToId))
          .map(at -> new JsonObject().put("upToId", upToId).put("at", at.toString())));
    });
    router.post("/api/messages").handler(authenticated).handler(this::send);
  }

  private void send(RoutingContext ctx) {
    String user = Rest.user(ctx);
    JsonObject body = Rest.body(ctx);
    Identity.requireSelf(user, body);
    MessageRequest request = MessageRequest.from(body);
    // the same per-user budget as send_message over the socket
    messageLimit.acquire(user).compose(v -> chat.send(user, request, null)).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
      } else {
        Rest.json(ctx, ar.result().duplicate() ? 200 : 201,
            ar.result().message().toJson().put("request", ar.result().request()));
      }
    });
  }

  private void history(RoutingContext ctx) {
    String rawBefore = ctx.queryParams().get("before");
    Long before = null;
    if (rawBefore != null && !rawBefore.isBlank()) {
      try {
        before = Long.parseLong(rawBefore.trim());
      } catch (NumberFormatException e) {
        throw DomainException.invalid("'before' must be a message id");
      }
    }
    int limit = Fields.queryInt(ctx.queryParams().get("limit"), "limit", DEFAULT_HISTORY_PAGE, 1, MAX_HISTORY_PAGE);
    Rest.reply(ctx, 200, conversations.history(Rest.user(ctx), other(ctx), before, limit)
        .map(page -> new JsonObject()
            .put("items", new JsonArray(page.items().stream().map(Message::toJson).toList()))
            .put("nextBefore", page.nextBefore())
            // the composer counts against the limit the server enforces, whatever it is configured to
            .put("messageMaxLength", chat.messageMaxLength())));
  }

  private void conversations(RoutingContext ctx) {
    Rest.reply(ctx, 200, conversations.list(Rest.user(ctx)).map(listing -> new JsonObject()
        .put("items", new JsonArray(listing.items().stream().map(Conversations.Summary::toJson).toList()))
        .put("pendingRequests", listing.pendingRequests())));
  }

  private static String other(RoutingContext ctx) {
    return ctx.pathParam("username").toLowerCase();
  }
}
