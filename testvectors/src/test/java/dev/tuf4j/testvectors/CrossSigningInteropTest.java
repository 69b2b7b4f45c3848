package dev.tuf4j.testvectors;

import static dev.tuf4j.testvectors.JsonText.str;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tuf4j.crypto.Scheme;
import dev.tuf4j.crypto.SchemeRegistry;
import dev.tuf4j.crypto.SigningKey;
import dev.tuf4j.json.JsonArray;
import dev.tuf4j.json.JsonBoolean;
import dev.tuf4j.json.JsonNull;
import dev.tuf4j.json.JsonNumber;
import dev.tuf4j.json.JsonObject;
import dev.tuf4j.json.JsonString;
import dev.tuf4j.json.JsonValue;
import dev.tuf4j.metadata.DelegatedRole;
import dev.tuf4j.metadata.Delegations;
import dev.tuf4j.metadata.Key;
import dev.tuf4j.metadata.MetaFile;
import dev.tuf4j.metadata.Metadata;
import dev.tuf4j.metadata.Role;
import dev.tuf4j.metadata.Root;
import dev.tuf4j.metadata.Signature;
import dev.tuf4j.metadata.Signed;
import dev.tuf4j.metadata.Snapshot;
import dev.tuf4j.metadata.TargetFile;
import dev.tuf4j.metadata.Targets;
import dev.tuf4j.metadata.Timestamp;
import dev.tuf4j.testvectors.TestKeys.TestKey;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Signatures across implementations: metadata that {@code @tufjs/models} builds and node's
 * crypto signs must parse and verify in tuf4j, and metadata tuf4j builds and signs must verify
 * in {@code @tufjs/models} ({@code Metadata.fromJSON} + {@code verifyDelegate}), for every
 * scheme both implement, with non-ASCII names and unusual content.
 */
@Timeout(120)
class CrossSigningInteropTest {
  static final String EXPIRES = "2099-01-01T00:00:00Z";
  static final String DELEGATED = "project/\u00e9 \u00fc";
  static final SchemeRegistry REGISTRY = SchemeRegistry.defaults();

  /**
   * Role (or "delegated") to the key that signs it: Ed25519, ECDSA P-256 and RSA-PSS, which both
   * sides implement alike. ECDSA P-384 they do not (see {@link
   * #ecdsaP384IsVerifiedWithSha384ByTuf4jButWithSha256ByTufJs}).
   */
  static final Map<String, TestKey> KEYS = new LinkedHashMap<>();

  /** Target path to content: a space, non-ASCII, a quote, a backslash, a control character. */
  static final Map<String, byte[]> TARGETS = new LinkedHashMap<>();

  @BeforeAll
  static void keys() {
    KEYS.put("root", TestKeys.generate(Scheme.ED25519, "cross/root"));
    KEYS.put("timestamp", TestKeys.generate(Scheme.ECDSA_SHA2_NISTP256, "cross/timestamp"));
    KEYS.put("snapshot", TestKeys.generate(Scheme.ED25519, "cross/snapshot"));
    KEYS.put("targets", TestKeys.generate(Scheme.RSASSA_PSS_SHA256, "cross/targets"));
    KEYS.put("delegated", TestKeys.generate(Scheme.ECDSA_SHA2_NISTP256, "cross/delegated"));
    TARGETS.put("README.txt", "read me".getBytes(StandardCharsets.UTF_8));
    TARGETS.put("packages/\u00e9t\u00e9 1.0.whl", "summer".getBytes(StandardCharsets.UTF_8));
    TARGETS.put("dir/\"quoted\" \\ back\tslash.whl", new byte[0]);
    TARGETS.put("\u6f22\u5b57/\ud83d\ude00.tar.gz", new byte[] {0, 1, 2, (byte) 0xff});
  }

  // ---- tuf-js signs, tuf4j verifies ----

  @Test
  void metadataTufJsBuildsAndSignsVerifiesInTuf4j() throws Exception {
    JsonObject out = tufJsSign("digest");
    JsonObject files = (JsonObject) out.get("metadata");
    Metadata<Root> root = Metadata.parseRoot(bytes(files, "root"));
    Metadata<Timestamp> timestamp = Metadata.parseTimestamp(bytes(files, "timestamp"));
    Metadata<Snapshot> snapshot = Metadata.parseSnapshot(bytes(files, "snapshot"));
    Metadata<Targets> targets = Metadata.parseTargets(bytes(files, "targets"), "targets");
    Metadata<Targets> delegated = Metadata.parseTargets(bytes(files, DELEGATED), DELEGATED);

    assertTrue(root.signed().verifyDelegate("root", root, REGISTRY).verified());
    assertTrue(root.signed().verifyDelegate("timestamp", timestamp, REGISTRY).verified());
    assertTrue(root.signed().verifyDelegate("snapshot", snapshot, REGISTRY).verified());
    assertTrue(root.signed().verifyDelegate("targets", targets, REGISTRY).verified());
    assertTrue(targets.signed().verifyDelegate(DELEGATED, delegated, REGISTRY).verified());

    // The bytes both sign are the same canonical bytes.
    JsonObject canonical = (JsonObject) out.get("signedCanonical");
    for (Map.Entry<String, Metadata<?>> e : Map.<String, Metadata<?>>of("root", root, "timestamp", timestamp,
        "snapshot", snapshot, "targets", targets, DELEGATED, delegated).entrySet()) {
      assertArrayEquals(base64(canonical, e.getKey()), e.getValue().signedBytes(), e.getKey());
    }
    // Length and hashes tuf-js computed over its own files hold in tuf4j.
    timestamp.signed().snapshotMeta().verifyLengthAndHashes("snapshot", bytes(files, "snapshot"));
    snapshot.signed().roleMeta("targets").orElseThrow().verifyLengthAndHashes("targets", bytes(files, "targets"));
    snapshot.signed().roleMeta(DELEGATED).orElseThrow().verifyLengthAndHashes(DELEGATED, bytes(files, DELEGATED));
    // Every target as tuf-js listed it matches its content in tuf4j.
    assertEquals(TARGETS.keySet(), targets.signed().targets().keySet());
    for (Map.Entry<String, byte[]> t : TARGETS.entrySet()) {
      targets.signed().target(t.getKey()).orElseThrow().verifyLengthAndHashes(t.getValue());
    }
    assertEquals(customValue(), targets.signed().unrecognized().get("custom"));
  }

  @Test
  void rsaPssSignaturesWithTheLongestSaltVerifyInTuf4j() throws Exception {
    // node signs PSS with the longest salt by default; securesystemslib and tuf4j use 32 bytes.
    JsonObject files = (JsonObject) tufJsSign("max").get("metadata");
    Metadata<Root> root = Metadata.parseRoot(bytes(files, "root"));
    Metadata<Targets> targets = Metadata.parseTargets(bytes(files, "targets"), "targets");
    assertTrue(root.signed().verifyDelegate("targets", targets, REGISTRY).verified());
  }

  @Test
  void aSignatureTuf4jDoesNotAcceptFromTufJsIsOneThatWasTamperedWith() throws Exception {
    JsonObject files = (JsonObject) tufJsSign("digest").get("metadata");
    Metadata<Root> root = Metadata.parseRoot(bytes(files, "root"));
    Metadata<Timestamp> timestamp = Metadata.parseTimestamp(bytes(files, "timestamp"));
    Signature s = timestamp.signatures().get(0);
    String sig = s.sig();
    String flipped = sig.substring(0, 10) + (sig.charAt(10) == '0' ? '1' : '0') + sig.substring(11);
    Metadata<Timestamp> tampered = timestamp.withSignatures(List.of(new Signature(s.keyid(), flipped)));
    assertFalse(root.signed().verifyDelegate("timestamp", tampered, REGISTRY).verified());
  }

  @Test
  void tufJsWritesPublicKeysAndKeyidsExactlyAsTuf4jDoes() {
    JsonObject keys = (JsonObject) tufJsSign("digest").get("keys");
    for (Map.Entry<String, TestKey> e : KEYS.entrySet()) {
      JsonObject k = (JsonObject) keys.get(e.getKey());
      SigningKey signer = e.getValue().signer(e.getKey());
      assertEquals(str(signer.publicKey().publicValue()), k.get("public"), e.getKey());
      assertEquals(str(signer.publicKey().keytype()), k.get("keytype"), e.getKey());
      assertEquals(str(signer.publicKey().keyId()), k.get("keyid"), e.getKey());
    }
  }

  // ---- tuf4j signs, tuf-js verifies ----

  @Test
  void metadataTuf4jBuildsAndSignsVerifiesInTufJs() {
    Repo r = tuf4jRepository(true);
    List<JsonObject> results = tufJsVerify(List.of(
        check(r.root, "root", r.root),
        check(r.root, "timestamp", r.timestamp),
        check(r.root, "snapshot", r.snapshot),
        check(r.root, "targets", r.targets),
        check(r.targets, DELEGATED, r.delegated),
        check(r.targets, "bins-0", r.bin)));
    for (JsonObject result : results) {
      assertEquals(JsonBoolean.TRUE, result.get("ok"), result.toString());
    }
  }

  @Test
  void tufJsRefusesWhatTuf4jSignedWithTheWrongKey() {
    Repo r = tuf4jRepository(true);
    Metadata<Targets> forged = Metadata.of(r.delegated.signed()).sign(KEYS.get("root").signer("root"));
    JsonObject result = tufJsVerify(List.of(check(r.targets, DELEGATED, forged))).get(0);
    assertEquals(str("UnsignedMetadataError"), result.get("error"), result.toString());
    assertFalse(r.targets.signed().verifyDelegate(DELEGATED, forged, REGISTRY).verified());
  }

  @Test
  void integerLikeDelegatedRoleNamesOutOfNumericOrderFailInTufJsOnly() {
    SigningKey targetsKey = KEYS.get("targets").signer("targets");
    Repo r = tuf4jRepository(true);
    List<JsonObject> results = new ArrayList<>();
    for (List<String> names : List.of(List.of("2", "10", "b"), List.of("b", "10", "2"))) {
      List<DelegatedRole> roles = new ArrayList<>();
      for (String n : names) {
        roles.add(DelegatedRole.forPaths(n, List.of(keyid("delegated")), 1, List.of(n + "/*")));
      }
      Targets t = Targets.of(1, Instant.parse(EXPIRES))
          .withDelegations(Delegations.of(Map.of(keyid("delegated"), key("delegated")), roles));
      Metadata<Targets> signed = Metadata.of(t).sign(targetsKey);
      assertTrue(r.root.signed().verifyDelegate("targets", signed, REGISTRY).verified(), names.toString());
      results.add(tufJsVerify(List.of(check(r.root, "targets", signed))).get(0));
    }
    assertEquals(JsonBoolean.TRUE, results.get(0).get("ok"), "in numeric order: " + results.get(0));
    assertEquals(str("UnsignedMetadataError"), results.get(1).get("error"),
        KnownDifference.REORDERS_INTEGER_LIKE_DELEGATED_ROLE_NAMES + ": " + results.get(1));
  }

  @Test
  void aRootWithoutConsistentSnapshotIsRefusedByTufJsOnly() {
    Repo r = tuf4jRepository(false);
    assertFalse(r.root.signed().consistentSnapshotField().isPresent());
    assertTrue(r.root.signed().verifyDelegate("root", r.root, REGISTRY).verified());
    JsonObject result = tufJsVerify(List.of(check(r.root, "root", r.root))).get(0);
    assertEquals(str("TypeError"), result.get("error"),
        KnownDifference.REQUIRES_CONSISTENT_SNAPSHOT_FIELD + ": " + result);
  }

  @Test
  void ecdsaP384IsVerifiedWithSha384ByTuf4jButWithSha256ByTufJs() throws Exception {
    Map<String, TestKey> keys = new LinkedHashMap<>(KEYS);
    TestKey p384 = TestKeys.generate(Scheme.ECDSA_SHA2_NISTP384, "cross/p384");
    keys.put("timestamp", p384);
    String diff = KnownDifference.ECDSA_P384_VERIFIED_WITH_SHA256_BY_TUF_JS.name();

    // As the scheme says (SHA-384): tuf4j accepts, tuf-js refuses even what node signed itself.
    JsonObject files = (JsonObject) tufJsSign(keys, "digest", null).get("metadata");
    Metadata<Root> root = Metadata.parseRoot(bytes(files, "root"));
    Metadata<Timestamp> timestamp = Metadata.parseTimestamp(bytes(files, "timestamp"));
    assertTrue(root.signed().verifyDelegate("timestamp", timestamp, REGISTRY).verified());
    Metadata<Timestamp> byTuf4j = Metadata.of(timestamp.signed()).sign(p384.signer("p384"));
    List<JsonObject> results = tufJsVerify(List.of(
        check("root", text(files, "root"), "timestamp", "timestamp", text(files, "timestamp")),
        check(root, "timestamp", byTuf4j)));
    assertEquals(str("UnsignedMetadataError"), results.get(0).get("error"), diff + ": " + results.get(0));
    assertEquals(str("UnsignedMetadataError"), results.get(1).get("error"), diff + ": " + results.get(1));

    // With SHA-256 instead: tuf-js accepts, tuf4j refuses.
    files = (JsonObject) tufJsSign(keys, "digest", "sha256").get("metadata");
    root = Metadata.parseRoot(bytes(files, "root"));
    timestamp = Metadata.parseTimestamp(bytes(files, "timestamp"));
    assertFalse(root.signed().verifyDelegate("timestamp", timestamp, REGISTRY).verified());
    JsonObject result = tufJsVerify(List.of(
        check("root", text(files, "root"), "timestamp", "timestamp", text(files, "timestamp")))).get(0);
    assertEquals(JsonBoolean.TRUE, result.get("ok"), diff + ": " + result);
  }

  @Test
  void tuf4jFilesWithAControlCharacterAreValidJsonForTufJsAndTuf4j() throws Exception {
    Repo r = tuf4jRepository(true);
    String written = new String(r.targets.toBytes(), StandardCharsets.UTF_8);
    assertFalse(written.contains("\u0001"), "control characters are escaped in files");
    assertTrue(written.contains("\\u0001"), "the sample has an escaped control character");
    JsonObject result = tufJsVerify(List.of(check(r.root, "targets", r.targets, written))).get(0);
    assertEquals(JsonBoolean.TRUE, result.get("ok"), result.toString());
    assertEquals(r.targets, Metadata.parseTargets(r.targets.toBytes(), "targets"));
  }

  // ---- helpers ----

  /** Asks models.js to build and sign the repository with {@link #KEYS}; RSA-PSS salts "digest" or "max". */
  static JsonObject tufJsSign(String pssSalt) {
    return tufJsSign(KEYS, pssSalt, null);
  }

  /**
   * Asks models.js to build and sign the repository.
   *
   * @param ecdsaHash the hash ECDSA keys sign with instead of the one their scheme names, or null
   */
  static JsonObject tufJsSign(Map<String, TestKey> signers, String pssSalt, @Nullable String ecdsaHash) {
    JsonObject.Builder keys = JsonObject.builder();
    signers.forEach((name, k) -> {
      JsonObject.Builder spec = JsonObject.builder()
          .put("scheme", k.scheme().tufName()).put("pkcs8", k.pem()).put("pssSalt", pssSalt);
      if (ecdsaHash != null) {
        spec.put("hash", ecdsaHash);
      }
      keys.put(name, spec.build());
    });
    JsonObject.Builder targets = JsonObject.builder();
    TARGETS.forEach((path, content) -> targets.put(path, Base64.getEncoder().encodeToString(content)));
    String delegatedTarget = "packages/\u00e9t\u00e9 1.0.whl";
    JsonObject request = JsonObject.builder()
        .put("op", "sign")
        .put("expires", EXPIRES)
        .put("keys", keys.build())
        .put("targets", targets.build())
        .put("delegation", JsonObject.builder()
            .put("name", DELEGATED)
            .put("paths", JsonText.strings(List.of("packages/*")))
            .put("key", "delegated")
            .put("targets", JsonObject.builder().put(delegatedTarget,
                Base64.getEncoder().encodeToString(TARGETS.get(delegatedTarget))).build())
            .build())
        .put("custom", customValue())
        .build();
    TufJs.Run run = TufJs.get().models(request);
    assertEquals(0, run.exitCode(), run.toString());
    return run.json();
  }

  /** An unknown field for targets: nesting, every JSON type, non-ASCII, an empty key. */
  static JsonObject customValue() {
    return JsonObject.builder()
        .put("note", "\u00fcn\u00efc\u00f6d\u00e9 \u2603 \"q\" \\ \n\u0001")
        .put("max safe integer", 9007199254740991L)
        .put("negative", -42)
        .put("list", new JsonArray(List.of(JsonBoolean.TRUE, JsonNull.INSTANCE, str(""), new JsonNumber(0))))
        .put("", JsonObject.builder().put("\ud83d\ude00", "emoji key").build())
        .build();
  }

  static String text(JsonObject files, String role) {
    return ((JsonString) files.get(role)).value();
  }

  static byte[] bytes(JsonObject files, String role) {
    return text(files, role).getBytes(StandardCharsets.UTF_8);
  }

  static byte[] base64(JsonObject o, String key) {
    return Base64.getDecoder().decode(((JsonString) o.get(key)).value());
  }

  static String keyid(String name) {
    return KEYS.get(name).signer(name).publicKey().keyId();
  }

  static Key key(String name) {
    return Key.of(KEYS.get(name).signer(name).publicKey());
  }

  record Repo(Metadata<Root> root, Metadata<Timestamp> timestamp, Metadata<Snapshot> snapshot,
      Metadata<Targets> targets, Metadata<Targets> delegated, Metadata<Targets> bin) {}

  /**
   * The same kind of repository built and signed by tuf4j, plus a hashed-bin delegation
   * ({@code path_hash_prefixes}) and unknown fields on signed, a target and a delegated role.
   */
  static Repo tuf4jRepository(boolean writeConsistentSnapshot) {
    Instant expires = Instant.parse(EXPIRES);
    Map<String, Key> keys = new LinkedHashMap<>();
    Map<String, Role> roles = new LinkedHashMap<>();
    for (String role : List.of("root", "timestamp", "snapshot", "targets")) {
      keys.put(keyid(role), key(role));
      roles.put(role, new Role(List.of(keyid(role)), 1));
    }
    Root rootModel = new Root(Signed.SPEC_VERSION, 1, expires, keys, roles,
        writeConsistentSnapshot ? Boolean.TRUE : null, JsonObject.EMPTY);

    Map<String, TargetFile> files = new LinkedHashMap<>();
    for (Map.Entry<String, byte[]> t : TARGETS.entrySet()) {
      String sha = TufJsClientInteropTest.sha256(t.getValue());
      files.put(t.getKey(), new TargetFile(t.getKey(), t.getValue().length, Map.of("sha256", sha),
          customValue(), JsonObject.builder().put("x-unknown", 7).build()));
    }
    DelegatedRole project = new DelegatedRole(DELEGATED, List.of(keyid("delegated")), 1, true,
        List.of("packages/*", "\u6f22\u5b57/*"), null, JsonObject.builder().put("x-note", "kept").build());
    DelegatedRole bins = DelegatedRole.forHashPrefixes("bins-0", List.of(keyid("delegated")), 1, List.of("0", "1a"));
    Targets targetsModel = new Targets(Signed.SPEC_VERSION, 1, expires, files,
        Delegations.of(Map.of(keyid("delegated"), key("delegated")), List.of(project, bins)),
        JsonObject.builder().put("custom", customValue()).build());
    Targets delegatedModel = Targets.of(1, expires).withTarget(files.get("packages/\u00e9t\u00e9 1.0.whl"));

    SigningKey delegatedKey = KEYS.get("delegated").signer("delegated");
    Metadata<Targets> targets = Metadata.of(targetsModel).sign(KEYS.get("targets").signer("targets"));
    Metadata<Targets> delegated = Metadata.of(delegatedModel).sign(delegatedKey);
    Metadata<Targets> bin = Metadata.of(Targets.of(1, expires)).sign(delegatedKey);
    Snapshot snapshotModel = Snapshot.of(1, expires, Map.of(
        "targets.json", MetaFile.ofVersion(1), DELEGATED + ".json", MetaFile.ofVersion(1),
        "bins-0.json", MetaFile.ofVersion(1)));
    Metadata<Snapshot> snapshot = Metadata.of(snapshotModel).sign(KEYS.get("snapshot").signer("snapshot"));
    byte[] snapshotBytes = snapshot.toBytes();
    MetaFile snapshotMeta = new MetaFile(1, (long) snapshotBytes.length,
        Map.of("sha256", TufJsClientInteropTest.sha256(snapshotBytes)), JsonObject.EMPTY);
    Metadata<Timestamp> timestamp = Metadata.of(Timestamp.of(1, expires, snapshotMeta))
        .sign(KEYS.get("timestamp").signer("timestamp"));
    Metadata<Root> root = Metadata.of(rootModel).sign(KEYS.get("root").signer("root"));
    return new Repo(root, timestamp, snapshot, targets, delegated, bin);
  }

  /**
   * A verify request for models.js. The files go as plain JSON with every non-ASCII character
   * escaped, not as {@link Metadata#toBytes()}: those are canonical JSON, which writes control
   * characters raw, and JSON.parse refuses them (see {@link
   * #tuf4jFilesWithAControlCharacterAreNotJsonToTufJs}). The document, and so the signed
   * canonical bytes, are the same.
   */
  static JsonObject check(Metadata<?> delegator, String role, Metadata<?> delegate) {
    return check(delegator, role, delegate, JsonText.write(delegate.toJson()));
  }

  static JsonObject check(Metadata<?> delegator, String role, Metadata<?> delegate, String delegateText) {
    return check(delegator.signed().type(), JsonText.write(delegator.toJson()), role,
        delegate.signed().type(), delegateText);
  }

  static JsonObject check(String delegatorType, String delegatorText, String role, String delegateType,
      String delegateText) {
    return JsonObject.builder()
        .put("delegatorType", delegatorType)
        .put("delegator", delegatorText)
        .put("role", role)
        .put("delegateType", delegateType)
        .put("delegate", delegateText)
        .build();
  }

  /** Runs the checks in one node process; one result object per check. */
  static List<JsonObject> tufJsVerify(List<JsonObject> checks) {
    TufJs.Run run = TufJs.get().models(JsonObject.builder()
        .put("op", "verify").put("checks", JsonText.array(checks)).build());
    assertEquals(0, run.exitCode(), run.toString());
    List<JsonObject> out = new ArrayList<>();
    for (JsonValue v : ((JsonArray) run.json().get("results")).elements()) {
      out.add((JsonObject) v);
    }
    assertEquals(checks.size(), out.size());
    return out;
  }
}
