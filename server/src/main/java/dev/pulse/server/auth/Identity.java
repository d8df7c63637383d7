package dev.pulse.server.auth;

import dev.pulse.server.core.DomainException;
import io.vertx.core.json.JsonObject;

/**
 * Who is asking comes from their token, never from what they send: a request whose {@code from}
 * or {@code username} names someone else is refused, over the socket and REST alike.
 */
public final class Identity {
  private static final String[] CLAIMING_FIELDS = {"from", "username"};

  private Identity() {}

  /** Throws {@code forbidden} when {@code payload} claims to come from anyone but {@code user}. */
  public static void requireSelf(String user, JsonObject payload) {
    for (String field : CLAIMING_FIELDS) {
      Object claimed = payload.getValue(field);
      if (claimed != null && !user.equals(claimed)) {
        throw DomainException.forbidden("You are signed in as " + user + "; '" + field + "' cannot name someone else");
      }
    }
  }
}
