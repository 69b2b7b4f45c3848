package dev.tuf4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class OneLineTest {
  @Test
  void plainTextIsReturnedAsItIs() {
    String text = "targets: expected version 3, got 2 (é, 中)";
    assertSame(text, OneLine.of(text));
  }

  @Test
  void newlinesAndEscapeSequencesAreShownEscaped() {
    assertEquals("a\\nb\\r\\tc\\u001b[31m\\u0085", OneLine.of("a\nb\r\tc\u001b[31m\u0085"));
  }

  @Property
  void theResultHasNoControlCharacter(@ForAll String text) {
    String line = OneLine.of(text);
    assertTrue(line.chars().noneMatch(c -> c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f)
        || c == 0x2028 || c == 0x2029), line);
  }
}
