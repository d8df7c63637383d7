package dev.pulse.bench;

import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A scenario's figures twice: an aligned block for people and one {@code RESULT {...}} JSON
 * line for scripts comparing runs. Figures that could not be measured (for example CPU of a
 * server this run did not start) are shown as "n/a" and left out of the JSON.
 */
final class Report {
  private record Row(String label, String value) {}

  /** Which way a figure is better, for comparisons. */
  enum Better {
    HIGHER,
    LOWER
  }

  /** A figure that {@code compare} puts side by side for the two servers. */
  record Headline(String label, String key, double value, String unit, Better better) {}

  private final String title;
  private final List<Row> rows = new ArrayList<>();
  private final List<Headline> headlines = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private final JsonObject json = new JsonObject();
  private boolean failed;

  Report(String scenario, String title) {
    this.title = title;
    json.put("scenario", scenario);
  }

  /** A row for people, and {@code value} under {@code key} in the JSON unless key is null. */
  Report add(String label, String shown, String key, Object value) {
    rows.add(new Row(label, shown));
    if (key != null && value != null) {
      json.put(key, value);
    }
    return this;
  }

  Report add(String label, String shown) {
    return add(label, shown, null, null);
  }

  /** Only in the JSON. */
  Report put(String key, Object value) {
    json.put(key, value);
    return this;
  }

  /**
   * A figure to compare across servers (it is also in the JSON, under {@code headline}); a
   * negative value means it could not be measured and is left out.
   */
  Report headline(String label, String key, double value, String unit, Better better) {
    if (value >= 0) {
      headlines.add(new Headline(label, key, value, unit, better));
      JsonObject h = json.getJsonObject("headline");
      if (h == null) {
        h = new JsonObject();
        json.put("headline", h);
      }
      h.put(key, round(value, 3));
    }
    return this;
  }

  List<Headline> headlines() {
    return headlines;
  }

  String title() {
    return title;
  }

  /** The JSON of the RESULT line (with "ok" once printed or compared). */
  JsonObject json() {
    json.put("ok", !failed);
    return json;
  }

  /** A line under the figures; a failure also makes the run exit non-zero. */
  Report note(String text) {
    notes.add(text);
    return this;
  }

  Report fail(String text) {
    failed = true;
    notes.add("FAIL: " + text);
    return this;
  }

  /** Notes when the load generator used so much of its core that it, not the server, may be the limit. */
  Report warnIfLoadGeneratorBound(double cpuShare) {
    if (cpuShare > 0.9) {
      note("WARNING: the load generator used " + decimal(cpuShare * 100, 0)
          + "% of its core: it may be the bottleneck, not the server");
    }
    return this;
  }

  boolean failed() {
    return failed;
  }

  void print(PrintStream out) {
    printFigures(out);
    out.println("RESULT " + json().encode());
  }

  /** The figures for people, without the RESULT line. */
  void printFigures(PrintStream out) {
    int width = rows.stream().mapToInt(r -> r.label.length()).max().orElse(0);
    out.println();
    out.println(title);
    for (Row r : rows) {
      out.println("  " + pad(r.label, width) + "  " + r.value);
    }
    for (String n : notes) {
      out.println("  " + n);
    }
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(Math.max(0, width - s.length()));
  }

  /** {@code 12,345} */
  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  static String decimal(double d, int places) {
    return String.format(Locale.ROOT, "%,." + places + "f", d);
  }

  /** Rounded for the JSON: enough precision, no binary noise. */
  static double round(double d, int places) {
    double scale = Math.pow(10, places);
    return Math.round(d * scale) / scale;
  }

  /** {@code p50 / p90 / p99 / max} in ms. */
  static String latencies(LatencyHistogram h, double... percentiles) {
    StringBuilder b = new StringBuilder();
    for (double p : percentiles) {
      b.append(decimal(h.percentileMillis(p), 2)).append(" / ");
    }
    return b.append(decimal(h.maxMillis(), 2)).append(" ms").toString();
  }

  /** The histogram's figures for the JSON, in ms. */
  static JsonObject latencyJson(LatencyHistogram h) {
    return new JsonObject()
        .put("count", h.count())
        .put("p50", round(h.percentileMillis(50), 3))
        .put("p90", round(h.percentileMillis(90), 3))
        .put("p99", round(h.percentileMillis(99), 3))
        .put("max", round(h.maxMillis(), 3))
        .put("mean", round(h.meanMillis(), 3));
  }
}
