package dev.pulse.server.realtime;

import dev.pulse.server.chat.ChatService;
import dev.pulse.server.limits.RateLimiter;
import dev.pulse.server.metrics.PulseMetrics;
import dev.pulse.server.presence.PresenceTracker;
import java.time.Clock;

/** The events a client may send, each with its handler and rate limit. */
public final class ClientEvents {
  private ClientEvents() {}

  public static EventRouter router(ChatService chat, PresenceTracker presence, PulseMetrics metrics,
      RateLimiter messages, RateLimiter typing, RateLimiter other, Clock clock) {
    ChatEvents chatEvents = new ChatEvents(chat);
    PresenceEvents presenceEvents = new PresenceEvents(presence);
    return new EventRouter(other, presence, metrics, clock)
        .on("send_message", messages, chatEvents::sendMessage)
        .on("user_typing", typing, chatEvents::typing)
        .on("mark_read", chatEvents::markRead)
        .on("set_status", presenceEvents::setStatus)
        .on("user_online", presenceEvents::userOnline)
        .on("activity", presenceEvents::activity);
  }
}
