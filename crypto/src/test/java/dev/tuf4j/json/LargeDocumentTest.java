package dev.tuf4j.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tuf4j.MetadataFormatException;
import org.junit.jupiter.api.Test;

/** A PyPI-shaped targets document (fixed seed) through every path the metadata layer uses. */
class LargeDocumentTest {
  private static final JsonObject METADATA = TargetsDocuments.targetsMetadata(2_000, 458);
  private static final StrictJsonParser PARSER = StrictJsonParser.withDefaults();

  @Test
  void indentedFileParsesToTheSameTreeAndTheSameSignedBytes() throws MetadataFormatException {
    JsonObject parsed = (JsonObject) PARSER.parse(JsonWriter.indented(METADATA));

    assertEquals(METADATA, parsed);
    assertArrayEquals(
        CanonicalJson.encode(METADATA.get("signed")), CanonicalJson.encode(parsed.get("signed")));
    assertEquals(2_000, ((JsonObject) ((JsonObject) parsed.get("signed")).get("targets")).size());
  }

  @Test
  void canonicalFileParsesBackToTheSameBytes() throws MetadataFormatException {
    byte[] canonical = CanonicalJson.encode(METADATA);

    assertArrayEquals(canonical, CanonicalJson.encode(PARSER.parse(canonical)));
  }
}
