package dev.tuf4j.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The demo's report: one line per step - result, what, expected, got, time, bytes - and a last
 * line that says whether every expectation held.
 */
final class DemoReport {
  /** One step's outcome. */
  record Line(String what, String expected, String got, boolean ok, long nanos, long bytes) {}

  private final PrintStream out;
  private final List<Line> lines = new ArrayList<>();

  DemoReport(PrintStream out) {
    this.out = out;
  }

  void header(String text) {
    out.println(OneLine.of(text));
  }

  void columns() {
    out.println(String.format(Locale.ROOT, "%-2s %-4s %-31s %-34s %-46s %8s %9s",
        "#", "", "step", "expected", "got", "time", "bytes"));
  }

  void add(Line line) {
    lines.add(line);
    out.println(String.format(Locale.ROOT, "%2d %-4s %-31s %-34s %-46s %8s %9s",
        lines.size(), line.ok() ? "ok" : "FAIL", line.what(), line.expected(), OneLine.of(line.got()),
        seconds(line.nanos()), bytes(line.bytes())));
    out.flush();
  }

  List<Line> lines() {
    return List.copyOf(lines);
  }

  List<Line> failures() {
    return lines.stream().filter(l -> !l.ok()).toList();
  }

  static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
  }

  /** Bytes in decimal units, as file sizes are usually shown. */
  static String bytes(long n) {
    if (n <= 0) {
      return "-";
    }
    if (n < 1000) {
      return n + " B";
    }
    if (n < 1_000_000) {
      return String.format(Locale.ROOT, "%.1f kB", n / 1e3);
    }
    return String.format(Locale.ROOT, "%.1f MB", n / 1e6);
  }
}
