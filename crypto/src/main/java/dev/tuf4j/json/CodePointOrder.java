package dev.tuf4j.json;

import java.util.Comparator;

/**
 * Orders strings by Unicode code point, as canonical JSON sorts object keys. {@link
 * String#compareTo} compares UTF-16 code units, which puts U+E000..U+FFFF after the supplementary
 * planes; this comparator fixes that up at the first differing unit.
 */
final class CodePointOrder implements Comparator<String> {
  static final CodePointOrder INSTANCE = new CodePointOrder();

  private CodePointOrder() {}

  @Override
  public int compare(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        if (x >= 0xD800 && y >= 0xD800) {
          return fixUp(x) - fixUp(y);
        }
        return x - y;
      }
    }
    return a.length() - b.length();
  }

  // Surrogates (D800-DFFF) start code points above FFFF: move them above E000-FFFF.
  private static int fixUp(char c) {
    return c >= 0xE000 ? c - 0x800 : c + 0x2000;
  }
}
