package dev.pulse.server.chat;

import dev.pulse.server.core.DomainException;
import dev.pulse.server.store.Database;
import dev.pulse.server.store.MessageRepository;
import io.vertx.core.Future;

/**
 * What a message to send refers to: the message it replies to (of the same conversation) and the
 * photo it carries (uploaded by the sender for this recipient). The database is read only when
 * the request names one of them, once for both: a plain text costs nothing here.
 */
final class Attachments {
  /** The quote and the photo of a message; both null for a plain text. */
  record Resolved(Quote reply, ChatPhoto photo) {
    static final Resolved NONE = new Resolved(null, null);
  }

  private final Database db;
  private final MessageRepository messages;
  private final ChatPhotos photos;

  Attachments(Database db, MessageRepository messages, ChatPhotos photos) {
    this.db = db;
    this.messages = messages;
    this.photos = photos;
  }

  Future<Resolved> resolve(String from, MessageRequest request) {
    if (request.replyTo() == null && request.photoId() == null) {
      return Future.succeededFuture(Resolved.NONE);
    }
    String to = request.to();
    return db.read(c -> {
      Quote reply = null;
      if (request.replyTo() != null) {
        String pair = Message.pairKey(from, to);
        // a message elsewhere is refused as one that does not exist: its existence is not told
        reply = messages.find(c, request.replyTo())
            .filter(m -> Message.pairKey(m.from(), m.to()).equals(pair))
            .map(Quote::of)
            .orElseThrow(() -> DomainException.invalid(
                "'replyTo' must be the id of a message in your conversation with " + to));
      }
      ChatPhoto photo = request.photoId() == null ? null : photos.attachable(c, from, to, request.photoId());
      return new Resolved(reply, photo);
    });
  }
}
