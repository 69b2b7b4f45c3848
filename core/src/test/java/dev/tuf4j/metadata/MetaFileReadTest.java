package dev.tuf4j.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tuf4j.MetadataFormatException;
import dev.tuf4j.json.JsonNull;
import dev.tuf4j.json.JsonObject;
import dev.tuf4j.json.JsonString;
import dev.tuf4j.json.JsonValue;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * {@code MetaFile.fromJson}, and in particular the entries that hold only a version (every entry
 * of a PEP 458 snapshot), which it reads on a shorter path: the result and the errors must be
 * those of the general path. Each near miss below would be misread if that path checked less.
 */
class MetaFileReadTest {
  private static final String META = "$.signed.meta";

  private static MetaFile read(JsonValue entry) throws MetadataFormatException {
    return MetaFile.fromJson(entry, META, "bins-0a.json", "snapshot");
  }

  private static MetadataFormatException refused(JsonValue entry) {
    return assertThrows(MetadataFormatException.class, () -> read(entry));
  }

  @Test
  void aVersionOnlyEntryIsTheVersionAndNothingElse() throws MetadataFormatException {
    MetaFile m = read(JsonObject.builder().put("version", 7).build());
    assertEquals(7, m.version());
    assertEquals(OptionalLong.empty(), m.length());
    assertEquals(Map.of(), m.hashes());
    assertEquals(JsonObject.EMPTY, m.unrecognized());
    assertEquals(MetaFile.ofVersion(7), m);
    assertEquals(JsonObject.builder().put("version", 7).build(), m.toJson());
  }

  @Test
  void aSecondMemberIsKept() throws MetadataFormatException {
    MetaFile withLength = read(JsonObject.builder().put("version", 2).put("length", 5).build());
    assertEquals(OptionalLong.of(5), withLength.length());

    MetaFile withUnknown = read(JsonObject.builder().put("version", 2).put("x-custom", "y").build());
    assertEquals(JsonObject.builder().put("x-custom", "y").build(), withUnknown.unrecognized());
  }

  @Test
  void aVersionBelowOneIsRefusedWithItsPath() {
    for (long v : new long[] {0, -1, Long.MIN_VALUE}) {
      MetadataFormatException e = refused(JsonObject.builder().put("version", v).build());
      assertEquals(META + "[\"bins-0a.json\"].version", e.jsonPath(), e.getMessage());
      assertTrue(e.detail().contains("expected an integer >= 1"), e.getMessage());
    }
  }

  @Test
  void aVersionOfAnotherTypeIsRefused() {
    MetadataFormatException text = refused(JsonObject.builder().put("version", "1").build());
    assertEquals(META + "[\"bins-0a.json\"].version", text.jsonPath(), text.getMessage());
    MetadataFormatException nul = refused(JsonObject.builder().put("version", JsonNull.INSTANCE).build());
    assertEquals(META + "[\"bins-0a.json\"].version", nul.jsonPath(), nul.getMessage());
  }

  @Test
  void aSingleMemberThatIsNotTheVersionIsNotReadAsOne() {
    for (String name : new String[] {"length", "Version", "version "}) {
      MetadataFormatException e = refused(JsonObject.builder().put(name, 3).build());
      assertEquals(META + "[\"bins-0a.json\"].version", e.jsonPath(), e.getMessage());
      assertTrue(e.detail().contains("required field is missing"), e.getMessage());
    }
  }

  @Test
  void anEntryThatIsNotAnObjectIsRefused() {
    MetadataFormatException e = refused(new JsonString("1"));
    assertEquals(META + "[\"bins-0a.json\"]", e.jsonPath(), e.getMessage());
  }
}
