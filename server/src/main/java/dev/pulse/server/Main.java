package dev.pulse.server;

import dev.pulse.server.config.Config;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
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
    // a second `./pulse run` is the usual case: one line, before the database or any log is touched
    if (config.port() != 0 && portTaken(config.host(), config.port())) {
      System.err.println(busyPort(config));
      System.exit(1);
      return;
    }
    try {
      PulseApp app = PulseApp.start(config);
      Runtime.getRuntime().addShutdownHook(new Thread(app::close, "pulse-shutdown"));
    } catch (Exception e) {
      if (rootCause(e) instanceof BindException) {
        // the usual first-run problem: say what to do instead of printing a stack trace
        // taken between the check above and the listen
        log.error(busyPort(config));
      } else {
        log.error("Pulse could not start: {}", e.getMessage(), e);
      }
      System.exit(1);
    }
  }

  private static String busyPort(Config config) {
    return "Pulse could not start: " + config.host() + ":" + config.port() + " is already in use (set PORT to use"
        + " another port, or stop the Pulse already running there)";
  }

  /** True when nothing can listen on {@code host:port} now (what the server's own listen would meet). */
  private static boolean portTaken(String host, int port) {
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(new InetSocketAddress(host, port));
      return false;
    } catch (IOException e) {
      return e instanceof BindException;
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
