package dev.tuf4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MacroReportTest {
  @Test
  void statsGiveMedianAndSpread() {
    MacroReport.Stats s = MacroReport.Stats.of(List.of(5.0, 1.0, 3.0, 100.0));
    assertEquals(4.0, s.median());
    assertEquals(1.0, s.min());
    assertEquals(100.0, s.max());
    assertEquals(4, s.n());
  }

  @Test
  void theRatioIsTuf4jOverThePeersMedian() {
    MacroReport r = new MacroReport();
    r.add("x", "x", "ms", MacroReport.Stats.single(3), "peer", MacroReport.Stats.of(List.of(6.0, 5.0, 7.0)), "");
    assertEquals(0.5, r.rows().get(0).ratio());
    assertTrue(r.markdown().contains("| 0.50 |"), r.markdown());
  }

  @Test
  void aRowWithoutAPeerValueHasNoRatio() {
    MacroReport r = new MacroReport();
    r.add("x", "x", "ms", MacroReport.Stats.single(3), "tuf-js", null, "over the limit");
    assertNull(r.rows().get(0).ratio());
    assertTrue(r.json().contains("\"ratio\": null"), r.json());
  }

  @Test
  void jsonStringsAreEscaped() {
    assertEquals("\"a\\\"b\\\\c\\n\\u0001\"", MacroReport.quote("a\"b\\c\n\u0001"));
  }
}
