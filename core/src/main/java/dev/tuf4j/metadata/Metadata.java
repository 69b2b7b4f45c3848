package dev.tuf4j.metadata;

import dev.tuf4j.MetadataFormatException;
import dev.tuf4j.crypto.Hex;
import dev.tuf4j.crypto.Signer;
import dev.tuf4j.json.CanonicalJson;
import dev.tuf4j.json.JsonArray;
import dev.tuf4j.json.JsonObject;
import dev.tuf4j.json.JsonValue;
import dev.tuf4j.json.JsonWriter;
import dev.tuf4j.json.ParseLimits;
import dev.tuf4j.json.StrictJsonParser;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A metadata file: the {@code signed} object of one role type and its {@code signatures}.
 *
 * <p>{@link #signedBytes()} are the canonical bytes of {@code signed} exactly as parsed, unknown
 * fields included (V2); signatures are checked over those, never over a re-serialized model.
 * Immutable: {@link #sign} and {@link #withSigned} return new objects.
 *
 * @param <T> the role type
 */
public final class Metadata<T extends Signed> {
  private static final StrictJsonParser DEFAULT_PARSER = StrictJsonParser.withDefaults();

  private final T signed;
  private final List<Signature> signatures;
  private final JsonObject unrecognized;
  private final byte[] signedBytes;
  private final Map<String, Signature> byKeyId;
  // Successful threshold checks of this object (SignatureCheck.require), newest first, at most
  // MAX_REMEMBERED. Not part of the value: equals and hashCode ignore it; edits start empty.
  private volatile List<SignatureCheck.VerifiedBy> verifiedBy = List.of();
  private static final int MAX_REMEMBERED = 4;

  private Metadata(T signed, List<Signature> signatures, JsonObject unrecognized, byte[] signedBytes) {
    this.signed = signed;
    this.signatures = List.copyOf(signatures);
    this.unrecognized = unrecognized;
    this.signedBytes = signedBytes;
    Map<String, Signature> m = new LinkedHashMap<>();
    for (Signature s : this.signatures) {
      if (m.put(s.keyid(), s) != null) {
        throw new IllegalArgumentException("two signatures with keyid " + s.keyid());
      }
    }
    this.byKeyId = Collections.unmodifiableMap(m);
  }

  /** Unsigned metadata for {@code signed}, serialized once into canonical form. */
  public static <T extends Signed> Metadata<T> of(T signed) {
    return new Metadata<>(signed, List.of(), JsonObject.EMPTY, CanonicalJson.encode(signed.toJson()));
  }

  public static Metadata<Root> parseRoot(byte[] bytes) throws MetadataFormatException {
    return parse(bytes, Root.class, Root.TYPE);
  }

  public static Metadata<Timestamp> parseTimestamp(byte[] bytes) throws MetadataFormatException {
    return parse(bytes, Timestamp.class, Timestamp.TYPE);
  }

  public static Metadata<Snapshot> parseSnapshot(byte[] bytes) throws MetadataFormatException {
    return parse(bytes, Snapshot.class, Snapshot.TYPE);
  }

  /** Top-level or delegated targets; {@code roleName} names the role in error messages. */
  public static Metadata<Targets> parseTargets(byte[] bytes, String roleName)
      throws MetadataFormatException {
    return parse(bytes, Targets.class, roleName);
  }

  /**
   * Parses untrusted bytes as metadata of {@code type} with the default {@link ParseLimits}.
   * Afterwards every structural rule holds; the signatures are not yet checked.
   *
   * @param roleName the role the bytes should be, for error messages
   */
  public static <T extends Signed> Metadata<T> parse(byte[] bytes, Class<T> type, String roleName)
      throws MetadataFormatException {
    return parse(bytes, type, roleName, DEFAULT_PARSER);
  }

  public static <T extends Signed> Metadata<T> parse(
      byte[] bytes, Class<T> type, String roleName, StrictJsonParser parser)
      throws MetadataFormatException {
    StrictJsonParser.Parsed parsed;
    try {
      parsed = parser.parseWithMember(bytes, "signed");
    } catch (MetadataFormatException e) {
      throw e.forRole(roleName);
    }
    JsonValue doc = parsed.value();
    JsonFields top = JsonFields.of(doc, "$", roleName);
    JsonArray sigs = top.requiredArray("signatures");
    JsonObject signedJson = top.requiredObject("signed");
    List<Signature> signatures = new ArrayList<>(sigs.size());
    Map<String, Boolean> seen = new LinkedHashMap<>();
    for (int i = 0; i < sigs.size(); i++) {
      String p = JsonFields.index("$.signatures", i);
      Signature s = Signature.fromJson(sigs.get(i), p, roleName);
      // V3: duplicate keyids in signatures reject the file.
      if (seen.put(s.keyid(), Boolean.TRUE) != null) {
        throw JsonFields.error(roleName, JsonFields.child(p, "keyid"), "duplicate signature keyid " + s.keyid());
      }
      signatures.add(s);
    }
    Signed model = readSigned(type, signedJson, roleName);
    // The canonical bytes of signedJson (present: requiredObject found it), copied from the input
    // when it held them already.
    byte[] signedBytes = Objects.requireNonNull(parsed.memberCanonicalBytes());
    return new Metadata<>(type.cast(model), signatures, top.unrecognized(), signedBytes);
  }

  private static Signed readSigned(Class<?> type, JsonObject json, String roleName)
      throws MetadataFormatException {
    if (type == Root.class) {
      return Root.fromJson(json, roleName);
    }
    if (type == Timestamp.class) {
      return Timestamp.fromJson(json, roleName);
    }
    if (type == Snapshot.class) {
      return Snapshot.fromJson(json, roleName);
    }
    if (type == Targets.class) {
      return Targets.fromJson(json, roleName);
    }
    throw new IllegalArgumentException("not a role type: " + type);
  }

  public T signed() {
    return signed;
  }

  /** The signatures in file order; keyids are unique. */
  public List<Signature> signatures() {
    return signatures;
  }

  /** keyid to signature. */
  public Map<String, Signature> signaturesByKeyId() {
    return byKeyId;
  }

  /** Top-level members besides {@code signed} and {@code signatures}, kept unchanged. */
  public JsonObject unrecognized() {
    return unrecognized;
  }

  /** The canonical bytes of {@code signed} as parsed (or as built): what signatures cover. */
  public byte[] signedBytes() {
    return signedBytes.clone();
  }

  // Package-private, copy-free access for signature checks.
  byte[] signedBytesUnsafe() {
    return signedBytes;
  }

  boolean wasVerifiedBy(SignatureCheck.VerifiedBy check) {
    for (SignatureCheck.VerifiedBy v : verifiedBy) {
      if (v.matches(check)) {
        return true;
      }
    }
    return false;
  }

  void rememberVerifiedBy(SignatureCheck.VerifiedBy check) {
    List<SignatureCheck.VerifiedBy> old = verifiedBy;
    List<SignatureCheck.VerifiedBy> updated = new ArrayList<>(MAX_REMEMBERED);
    updated.add(check);
    for (int i = 0; i < old.size() && updated.size() < MAX_REMEMBERED; i++) {
      updated.add(old.get(i));
    }
    // A racing update may drop an entry: that only costs a later re-check.
    verifiedBy = Collections.unmodifiableList(updated);
  }

  /**
   * Adds the signer's signature over the canonical bytes, named by its key's keyid, replacing an
   * earlier signature with that keyid.
   */
  public Metadata<T> sign(Signer signer) {
    return sign(signer, signer.publicKey().keyId());
  }

  /** As {@link #sign(Signer)}, under a keyid the delegator uses for this key. */
  public Metadata<T> sign(Signer signer, String keyid) {
    Signature s = new Signature(keyid, Hex.encode(signer.sign(signedBytes)));
    List<Signature> out = new ArrayList<>(signatures.size() + 1);
    boolean replaced = false;
    for (Signature old : signatures) {
      if (old.keyid().equals(keyid)) {
        out.add(s);
        replaced = true;
      } else {
        out.add(old);
      }
    }
    if (!replaced) {
      out.add(s);
    }
    return new Metadata<>(signed, out, unrecognized, signedBytes);
  }

  /** This metadata with another set of signatures (e.g. collected in an offline ceremony). */
  public Metadata<T> withSignatures(List<Signature> newSignatures) {
    return new Metadata<>(signed, newSignatures, unrecognized, signedBytes);
  }

  /** New metadata for an edited {@code signed}: the old signatures no longer apply and are dropped. */
  public <U extends Signed> Metadata<U> withSigned(U newSigned) {
    return new Metadata<>(newSigned, List.of(), unrecognized, CanonicalJson.encode(newSigned.toJson()));
  }

  /** The whole file as JSON. */
  public JsonObject toJson() {
    return unrecognized.toBuilder()
        .put("signatures", new JsonArray(signatures.stream().<JsonValue>map(Signature::toJson).toList()))
        .put("signed", signed.toJson())
        .build();
  }

  /**
   * The file in compact form, as python-tuf writes it with {@code JSONSerializer(compact=True)}:
   * sorted keys, no whitespace, non-ASCII and control characters escaped. Deterministic. (Not the
   * canonical form: that writes control characters raw and is not valid JSON.)
   */
  public byte[] toBytes() {
    return JsonWriter.compact(toJson());
  }

  /** The file indented one space per level, as python-tuf's default serializer writes it. */
  public byte[] toIndentedBytes() {
    return JsonWriter.indented(toJson());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Metadata<?> m
        && signed.equals(m.signed)
        && signatures.equals(m.signatures)
        && unrecognized.equals(m.unrecognized);
  }

  @Override
  public int hashCode() {
    return Objects.hash(signed, signatures, unrecognized);
  }

  @Override
  public String toString() {
    return "Metadata[" + signed + ", " + signatures.size() + " signatures]";
  }
}
