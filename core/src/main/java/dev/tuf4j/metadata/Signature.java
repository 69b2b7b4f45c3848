package dev.tuf4j.metadata;

import dev.tuf4j.MetadataFormatException;
import dev.tuf4j.json.JsonObject;
import dev.tuf4j.json.JsonValue;
import java.util.Objects;

/**
 * One entry of a metadata file's {@code signatures}: the keyid as given (never recomputed) and
 * the signature as hex. An empty or malformed {@code sig} is kept: it simply does not verify.
 */
public record Signature(String keyid, String sig, JsonObject unrecognized) {
  public Signature {
    Objects.requireNonNull(keyid, "keyid");
    Objects.requireNonNull(sig, "sig");
    Objects.requireNonNull(unrecognized, "unrecognized");
  }

  public Signature(String keyid, String sig) {
    this(keyid, sig, JsonObject.EMPTY);
  }

  static Signature fromJson(JsonValue value, String path, String role)
      throws MetadataFormatException {
    JsonFields f = JsonFields.of(value, path, role);
    return new Signature(f.requiredString("keyid"), f.requiredString("sig"), f.unrecognized());
  }

  JsonObject toJson() {
    return unrecognized.toBuilder().put("keyid", keyid).put("sig", sig).build();
  }
}
