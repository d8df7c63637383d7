package dev.pulse.socketio.adapter;

import dev.pulse.socketio.Namespace;

/** Creates the adapter of each namespace; set it in the server options to change backends. */
@FunctionalInterface
public interface AdapterFactory {
  Adapter create(Namespace namespace);
}
