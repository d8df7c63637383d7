package dev.pulse.server.calls;

import dev.pulse.server.chat.CallEntry;
import dev.pulse.server.chat.ChatService;
import dev.pulse.server.chat.Message;
import dev.pulse.server.store.CallRepository;
import dev.pulse.server.store.Database;
import io.vertx.core.Future;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every call that ended, kept: its record (who, what kind, started, answered, ended, why, how
 * long) and its entry in the conversation, which both users' connections are sent like a message.
 * Event loop.
 */
public final class CallLog {
  private static final Logger log = LoggerFactory.getLogger(CallLog.class);

  private final Database db;
  private final CallRepository calls;
  private final ChatService chat;

  public CallLog(Database db, CallRepository calls, ChatService chat) {
    this.db = db;
    this.calls = calls;
    this.chat = chat;
  }

  /** Records {@code call}, ended at {@code endedAt} for {@code reason}, and shows it in the conversation. */
  public Future<Message> ended(Call call, Reason reason, long endedAt) {
    long duration = call.answered() ? Math.max(0, (endedAt - call.answeredAt()) / 1000) : 0;
    CallEntry entry = new CallEntry(call.id(), call.kind().wire(), reason.wire(), call.answered(), duration);
    Instant ended = Instant.ofEpochMilli(endedAt);
    CallRepository.Ended record = new CallRepository.Ended(call.id(), call.caller(), call.callee(), call.kind().wire(),
        Instant.ofEpochMilli(call.startedAt()), call.answered() ? Instant.ofEpochMilli(call.answeredAt()) : null,
        ended, reason.wire(), duration);
    // what the callee saw through, or turned down, leaves nothing unread
    Instant readAt = entry.missed() ? null : ended;
    return db.tx(c -> calls.record(c, record, entry, text(call.kind(), entry), readAt))
        .onSuccess(m -> {
          log.info("call {} {} -> {} ended: {}{}", call.id(), call.caller(), call.callee(), reason.wire(),
              call.answered() ? " after " + duration + " s" : "");
          chat.announce(m);
        })
        .onFailure(err -> log.warn("could not record call {}: {}", call.id(), err.toString()));
  }

  /** The entry as text, for clients that show only the message: "Missed video call", "Voice call · 4:12". */
  static String text(CallKind kind, CallEntry entry) {
    String words = kind.words();
    if (entry.answered()) {
      return Character.toUpperCase(words.charAt(0)) + words.substring(1) + " · " + duration(entry.durationSeconds());
    }
    return ("declined".equals(entry.reason()) ? "Declined " : "Missed ") + words;
  }

  static String duration(long seconds) {
    long h = seconds / 3600;
    long m = seconds / 60 % 60;
    long s = seconds % 60;
    return h > 0 ? String.format("%d:%02d:%02d", h, m, s) : String.format("%d:%02d", m, s);
  }
}
