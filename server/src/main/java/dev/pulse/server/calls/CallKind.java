package dev.pulse.server.calls;

import dev.pulse.server.core.DomainException;

/** What a call carries: voice only, or voice and video. */
public enum CallKind {
  AUDIO("audio", "voice call"),
  VIDEO("video", "video call");

  private final String wire;
  private final String words;

  CallKind(String wire, String words) {
    this.wire = wire;
    this.words = words;
  }

  public String wire() {
    return wire;
  }

  /** How people call it: "voice call", "video call". */
  public String words() {
    return words;
  }

  /** {@code bad_request} for anything but "audio" or "video". */
  public static CallKind of(String wire) {
    for (CallKind k : values()) {
      if (k.wire.equals(wire)) {
        return k;
      }
    }
    throw DomainException.invalid("'kind' must be audio or video");
  }
}
