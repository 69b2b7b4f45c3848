package dev.tuf4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/**
 * Every error is one printable line whatever it quotes: names a delegated role's signer chose,
 * target paths, a server's text. Control and format characters are escaped as the message is
 * made, so no caller can forget to.
 */
class TufExceptionMessageTest {
  private static String messageOf(String text) {
    return new StorageException(null, text).getMessage();
  }

  @Test
  void controlFormatAndSeparatorCharactersAreEscaped() {
    assertEquals("a\\u000aFAKE: ok", messageOf("a\nFAKE: ok"));
    assertEquals("\\u001b[2J\\u000d", messageOf("\u001b[2J\r"));
    assertEquals("\\u009b2J \\u0085 \\u007f", messageOf("\u009b2J \u0085 \u007f")); // C1, DEL
    assertEquals("x\\u202eevil\\u2066", messageOf("x\u202eevil\u2066")); // bidi overrides
    assertEquals("\\u2028\\u2029\\u200b", messageOf("\u2028\u2029\u200b")); // separators, ZWSP
    assertEquals("tab\\u0009", messageOf("tab\t"));
  }

  @Test
  void printableTextIsKeptAsItIs() {
    String text = "role 'bins-3ff' é 日本 😀 \\u0041 stays";
    assertSame(text, TufException.oneLine(text));
    assertEquals(text, messageOf(text));
  }

  @Test
  void theCauseConstructorEscapesToo() {
    Exception e = new StorageException(null, "a\nb", new RuntimeException());
    assertEquals("a\\u000ab", e.getMessage());
  }
}
