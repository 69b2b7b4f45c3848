package dev.tuf4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tuf4j.json.JsonArray;
import dev.tuf4j.json.JsonBoolean;
import dev.tuf4j.json.JsonNull;
import dev.tuf4j.json.JsonNumber;
import dev.tuf4j.json.JsonObject;
import dev.tuf4j.json.JsonString;
import dev.tuf4j.json.JsonValue;
import dev.tuf4j.json.StrictJsonParser;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class JsonTextTest {
  @Test
  void objectsAreIndentedWithTheirMembersOnTheirOwnLines() {
    JsonObject o = JsonObject.builder()
        .put("length", 5)
        .put("path", "a\"b\\c\n")
        .put("hashes", JsonObject.builder().put("sha256", "ab").build())
        .put("empty", JsonObject.EMPTY)
        .put("list", new JsonArray(java.util.List.of(JsonBoolean.TRUE, JsonNull.INSTANCE)))
        .build();
    assertEquals("{\n"
        + "  \"empty\": {},\n"
        + "  \"hashes\": {\n"
        + "    \"sha256\": \"ab\"\n"
        + "  },\n"
        + "  \"length\": 5,\n"
        + "  \"list\": [\n"
        + "    true,\n"
        + "    null\n"
        + "  ],\n"
        + "  \"path\": \"a\\\"b\\\\c\\n\"\n"
        + "}", JsonText.pretty(o));
  }

  @Provide
  Arbitrary<JsonValue> values() {
    Arbitrary<JsonValue> leaves = Arbitraries.oneOf(
        Arbitraries.strings().map(s -> (JsonValue) new JsonString(s)),
        Arbitraries.longs().map(n -> (JsonValue) new JsonNumber(n)),
        Arbitraries.of(JsonBoolean.TRUE, JsonBoolean.FALSE, JsonNull.INSTANCE).map(v -> (JsonValue) v));
    return Arbitraries.recursive(() -> leaves, inner -> Arbitraries.oneOf(
        inner.list().ofMaxSize(4).map(l -> (JsonValue) new JsonArray(l)),
        Arbitraries.maps(Arbitraries.strings().ofMaxLength(6), inner).ofMaxSize(4)
            .map(m -> (JsonValue) JsonObject.of(m))), 3);
  }

  @Property(tries = 300)
  void theOutputIsJsonThatParsesBackToTheSameValue(@ForAll("values") JsonValue value) throws Exception {
    String text = JsonText.pretty(value);
    assertEquals(value, StrictJsonParser.withDefaults().parse(text.getBytes(StandardCharsets.UTF_8)));
  }
}
