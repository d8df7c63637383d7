package dev.pulse.socketio.robustness;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/**
 * Records what the server logs at ERROR level or with a stack trace, and every exception Vert.x
 * reports as unhandled, so a test can assert that nothing blew up behind the protocol.
 */
final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {

  final Queue<String> problems = new ConcurrentLinkedQueue<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

  static LogCapture install(Vertx serverVertx) {
    LogCapture capture = new LogCapture();
    capture.setName("robustness-capture");
    capture.setContext(capture.root.getLoggerContext());
    capture.start();
    capture.root.addAppender(capture);
    serverVertx.exceptionHandler(e -> capture.problems.add("unhandled: " + e));
    return capture;
  }

  @Override
  protected void append(ILoggingEvent event) {
    IThrowableProxy thrown = event.getThrowableProxy();
    if (event.getLevel().isGreaterOrEqual(Level.ERROR) || thrown != null) {
      problems.add(event.getLevel() + " " + event.getLoggerName() + ": "
          + event.getFormattedMessage()
          + (thrown == null ? "" : " / " + thrown.getClassName() + ": " + thrown.getMessage()));
    }
  }

  List<String> problems() {
    return problems.stream().distinct().limit(20).collect(Collectors.toList());
  }

  @Override
  public void close() {
    root.detachAppender(this);
    stop();
  }
}
