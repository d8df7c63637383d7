package dev.pulse.server.realtime;

import dev.pulse.socketio.Socket;

/** One authenticated connection: who it is (from the token, never from payloads) and its socket. */
public record Session(String username, Socket socket) {}
