package dev.pulse.socketio;

/** The reply channel of an event the client sent with an ack id. */
public interface Ack {

  /** An ack for an event that asked for none; {@link #send} does nothing. */
  Ack NONE = new Ack() {
    @Override
    public boolean requested() {
      return false;
    }

    @Override
    public void send(Object... args) {}
  };

  /** Whether the client is waiting for a reply. */
  boolean requested();

  /** Replies once; later calls are ignored. Arguments may hold binary anywhere. */
  void send(Object... args);
}
