package dev.pulse.server;

import dev.pulse.server.config.Config;
import java.net.BindException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts Pulse from environment variables; Ctrl-C stops it gracefully. */
public final class Main {
  private static final Logger log = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) {
    Config config;
    try {
      config = Config.fromEnv(System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("pulse: " + e.getMessage());
      System.exit(2);
      return;
    }
    try {
      PulseApp app = PulseApp.start(config);
      Runtime.getRuntime().addShutdownHook(new Thread(app::close, "pulse-shutdown"));
    } catch (Exception e) {
      if (rootCause(e) instanceof BindException) {
        // the usual first-run problem: say what to do instead of printing a stack trace
        log.error("Pulse could not start: {}:{} is already in use (set PORT to use another port)",
            config.host(), config.port());
      } else {
        log.error("Pulse could not start: {}", e.getMessage(), e);
      }
      System.exit(1);
    }
  }

  private static Throwable rootCause(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause;
  }
}
