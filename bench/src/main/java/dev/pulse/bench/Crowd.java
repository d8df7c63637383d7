package dev.pulse.bench;

import dev.pulse.bench.Registration.User;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * The run's users and their sockets, with the two steps every scenario starts with: register
 * them all, then connect them all. Timings of both go into the report.
 */
final class Crowd {
  private static final Duration REGISTER_TIMEOUT = Duration.ofMinutes(10);
  private static final Duration CONNECT_TIMEOUT = Duration.ofMinutes(10);

  private final BenchLoop loop;
  private final ServerProcess server;
  private final Options options;
  private List<User> users = List.of();
  private String runTag;
  private List<BenchClient> clients = List.of();
  private Connector connector;

  Crowd(BenchLoop loop, ServerProcess server, Options options) {
    this.loop = loop;
    this.server = server;
    this.options = options;
  }

  /** Registers {@code options.users()} users. */
  void register(Report report) throws InterruptedException {
    int n = options.users();
    System.out.printf("pulse bench: registering %d users%n", n);
    Registration registration = loop.call(() ->
        new Registration(loop.vertx(), server.host(), server.port(), options.registerConcurrency()));
    long start = System.nanoTime();
    users = loop.await(() -> registration.registerAll(n), REGISTER_TIMEOUT);
    double seconds = (System.nanoTime() - start) / 1e9;
    loop.await(registration::close, Duration.ofSeconds(10));
    runTag = registration.runTag();
    report.add("registered", Report.count(n) + " users in " + Report.decimal(seconds, 2) + " s ("
        + Report.decimal(n / seconds, 0) + "/s), names b" + registration.runTag() + "u*",
        "registerSeconds", Report.round(seconds, 3));
  }

  /** Makes one client per user; {@code listener} is given each client's index. */
  void createClients(Function<Integer, BenchClient.Listener> listener) throws InterruptedException {
    clients = loop.call(() -> {
      List<BenchClient> list = new ArrayList<>(users.size());
      for (int i = 0; i < users.size(); i++) {
        User u = users.get(i);
        list.add(new BenchClient(i, u.username(), u.token(), listener.apply(i)));
      }
      return Collections.unmodifiableList(list);
    });
  }

  /**
   * Connects every client, {@code options.connectConcurrency()} handshakes at a time; returns
   * the seconds it took and fails the report for any client that could not connect.
   */
  double connect(Report report) throws InterruptedException {
    System.out.printf("pulse bench: connecting %d sockets%n", clients.size());
    connector = loop.call(() -> new Connector(loop.vertx(), server.host(), server.port(),
        options.connectConcurrency(), clients.size()));
    long start = System.nanoTime();
    loop.await(() -> connector.connectAll(clients), CONNECT_TIMEOUT);
    double seconds = (System.nanoTime() - start) / 1e9;
    List<String> failures = loop.call(() -> List.copyOf(connector.failures()));
    if (!failures.isEmpty()) {
      report.fail(failures.size() + " sockets could not connect, e.g. " + failures.get(0));
    }
    report.put("connectFailures", failures.size());
    return seconds;
  }

  /** The random part of this run's usernames ({@link Registration#username}). */
  String runTag() {
    return runTag;
  }

  List<BenchClient> clients() {
    return clients;
  }

  /** Closes every socket (the server sees them leave) and the WebSocket client. */
  void closeAll() throws InterruptedException {
    loop.run(() -> clients.forEach(BenchClient::close));
    if (connector != null) {
      loop.await(connector::close, Duration.ofSeconds(30));
    }
  }
}
