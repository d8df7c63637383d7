package dev.pulse.server.chat;

import java.util.Locale;

/**
 * Where two members stand since the first message between them: who wrote first ({@code
 * requester}) to whom ({@code addressee}), and whether that first message is still a request.
 */
public record Standing(String requester, String addressee, State state) {

  /** A request waits ({@code PENDING}) until it is accepted or declined; accepted is for good. */
  public enum State {
    PENDING, ACCEPTED, DECLINED;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static State of(String wire) {
      return valueOf(wire.toUpperCase(Locale.ROOT));
    }
  }
}
