package dev.pulse.server.realtime;

import dev.pulse.server.calls.CallService;
import dev.pulse.server.members.Member;

/**
 * Connections opening and closing, as calls need them: a new one rings if a call to its user is
 * ringing, or takes its user's place in a call waiting for them; a party's closing starts the
 * reconnect window. Listed after presence, so that presence knows the connection first.
 */
public final class CallConnections implements ConnectionListener {
  private final CallService calls;

  public CallConnections(CallService calls) {
    this.calls = calls;
  }

  @Override
  public void opened(Session session, Member member) {
    calls.socketOpened(session.username(), session.socket().id());
  }

  @Override
  public void closed(Session session) {
    calls.socketClosed(session.username(), session.socket().id());
  }
}
