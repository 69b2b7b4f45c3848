package dev.tuf4j.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tuf4j.MetadataFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Runs every case of {@code json/canonical-vectors.json}. */
class CanonicalVectorsTest {
  private static final StrictJsonParser PARSER = StrictJsonParser.withDefaults();
  private static final Set<String> EXPECTATIONS =
      Set.of("canonical", "canonical_hex", "rejected_at");

  @TestFactory
  List<DynamicTest> canonicalVectors() throws IOException, MetadataFormatException {
    JsonObject file = (JsonObject) PARSER.parse(resource("/json/canonical-vectors.json"));
    JsonArray vectors = (JsonArray) file.get("vectors");
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonValue v : vectors.elements()) {
      JsonObject vector = (JsonObject) v;
      String name = text(vector, "name");
      tests.add(DynamicTest.dynamicTest(name, () -> check(vector)));
    }
    assertTrue(tests.size() >= 30, "the vector file lost cases: " + tests.size());
    return tests;
  }

  private static void check(JsonObject vector) throws MetadataFormatException {
    long kinds = vector.keys().stream().filter(EXPECTATIONS::contains).count();
    assertEquals(1, kinds, "a vector needs exactly one of " + EXPECTATIONS);
    byte[] input = text(vector, "input").getBytes(StandardCharsets.UTF_8);

    if (vector.has("rejected_at")) {
      MetadataFormatException e =
          assertThrows(MetadataFormatException.class, () -> PARSER.parse(input));
      assertEquals(text(vector, "rejected_at"), e.jsonPath(), e.getMessage());
      return;
    }
    byte[] expected =
        vector.has("canonical")
            ? text(vector, "canonical").getBytes(StandardCharsets.UTF_8)
            : HexFormat.of().parseHex(text(vector, "canonical_hex"));
    assertArrayEquals(expected, CanonicalJson.encode(PARSER.parse(input)));
  }

  private static String text(JsonObject o, String key) {
    return ((JsonString) o.get(key)).value();
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = CanonicalVectorsTest.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("missing test resource " + name);
      }
      return in.readAllBytes();
    }
  }
}
