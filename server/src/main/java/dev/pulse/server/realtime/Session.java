package dev.pulse.server.realtime;

import dev.pulse.socketio.Socket;
import java.time.Instant;

/**
 * One authenticated connection: who it is (from the token, never from payloads), its socket, and
 * when its token expires (the connection is closed then; see {@link TokenExpiry}).
 */
public record Session(String username, Socket socket, Instant tokenExpires) {}
