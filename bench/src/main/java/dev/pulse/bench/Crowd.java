package dev.pulse.bench;

import dev.pulse.bench.Registration.User;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The run's users and their sockets, with the two steps every scenario starts with: register
 * them all, then connect them (all, or a group at a time). Timings go into the report.
 */
final class Crowd {
  private static final Duration REGISTER_TIMEOUT = Duration.ofMinutes(10);
  private static final Duration CONNECT_TIMEOUT = Duration.ofMinutes(10);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final BenchLoop loop;
  private final Servers server;
  private final Options options;
  private List<User> users = List.of();
  private String runTag;
  private List<BenchClient> clients = List.of();
  private Connector connector;

  Crowd(BenchLoop loop, Servers server, Options options) {
    this.loop = loop;
    this.server = server;
    this.options = options;
  }

  /** Registers {@code count} users. */
  void register(int count, Report report) throws InterruptedException {
    System.out.printf("pulse bench: registering %d users%n", count);
    Registration registration = loop.call(() ->
        new Registration(loop.vertx(), server.first().host(), server.first().port(), options.registerConcurrency()));
    long start = System.nanoTime();
    users = loop.await(() -> registration.registerAll(count), REGISTER_TIMEOUT);
    double seconds = (System.nanoTime() - start) / 1e9;
    loop.await(registration::close, Duration.ofSeconds(10));
    runTag = registration.runTag();
    report.add("registered", Report.count(count) + " users in " + Report.decimal(seconds, 2) + " s ("
        + Report.decimal(count / seconds, 0) + "/s), names b" + registration.runTag() + "u*",
        "registerSeconds", Report.round(seconds, 3));
  }

  /** Makes one client per user; {@code listener} is given each client's index. */
  void createClients(IntFunction<BenchClient.Listener> listener) throws InterruptedException {
    clients = loop.call(() -> {
      List<BenchClient> list = new ArrayList<>(users.size());
      for (int i = 0; i < users.size(); i++) {
        User u = users.get(i);
        list.add(new BenchClient(i, u.username(), u.token(), listener.apply(i)));
      }
      return Collections.unmodifiableList(list);
    });
  }

  /** Connects every client; see {@link #connect(List, Report)}. */
  double connect(Report report) throws InterruptedException {
    return connect(clients, report);
  }

  /**
   * Connects {@code group}, {@code options.connectConcurrency()} handshakes at a time; returns
   * the seconds it took and fails the report for any client that could not connect.
   */
  double connect(List<BenchClient> group, Report report) throws InterruptedException {
    System.out.printf("pulse bench: connecting %d sockets%n", group.size());
    if (connector == null) {
      connector = loop.call(() -> new Connector(loop, server, options.connectConcurrency()));
    }
    int failedBefore = loop.call(() -> connector.failures().size());
    long start = System.nanoTime();
    loop.await(() -> connector.connectAll(group), CONNECT_TIMEOUT);
    double seconds = (System.nanoTime() - start) / 1e9;
    List<String> failures = loop.call(() -> List.copyOf(connector.failures()));
    if (failures.size() > failedBefore) {
      report.fail((failures.size() - failedBefore) + " sockets could not connect, e.g. " + failures.get(failedBefore));
    }
    report.put("connectFailures", failures.size());
    return seconds;
  }

  /** The random part of this run's usernames ({@link Registration#username}). */
  String runTag() {
    return runTag;
  }

  /** The registered users' names, by index. */
  List<String> usernames() {
    return users.stream().map(User::username).toList();
  }

  List<BenchClient> clients() {
    return clients;
  }

  /** Closes {@code group}'s sockets (the server sees them leave) without waiting. */
  void close(List<BenchClient> group) throws InterruptedException {
    loop.run(() -> group.forEach(BenchClient::close));
  }

  /** Closes every socket and waits until their connections are gone. */
  void closeAll() throws InterruptedException {
    close(clients);
    loop.waitUntil(() -> clients.stream().noneMatch(BenchClient::open), CLOSE_TIMEOUT, 20);
  }
}
