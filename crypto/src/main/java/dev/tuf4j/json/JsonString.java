package dev.tuf4j.json;

import java.util.Objects;

/**
 * A JSON string: any sequence of Unicode scalar values. A lone UTF-16 surrogate is refused here,
 * because it has no UTF-8 form and so no canonical encoding to sign.
 */
public record JsonString(String value) implements JsonValue {
  /**
   * @throws IllegalArgumentException if {@code value} holds a lone surrogate
   */
  public JsonString {
    Objects.requireNonNull(value, "value");
    int bad = indexOfLoneSurrogate(value);
    if (bad >= 0) {
      throw new IllegalArgumentException(
          "string has a lone UTF-16 surrogate U+"
              + Integer.toHexString(value.charAt(bad)).toUpperCase(java.util.Locale.ROOT)
              + " at index "
              + bad);
    }
  }

  @Override
  public String typeName() {
    return "string";
  }

  /** The index of the first surrogate that is not part of a pair, or -1. */
  static int indexOfLoneSurrogate(String s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c)
            && i + 1 < n
            && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
        } else {
          return i;
        }
      }
    }
    return -1;
  }
}
