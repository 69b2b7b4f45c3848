package dev.tuf4j.json;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

/** jqwik generators for JSON values, weighted towards the characters canonical JSON cares about. */
final class JsonArbitraries {
  private JsonArbitraries() {}

  /**
   * Unicode scalar values (never a surrogate): ASCII with its controls, quote and backslash often;
   * Latin-1 and DEL; the BMP; U+E000..U+FFFF, which UTF-16 order sorts wrongly; and the
   * supplementary planes.
   */
  static Arbitrary<Integer> codePoints(boolean withControls) {
    Arbitrary<Integer> controls = Arbitraries.integers().between(0, 0x1F);
    Arbitrary<Integer> special = Arbitraries.of((int) '"', (int) '\\', 0x7F, (int) '/', (int) '\n');
    Arbitrary<Integer> ascii = Arbitraries.integers().between(0x20, 0x7E);
    Arbitrary<Integer> latin = Arbitraries.integers().between(0x80, 0x7FF);
    Arbitrary<Integer> bmp =
        Arbitraries.integers().between(0x800, 0xFFFF).filter(cp -> cp < 0xD800 || cp > 0xDFFF);
    Arbitrary<Integer> highBmp = Arbitraries.integers().between(0xE000, 0xFFFF);
    Arbitrary<Integer> astral = Arbitraries.integers().between(0x10000, 0x10FFFF);
    if (!withControls) {
      special = special.filter(cp -> cp >= 0x20);
    }
    return Arbitraries.frequencyOf(
        Tuple.of(withControls ? 2 : 0, controls),
        Tuple.of(2, special),
        Tuple.of(8, ascii),
        Tuple.of(1, latin),
        Tuple.of(1, bmp),
        Tuple.of(2, highBmp),
        Tuple.of(2, astral));
  }

  static Arbitrary<String> strings(boolean withControls) {
    return codePoints(withControls)
        .list()
        .ofMaxSize(12)
        .map(
            cps -> {
              StringBuilder sb = new StringBuilder();
              cps.forEach(sb::appendCodePoint);
              return sb.toString();
            });
  }

  /** Keys drawn from a small alphabet, so objects often share prefixes and need real sorting. */
  static Arbitrary<String> keys() {
    Arbitrary<Integer> alphabet =
        Arbitraries.of(
            (int) 'a',
            (int) 'b',
            (int) 'A',
            (int) '"',
            (int) '\\',
            0x00,
            0x7F,
            0xE9,
            0xD7FF,
            0xE000,
            0xFFFD,
            0xFFFF,
            0x10000,
            0x1F600,
            0x10FFFF);
    Arbitrary<String> small =
        alphabet
            .list()
            .ofMaxSize(4)
            .map(
                cps -> {
                  StringBuilder sb = new StringBuilder();
                  cps.forEach(sb::appendCodePoint);
                  return sb.toString();
                });
    return Arbitraries.frequencyOf(Tuple.of(3, small), Tuple.of(1, strings(true)));
  }

  static Arbitrary<JsonValue> scalars(boolean withControls) {
    return Arbitraries.frequencyOf(
        Tuple.of(4, strings(withControls).map(JsonString::new)),
        Tuple.of(
            3,
            Arbitraries.frequencyOf(
                    Tuple.of(4, Arbitraries.longs()),
                    Tuple.of(1, Arbitraries.of(0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE)))
                .map(JsonNumber::new)),
        Tuple.of(1, Arbitraries.of(JsonBoolean.TRUE, JsonBoolean.FALSE, JsonNull.INSTANCE)));
  }

  /** Trees up to {@code depth} containers deep. */
  static Arbitrary<JsonValue> values(int depth, boolean withControls) {
    if (depth == 0) {
      return scalars(withControls);
    }
    Arbitrary<JsonValue> child = Arbitraries.lazy(() -> values(depth - 1, withControls));
    Arbitrary<JsonValue> arrays = child.list().ofMaxSize(5).map(JsonArray::new);
    Arbitrary<JsonValue> objects = objects(child, withControls).map(o -> o);
    return Arbitraries.frequencyOf(
        Tuple.of(2, scalars(withControls)), Tuple.of(1, arrays), Tuple.of(2, objects));
  }

  static Arbitrary<JsonObject> objects(Arbitrary<JsonValue> child, boolean withControls) {
    Arbitrary<String> keys = withControls ? keys() : keys().filter(k -> noControls(k));
    return Arbitraries.entries(keys, child)
        .list()
        .ofMaxSize(6)
        .map(
            entries -> {
              JsonObject.Builder b = JsonObject.builder();
              entries.forEach(e -> b.put(e.getKey(), e.getValue()));
              return b.build();
            });
  }

  static boolean noControls(String s) {
    return s.chars().allMatch(c -> c >= 0x20);
  }
}
