package dev.tuf4j.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The pep458 command's results: one row per measurement, with tuf4j's value, a peer's (another
 * client, a goal, or the floor it is compared with) and their ratio; printed as one markdown
 * table and written as JSON.
 */
final class MacroReport {
  /** Samples of one measurement: median, spread (min, max), how many. */
  record Stats(double median, double min, double max, int n) {
    static Stats of(List<Double> samples) {
      if (samples.isEmpty()) {
        throw new IllegalArgumentException("no samples");
      }
      double[] s = samples.stream().mapToDouble(Double::doubleValue).toArray();
      Arrays.sort(s);
      double median = s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
      return new Stats(median, s[0], s[s.length - 1], s.length);
    }

    static Stats single(double value) {
      return new Stats(value, value, value, 1);
    }

    String format(String unit) {
      String m = number(median) + " " + unit;
      return n > 1 ? m + " (" + number(min) + "-" + number(max) + ", n=" + n + ")" : m;
    }
  }

  /**
   * One measurement.
   *
   * @param id stable key for the JSON, e.g. {@code client.cold_ms}
   * @param tuf4j null when not measured (see note)
   * @param peerName who or what tuf4j is compared with, or null for none
   * @param peer null when not measured or no peer
   */
  record Row(String id, String measurement, String unit, Stats tuf4j, String peerName, Stats peer, String note) {
    Double ratio() {
      return tuf4j == null || peer == null || peer.median() == 0 ? null : tuf4j.median() / peer.median();
    }
  }

  private final List<Row> rows = new ArrayList<>();
  private final List<String> header = new ArrayList<>();

  void headerLine(String line) {
    header.add(line);
  }

  void add(String id, String measurement, String unit, Stats tuf4j, String peerName, Stats peer, String note) {
    rows.add(new Row(id, measurement, unit, tuf4j, peerName, peer, note == null ? "" : note));
  }

  List<Row> rows() {
    return List.copyOf(rows);
  }

  String markdown() {
    StringBuilder b = new StringBuilder();
    for (String h : header) {
      b.append(h).append('\n');
    }
    b.append('\n');
    b.append("| measurement | tuf4j | peer | peer value | ratio tuf4j/peer | note |\n");
    b.append("|---|---:|---|---:|---:|---|\n");
    for (Row r : rows) {
      Double ratio = r.ratio();
      b.append("| ").append(r.measurement())
          .append(" | ").append(r.tuf4j() == null ? "-" : r.tuf4j().format(r.unit()))
          .append(" | ").append(r.peerName() == null ? "" : r.peerName())
          .append(" | ").append(r.peer() == null ? "-" : r.peer().format(r.unit()))
          .append(" | ").append(ratio == null ? "-" : String.format(Locale.ROOT, "%.2f", ratio))
          .append(" | ").append(r.note().replace("|", "/"))
          .append(" |\n");
    }
    return b.toString();
  }

  String json() {
    StringBuilder b = new StringBuilder("{\n  \"header\": [");
    for (int i = 0; i < header.size(); i++) {
      b.append(i == 0 ? "" : ", ").append(quote(header.get(i)));
    }
    b.append("],\n  \"rows\": [\n");
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      b.append("    {\"id\": ").append(quote(r.id()))
          .append(", \"measurement\": ").append(quote(r.measurement()))
          .append(", \"unit\": ").append(quote(r.unit()))
          .append(", \"tuf4j\": ").append(stats(r.tuf4j()))
          .append(", \"peer\": ").append(r.peerName() == null ? "null" : quote(r.peerName()))
          .append(", \"peerValue\": ").append(stats(r.peer()))
          .append(", \"ratio\": ").append(r.ratio() == null ? "null" : jsonNumber(r.ratio()))
          .append(", \"note\": ").append(quote(r.note()))
          .append(i + 1 < rows.size() ? "},\n" : "}\n");
    }
    return b.append("  ]\n}\n").toString();
  }

  private static String stats(Stats s) {
    if (s == null) {
      return "null";
    }
    return "{\"median\": " + jsonNumber(s.median()) + ", \"min\": " + jsonNumber(s.min()) + ", \"max\": "
        + jsonNumber(s.max()) + ", \"n\": " + s.n() + "}";
  }

  private static String jsonNumber(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return "null";
    }
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : String.format(Locale.ROOT, "%.4f", d);
  }

  static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        default -> {
          if (c < 0x20) {
            b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  /** Three significant digits at most, thousands separated. */
  static String number(double d) {
    double a = Math.abs(d);
    if (a >= 100 || d == Math.rint(d)) {
      return String.format(Locale.ROOT, "%,.0f", d);
    } else if (a >= 10) {
      return String.format(Locale.ROOT, "%.1f", d);
    } else if (a >= 1) {
      return String.format(Locale.ROOT, "%.2f", d);
    }
    return String.format(Locale.ROOT, "%.3f", d);
  }
}
