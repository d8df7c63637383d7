package dev.pulse.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code presence_watch}: client {@code i} of {@code n} watches the next {@code size} users by
 * index (wrapping round), as a page of profile cards would. Builds the event and reads its
 * answer, {@code {ok:true, presence:{<username>:{online,status,lastSeen}}}} (once per socket, so
 * parsed as JSON).
 */
final class WatchList {
  static final String EVENT = "presence_watch";

  private WatchList() {}

  /** The indexes client {@code i} watches. */
  static List<Integer> watched(int i, int n, int size) {
    List<Integer> list = new ArrayList<>(size);
    for (int k = 1; k <= size && k < n; k++) {
      list.add((i + k) % n);
    }
    return list;
  }

  /** {@code 42<ackId>["presence_watch",{"usernames":[...]}]} */
  static String frame(int ackId, List<String> usernames) {
    JsonArray names = new JsonArray();
    usernames.forEach(names::add);
    return Frames.event(ackId, EVENT, new JsonObject().put("usernames", names).encode());
  }

  /** The answer: null when it was an error (then {@link #error} says which). */
  static Set<String> onlineIn(Frame ack) {
    try {
      JsonObject reply = new JsonArray(ack.data()).getJsonObject(0);
      if (!reply.getBoolean("ok", false)) {
        return null;
      }
      Set<String> online = new HashSet<>();
      JsonObject presence = reply.getJsonObject("presence", new JsonObject());
      for (String name : presence.fieldNames()) {
        if (presence.getValue(name) instanceof JsonObject p && p.getBoolean("online", false)) {
          online.add(name);
        }
      }
      return online;
    } catch (RuntimeException e) {
      return null;
    }
  }

  static String error(Frame ack) {
    return Frames.errorCode(ack);
  }
}
