package dev.pulse.socketio.redis;

/**
 * The channel names of one namespace. Three kinds: the namespace channel, which every node hears
 * (broadcasts to everyone or to socket ids, and requests); one channel per room, which only nodes
 * with a socket in that room hear, so a message to one user does not travel to every node; and
 * one channel per node, for answers to its requests.
 */
final class Channels {
  private final String namespaceChannel;
  private final String roomPrefix;
  private final String nodePrefix;

  Channels(String prefix, String namespace) {
    this.namespaceChannel = prefix + "#" + namespace + "#";
    this.roomPrefix = namespaceChannel + "room#";
    this.nodePrefix = prefix + "-node#" + namespace + "#";
  }

  String namespace() {
    return namespaceChannel;
  }

  String room(String room) {
    return roomPrefix + room + "#";
  }

  String node(String nodeId) {
    return nodePrefix + nodeId + "#";
  }

  /**
   * Socket ids are rooms of one that no node subscribes to; they are 20 base64url characters,
   * and a broadcast naming one goes over the namespace channel.
   */
  static boolean looksLikeSocketId(String room) {
    if (room.length() != 20) {
      return false;
    }
    for (int i = 0; i < room.length(); i++) {
      char c = room.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
