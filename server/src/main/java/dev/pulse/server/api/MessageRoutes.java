package dev.pulse.server.api;

import dev.pulse.server.chat.ChatService;
import dev.pulse.server.chat.Message;
import dev.pulse.server.profiles.ProfileService;
import dev.pulse.server.profiles.Members;
import dev.pulse.server.store.Database;
import dev.pulse.server.store.MessageRepository;
import dev.pulse.server.store.MessageRepository.Conversation;
import dev.pulse.server.store.ProfileRepository;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import dev.pulse.server.limits.RateLimiter;
import dev.pulse.server.metrics.PulseMetrics;
import dev.pulse.server.profiles.Avatars;
import java.time.Instant;

/** Conversations, history, sending and read marks over REST (the socket events do the same live). */
public final class MessageRoutes {
  static final int DEFAULT_HISTORY_PAGE = 30;
  static final int MAX_HISTORY_PAGE = 100;
  static final int MAX_CONVERSATIONS = 200;

  private final ChatService chat;
  private final ProfileService profiles;
  private final Members members;
  private final Database db;
  private final ProfileRepository profileRepository;
  private final MessageRepository messages;
  private final RateLimiter messageLimit;
  private final PulseMetrics metrics;

  public MessageRoutes(ChatService chat, ProfileService profiles, Members members, Database db,
      ProfileRepository profileRepository, MessageRepository messages, RateLimiter messageLimit,
      PulseMetrics metrics) {
    this.messages = messages;
    this.messageLimit = messageLimit;
    this.metrics = metrics;
    this.chat = chat;
    this.profiles = profiles;
    this.members = members;
    this.db = db;
    this.profileRepository = profileRepository;
  }

  public void mount(Router router, Handler<RoutingContext> authenticated) {
    router.get("/api/conversations").handler(authenticated).handler(this::conversations);
    router.get("/api/conversations/:username/messages").handler(authenticated).handler(this::history);
    router.post("/api/conversations/:username/read").handler(authenticated).handler(ctx -> {
      long upToId = Fields.longValue(Rest.body(ctx), "upToId");
      Rest.reply(ctx, 200, chat.markRead(Rest.user(ctx), other(ctx), upToId));
    });
    router.post("/api/messages").handler(authenticated).handler(this::send);
  }

  private void send(RoutingContext ctx) {
    JsonObject body = Rest.body(ctx);
    if (body.containsKey("from") && !Rest.user(ctx).equals(body.getValue("from"))) {
      throw ApiException.forbidden("You are signed in as " + Rest.user(ctx) + "; 'from' cannot name someone else");
    }
    String to = Fields.string(body, "to", true, 32).toLowerCase();
    try {
      // the same per-user budget as send_message over the socket
      messageLimit.take(Rest.user(ctx));
    } catch (ApiException e) {
      metrics.rateLimited(messageLimit.kind());
      throw e;
    }
    String clientId = Fields.string(body, "clientId", false, 64);
    chat.send(Rest.user(ctx), to, Fields.raw(body, "message"), clientId, null).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
      } else {
        Rest.json(ctx, ar.result().duplicate() ? 200 : 201, ar.result().message().toJson());
      }
    });
  }

  private void history(RoutingContext ctx) {
    String other = other(ctx);
    String rawBefore = ctx.queryParams().get("before");
    Long beforeId = null;
    if (rawBefore != null && !rawBefore.isBlank()) {
      try {
        beforeId = Long.parseLong(rawBefore.trim());
      } catch (NumberFormatException e) {
        throw ApiException.badRequest("'before' must be a message id");
      }
    }
    int limit = Fields.queryInt(ctx.queryParams().get("limit"), "limit", DEFAULT_HISTORY_PAGE, 1, MAX_HISTORY_PAGE);
    Long before = beforeId;
    Rest.reply(ctx, 200, members.require(other).compose(m -> chat.history(Rest.user(ctx), other, before, limit))
        .map(page -> new JsonObject()
            .put("items", new JsonArray(page.stream().map(Message::toJson).toList()))
            .put("nextBefore", page.size() < limit ? null : page.get(0).id())));
  }

  private void conversations(RoutingContext ctx) {
    String user = Rest.user(ctx);
    Rest.reply(ctx, 200, members.blockersOf(user).compose(blockers -> db.run(c -> {
      JsonArray items = new JsonArray();
      for (Conversation conv : messages.conversations(c, user, MAX_CONVERSATIONS)) {
        JsonObject item = new JsonObject().put("with", conv.with())
            .put("lastMessage", conv.lastMessage().toJson()).put("unread", conv.unread());
        Instant lastSeen = null;
        var row = profileRepository.find(c, conv.with());
        if (row.isPresent()) {
          item.put("displayName", row.get().profile().displayName())
              .put("avatarUrl", Avatars.urlOf(row.get().profile()));
          lastSeen = row.get().lastSeen();
        }
        // presence is read from the tracker; the map below runs back on the event loop
        item.put("lastSeen", lastSeen == null ? null : lastSeen.toString());
        items.add(item);
      }
      return items;
    }).map(items -> {
      for (Object o : items) {
        JsonObject item = (JsonObject) o;
        String with = item.getString("with");
        String lastSeen = (String) item.remove("lastSeen");
        item.put("presence", profiles.view(with, lastSeen == null ? null : Instant.parse(lastSeen),
            blockers.contains(with)).toJson());
      }
      return new JsonObject().put("items", items);
    })));
  }

  private static String other(RoutingContext ctx) {
    return ctx.pathParam("username").toLowerCase();
  }
}
