package dev.tuf4j.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The compact file form: python-tuf's JSONSerializer(compact=True). */
class JsonWriterCompactTest {
  @Test
  void compactIsSortedWithoutWhitespaceAndEscaped() throws Exception {
    JsonObject o = JsonObject.builder()
        .put("b", JsonArray.of(new JsonNumber(1), JsonBoolean.TRUE, JsonNull.INSTANCE, JsonObject.EMPTY, JsonArray.EMPTY))
        .put("a", "caf\u00e9\n\u0001\"\\")
        .build();
    byte[] out = JsonWriter.compact(o);
    // What json.dumps(o, separators=(",", ":"), sort_keys=True) writes.
    assertEquals("{\"a\":\"caf\\u00e9\\n\\u0001\\\"\\\\\",\"b\":[1,true,null,{},[]]}",
        new String(out, StandardCharsets.US_ASCII));
    assertEquals(o, StrictJsonParser.withDefaults().parse(out));
  }
}
