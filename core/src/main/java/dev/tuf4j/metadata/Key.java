package dev.tuf4j.metadata;

import dev.tuf4j.KeyFormatException;
import dev.tuf4j.MetadataFormatException;
import dev.tuf4j.crypto.PublicKey;
import dev.tuf4j.crypto.SchemeRegistry;
import dev.tuf4j.json.JsonObject;
import dev.tuf4j.json.JsonString;
import dev.tuf4j.json.JsonValue;
import java.util.Objects;
import java.util.Optional;

/**
 * A key as TUF metadata lists it: {@code {"keytype", "scheme", "keyval", ...}}. The key is kept
 * exactly as written, unknown fields included; it is decoded to a {@link PublicKey} only when a
 * signature is checked. A key whose type or scheme tuf4j does not know, or whose material is
 * malformed, is not an error for the metadata listing it: it just never verifies a signature
 * (docs/decisions.md, "Keys that cannot be decoded").
 */
public final class Key {
  private final String keytype;
  private final String scheme;
  private final JsonObject keyval;
  private final JsonObject unrecognized;

  // Decoding (PEM parsing above all) is cached per registry; keys are shared read-only.
  private volatile Decoded decoded;

  private record Decoded(SchemeRegistry registry, Optional<PublicKey> key, String problem) {}

  public Key(String keytype, String scheme, JsonObject keyval, JsonObject unrecognized) {
    this.keytype = Objects.requireNonNull(keytype, "keytype");
    this.scheme = Objects.requireNonNull(scheme, "scheme");
    this.keyval = Objects.requireNonNull(keyval, "keyval");
    this.unrecognized = Objects.requireNonNull(unrecognized, "unrecognized");
  }

  /** The metadata form of a public key tuf4j can use. */
  public static Key of(PublicKey publicKey) {
    JsonObject json = publicKey.toJson();
    return new Key(
        publicKey.keytype(),
        publicKey.scheme().tufName(),
        (JsonObject) Objects.requireNonNull(json.get("keyval")),
        JsonObject.EMPTY);
  }

  static Key fromJson(JsonValue value, String keysPath, String keyid, String role)
      throws MetadataFormatException {
    JsonFields f = JsonFields.ofMember(value, keysPath, keyid, role);
    String keytype = f.requiredString("keytype");
    String scheme = f.requiredString("scheme");
    JsonObject keyval = f.requiredObject("keyval");
    return new Key(keytype, scheme, keyval, f.unrecognized());
  }

  /** The key object as metadata lists it, unknown fields included (what legacy keyids hash). */
  public JsonObject toJson() {
    return unrecognized.toBuilder()
        .put("keytype", keytype)
        .put("scheme", scheme)
        .put("keyval", keyval)
        .build();
  }

  public String keytype() {
    return keytype;
  }

  public String scheme() {
    return scheme;
  }

  public JsonObject keyval() {
    return keyval;
  }

  public JsonObject unrecognized() {
    return unrecognized;
  }

  /**
   * The usable public key, or empty when the registry does not know the type and scheme or the
   * material is malformed ({@link #problem(SchemeRegistry)} says which).
   */
  public Optional<PublicKey> publicKey(SchemeRegistry registry) {
    return decode(registry).key();
  }

  /** Why this key cannot verify anything under {@code registry}, or empty if it can. */
  public Optional<String> problem(SchemeRegistry registry) {
    return Optional.ofNullable(decode(registry).problem());
  }

  private Decoded decode(SchemeRegistry registry) {
    Decoded d = decoded;
    if (d != null && d.registry() == registry) {
      return d;
    }
    Optional<PublicKey> key = Optional.empty();
    String problem = null;
    JsonValue pub = keyval.get("public");
    if (!(pub instanceof JsonString s)) {
      problem = "keyval has no \"public\" string";
    } else {
      try {
        key = registry.decode(keytype, scheme, s.value());
        if (key.isEmpty()) {
          problem = "unsupported keytype/scheme " + keytype + "/" + scheme;
        }
      } catch (KeyFormatException e) {
        problem = e.getMessage();
      }
    }
    d = new Decoded(registry, key, problem);
    decoded = d;
    return d;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Key k
        && keytype.equals(k.keytype)
        && scheme.equals(k.scheme)
        && keyval.equals(k.keyval)
        && unrecognized.equals(k.unrecognized);
  }

  @Override
  public int hashCode() {
    return Objects.hash(keytype, scheme, keyval, unrecognized);
  }

  @Override
  public String toString() {
    return "Key[" + keytype + "/" + scheme + "]";
  }
}
