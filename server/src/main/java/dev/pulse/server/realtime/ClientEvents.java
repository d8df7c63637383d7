package dev.pulse.server.realtime;

import dev.pulse.server.calls.CallService;
import dev.pulse.server.chat.ChatService;
import dev.pulse.server.chat.Conversations;
import dev.pulse.server.chat.Inbox;
import dev.pulse.server.chat.Reactions;
import dev.pulse.server.limits.UserLimits;
import dev.pulse.server.presence.PresenceService;
import java.time.Clock;

/** The events a client may send, each with its handler and rate limit. */
public final class ClientEvents {
  private ClientEvents() {}

  public static EventRouter router(ChatService chat, Conversations conversations, Reactions reactions, Inbox inbox,
      PresenceService presence, CallService calls, UserLimits limits, int watchMax, Clock clock) {
    ChatEvents chatEvents = new ChatEvents(chat, conversations, reactions);
    PresenceEvents presenceEvents = new PresenceEvents(presence);
    PresenceWatch watch = new PresenceWatch(presence, inbox, watchMax);
    CallEvents callEvents = new CallEvents(calls);
    return new EventRouter(limits.events(), presence, clock)
        .on("send_message", limits.messages(), chatEvents::sendMessage)
        .on("user_typing", limits.typing(), chatEvents::typing)
        .on("mark_read", chatEvents::markRead)
        .on("react", limits.reactions(), chatEvents::react)
        .on("set_status", limits.status(), presenceEvents::setStatus)
        .on("user_online", presenceEvents::userOnline)
        .on("activity", presenceEvents::activity)
        .on("presence_watch", watch::watch)
        .on("call_invite", limits.calls(), callEvents::invite)
        .on("call_accept", callEvents::accept)
        .on("call_decline", callEvents::decline)
        .on("call_cancel", callEvents::cancel)
        .on("call_hangup", callEvents::hangup)
        .on("call_signal", callEvents::signal);
  }
}
