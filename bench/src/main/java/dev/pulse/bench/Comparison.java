package dev.pulse.bench;

import dev.pulse.bench.Report.Better;
import dev.pulse.bench.Report.Headline;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The two runs of {@code compare} side by side: each headline figure for the Node reference and
 * for Pulse, the ratio Pulse/Node, and which is better by how much. One RESULT line holds both
 * runs' JSON and the ratios.
 */
final class Comparison {
  private final String scenario;
  private final Report node;
  private final Report pulse;

  Comparison(String scenario, Report node, Report pulse) {
    this.scenario = scenario;
    this.node = node;
    this.pulse = pulse;
  }

  boolean failed() {
    return node.failed() || pulse.failed();
  }

  /** Pulse/Node, or NaN when it cannot be formed. */
  static double ratio(double pulseValue, double nodeValue) {
    return nodeValue == 0 ? Double.NaN : pulseValue / nodeValue;
  }

  /** "Pulse 3.2x better", "Node 1.5x better", "same". */
  static String verdict(double pulseValue, double nodeValue, Better better) {
    if (pulseValue == nodeValue) {
      return "same";
    }
    boolean pulseBetter = better == Better.HIGHER ? pulseValue > nodeValue : pulseValue < nodeValue;
    double hi = Math.max(pulseValue, nodeValue);
    double lo = Math.min(pulseValue, nodeValue);
    String times = lo <= 0 ? "far" : Report.decimal(hi / lo, 1) + "x";
    return (pulseBetter ? "Pulse " : "Node ") + times + " better";
  }

  void print(PrintStream out) {
    out.println();
    out.println("==== compare " + scenario + ": the same run against both servers, one after the other"
        + " (server on CPU 0, load generator on CPU 1) ====");
    out.println("-- Node reference --");
    node.printFigures(out);
    out.println("-- Pulse --");
    pulse.printFigures(out);
    out.println();
    Map<String, Headline> fromNode = node.headlines().stream()
        .collect(Collectors.toMap(Headline::key, Function.identity(), (a, b) -> a));
    int width = pulse.headlines().stream().mapToInt(h -> h.label().length() + h.unit().length() + 3).max().orElse(20);
    out.printf("  %-" + width + "s  %12s  %12s  %10s%n", "", "Node", "Pulse", "Pulse/Node");
    JsonObject ratios = new JsonObject();
    for (Headline p : pulse.headlines()) {
      Headline n = fromNode.get(p.key());
      String label = p.label() + " (" + p.unit() + ")";
      if (n == null) {
        out.printf("  %-" + width + "s  %12s  %12s%n", label, "n/a", shown(p.value()));
        continue;
      }
      double r = ratio(p.value(), n.value());
      ratios.put(p.key(), Double.isNaN(r) ? null : Report.round(r, 3));
      out.printf("  %-" + width + "s  %12s  %12s  %10s  %s (%s is better)%n", label, shown(n.value()),
          shown(p.value()), Double.isNaN(r) ? "n/a" : Report.decimal(r, 2), verdict(p.value(), n.value(), p.better()),
          p.better() == Better.HIGHER ? "higher" : "lower");
    }
    if (failed()) {
      out.println("  FAIL: " + (node.failed() ? "the Node run failed " : "") + (pulse.failed() ? "the Pulse run failed" : "")
          + " (see its notes above)");
    }
    out.println("  (one noisy machine: compare the ratio, not the absolute figures, and repeat before concluding)");
    JsonObject json = new JsonObject().put("scenario", scenario).put("compare", true)
        .put("node", node.json()).put("pulse", pulse.json()).put("ratios", ratios).put("ok", !failed());
    out.println("RESULT " + json.encode());
  }

  private static String shown(double v) {
    return Math.abs(v) >= 100 ? Report.decimal(v, 0) : Report.decimal(v, v < 10 ? 3 : 1);
  }
}
