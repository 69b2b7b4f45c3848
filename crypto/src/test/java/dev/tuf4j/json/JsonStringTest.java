package dev.tuf4j.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class JsonStringTest {
  @Test
  void acceptsSurrogatePairs() {
    assertEquals("\ud83d\ude00", new JsonString("\ud83d\ude00").value());
  }

  @Test
  void refusesLoneSurrogatesWhichHaveNoUtf8Form() {
    for (String bad :
        new String[] {"\ud800", "\udc00", "x\ud83d", "\ude00\ud83d", "\ud83d\ud83d"}) {
      assertThrows(IllegalArgumentException.class, () -> new JsonString(bad), bad);
    }
  }

  @Test
  void refusesNull() {
    assertThrows(NullPointerException.class, () -> new JsonString(null));
  }
}
