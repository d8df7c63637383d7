package dev.pulse.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Function;

/**
 * What a run measures: one server, or the nodes of one Pulse cluster. Client {@code i} talks to
 * node {@code i mod n}; process figures (CPU, RSS, heap) are the sum over the nodes a run started,
 * so that one node and three compare as the cost of the same work.
 */
final class Servers implements AutoCloseable {
  private final List<ServerProcess> nodes;
  private final String description;

  private Servers(List<ServerProcess> nodes, String description) {
    this.nodes = List.copyOf(nodes);
    this.description = description;
  }

  /** Starts what the options name: a cluster with {@code --nodes}, else one server. */
  static Servers start(Options o, Map<String, String> scenarioEnv) throws IOException, InterruptedException {
    return start(o, scenarioEnv, System.getenv());
  }

  /** As {@link #start(Options, Map)}, with DATABASE_URL and REDIS_URL for a cluster taken from {@code outer}. */
  static Servers start(Options o, Map<String, String> scenarioEnv, Map<String, String> outer)
      throws IOException, InterruptedException {
    if (o.nodes() == 0) {
      ServerProcess one = ServerProcess.start(o, scenarioEnv);
      return new Servers(List.of(one), one.description());
    }
    String db = outer.get("DATABASE_URL");
    String redis = outer.get("REDIS_URL");
    if (blank(db) || blank(redis)) {
      throw new IOException("--nodes needs DATABASE_URL (PostgreSQL) and REDIS_URL set: the nodes share them");
    }
    Map<String, String> env = new HashMap<>(scenarioEnv);
    env.put("DATABASE_URL", db);
    env.put("REDIS_URL", redis);
    env.put("REDIS_PREFIX", "bench-" + UUID.randomUUID()); // a run's keys never meet another's
    env.put("JWT_SECRET", UUID.randomUUID() + "-" + UUID.randomUUID()); // a token from one node works on all
    List<ServerProcess> started = new ArrayList<>();
    try {
      for (int i = 0; i < o.nodes(); i++) {
        started.add(ServerProcess.start(o.withPort(o.port() + i), env));
      }
    } catch (IOException | InterruptedException | RuntimeException e) {
      started.forEach(ServerProcess::close);
      throw e;
    }
    return new Servers(started, o.nodes() + (o.nodes() == 1 ? " node" : " nodes") + " on Redis, "
        + started.get(0).description());
  }

  /** Servers already running, one per URL (the nodes of one cluster when several). */
  static Servers external(List<URI> urls) throws IOException, InterruptedException {
    List<ServerProcess> list = new ArrayList<>();
    for (URI url : urls) {
      list.add(ServerProcess.external(url));
    }
    return new Servers(list, list.size() == 1 ? list.get(0).description()
        : list.size() + " external nodes at " + urls);
  }

  int size() {
    return nodes.size();
  }

  /** The node client {@code index} uses. */
  ServerProcess forClient(int index) {
    return nodes.get(Math.floorMod(index, nodes.size()));
  }

  /** The node for the run's HTTP calls (registration, metrics that every node answers alike). */
  ServerProcess first() {
    return nodes.get(0);
  }

  String description() {
    return description;
  }

  boolean local() {
    return nodes.get(0).local();
  }

  boolean java() {
    return nodes.get(0).java();
  }

  OptionalLong cpuTicks() {
    return sumNow(ServerProcess::cpuTicks);
  }

  OptionalLong rssKiB() {
    return sumNow(ServerProcess::rssKiB);
  }

  /** A metric summed over the nodes (each counts its own sockets, say). */
  OptionalLong metricSum(String name) throws InterruptedException {
    return sum(node -> node.metric(name));
  }

  /** A metric every node reports alike (cluster-wide, such as users online), from the first. */
  OptionalLong metric(String name) throws InterruptedException {
    return first().metric(name);
  }

  boolean gc() throws InterruptedException {
    boolean all = true;
    for (ServerProcess node : nodes) {
      all &= node.gc();
    }
    return all;
  }

  OptionalLong heapUsedKiB() throws InterruptedException {
    return sum(ServerProcess::heapUsedKiB);
  }

  List<String> problems() {
    List<String> all = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      String tag = nodes.size() > 1 ? "node " + (i + 1) + ": " : "";
      nodes.get(i).problems().forEach(p -> all.add(tag + p));
    }
    return all;
  }

  /** Stops every node; returns the data folders kept ({@code keepData}), if any. */
  List<Path> stop(boolean keepData) {
    List<Path> kept = new ArrayList<>();
    for (ServerProcess node : nodes) {
      Path p = node.stop(keepData);
      if (p != null) {
        kept.add(p);
      }
    }
    return kept;
  }

  @Override
  public void close() {
    stop(false);
  }

  /** A figure read from one node, which may wait on the node (a jcmd, an HTTP call). */
  private interface Figure {
    OptionalLong of(ServerProcess node) throws InterruptedException;
  }

  /** The figure summed over every node; empty when a node could not tell. */
  private OptionalLong sum(Figure figure) throws InterruptedException {
    long total = 0;
    for (ServerProcess node : nodes) {
      OptionalLong v = figure.of(node);
      if (v.isEmpty()) {
        return OptionalLong.empty();
      }
      total += v.getAsLong();
    }
    return OptionalLong.of(total);
  }

  /** {@link #sum} of a figure read from /proc, which never waits. */
  private OptionalLong sumNow(Function<ServerProcess, OptionalLong> figure) {
    try {
      return sum(figure::apply);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return OptionalLong.empty();
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
