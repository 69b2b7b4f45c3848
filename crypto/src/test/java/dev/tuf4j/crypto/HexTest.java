package dev.tuf4j.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class HexTest {
  @Test
  void encodesLowerCase() {
    assertEquals("00ff10ab", Hex.encode(new byte[] {0, (byte) 0xFF, 0x10, (byte) 0xAB}));
    assertEquals("", Hex.encode(new byte[0]));
  }

  @Test
  void decodesEitherCase() {
    assertArrayEquals(new byte[] {(byte) 0xAB, (byte) 0xCD}, Hex.decode("abCD").orElseThrow());
  }

  @Test
  void rejectsOddLengthAndNonHexCharacters() {
    assertTrue(Hex.decode("abc").isEmpty());
    assertTrue(Hex.decode("0g").isEmpty());
    assertTrue(Hex.decode(" 0").isEmpty());
    assertTrue(Hex.decode("0x").isEmpty());
    // Digits of other scripts, which Character.digit would accept.
    assertTrue(Hex.decode("\u0663\u0663").isEmpty(), "Arabic-Indic three");
    assertTrue(Hex.decode("\uFF21\uFF21").isEmpty(), "fullwidth A");
  }

  @Property
  void decodeInvertsEncode(@ForAll byte[] bytes) {
    assertArrayEquals(bytes, Hex.decode(Hex.encode(bytes)).orElseThrow());
  }
}
