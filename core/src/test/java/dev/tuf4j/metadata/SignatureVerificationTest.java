package dev.tuf4j.metadata;

import static dev.tuf4j.metadata.Fixtures.EXPIRES;
import static dev.tuf4j.metadata.Fixtures.key;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tuf4j.UnsignedMetadataException;
import dev.tuf4j.crypto.KeyType;
import dev.tuf4j.crypto.SchemeRegistry;
import dev.tuf4j.crypto.SigningKey;
import dev.tuf4j.json.CanonicalJson;
import dev.tuf4j.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignatureVerificationTest {
  private static final SchemeRegistry REGISTRY = SchemeRegistry.defaults();
  private static final SigningKey A = key(1);
  private static final SigningKey B = key(2);
  private static final SigningKey C = key(3);
  private static final SigningKey OUTSIDER = key(4);

  private static String id(SigningKey k) {
    return k.publicKey().keyId();
  }

  private static Timestamp timestamp(long version) {
    return Timestamp.of(version, EXPIRES, MetaFile.ofVersion(1));
  }

  @Test
  void thresholdOfListedKeysVerifies() {
    Root root = Fixtures.root(List.of(A, B, C), 2);
    Metadata<Timestamp> ts = Fixtures.signed(timestamp(1), A, C);
    VerificationResult r = root.verifyDelegate("timestamp", ts, REGISTRY);
    assertTrue(r.verified());
    assertEquals(List.of(id(A), id(C)).stream().sorted().toList(), r.signedBy().stream().sorted().toList());
    assertEquals(List.of(id(B)), r.notSignedBy());
    assertEquals(0, r.missing());
  }

  @Test
  void belowThresholdDoesNotVerifyAndThrowsWithCounts() {
    Root root = Fixtures.root(List.of(A, B, C), 2);
    Metadata<Timestamp> ts = Fixtures.signed(timestamp(1), A);
    VerificationResult r = root.verifyDelegate("timestamp", ts, REGISTRY);
    assertFalse(r.verified());
    assertEquals(1, r.missing());
    UnsignedMetadataException e =
        assertThrows(UnsignedMetadataException.class, () -> root.requireDelegate("timestamp", ts, REGISTRY));
    assertEquals("timestamp", e.role());
    assertEquals(2, e.threshold());
    assertEquals(1, e.validSignatures());
    assertTrue(e.getMessage().contains("expected signatures from 2"), e.getMessage());
  }

  @Test
  void keysNotListedForTheRoleDoNotCount() {
    // OUTSIDER is in root's keys (for root) but not a timestamp key.
    Root root = Fixtures.root(List.of(A), 1).withRoleKey("root", id(OUTSIDER), Key.of(OUTSIDER.publicKey()));
    Metadata<Timestamp> ts = Fixtures.signed(timestamp(1), OUTSIDER);
    assertFalse(root.verifyDelegate("timestamp", ts, REGISTRY).verified());
    assertTrue(root.verifyDelegate("root", Fixtures.signed(root, OUTSIDER), REGISTRY).signedBy().contains(id(OUTSIDER)));
  }

  @Test
  void oneKeyUnderTwoKeyidsCountsOnce() {
    Key a = Key.of(A.publicKey());
    Map<String, Key> keys = new LinkedHashMap<>();
    keys.put("first-id", a);
    keys.put("second-id", a);
    Map<String, Role> roles = new LinkedHashMap<>();
    for (String name : Signed.TOP_LEVEL_ROLES) {
      roles.put(name, new Role(List.of("first-id", "second-id"), 2));
    }
    Root root = Root.of(EXPIRES, keys, roles);
    Metadata<Timestamp> ts = Metadata.of(timestamp(1)).sign(A, "first-id").sign(A, "second-id");
    VerificationResult r = root.verifyDelegate("timestamp", ts, REGISTRY);
    assertFalse(r.verified());
    assertEquals(List.of("first-id"), r.signedBy());
    assertEquals(List.of("second-id"), r.notSignedBy());
  }

  @Test
  void badEmptyAndMalformedSignaturesAreIgnoredNotFatal() {
    Root root = Fixtures.root(List.of(A, B, C), 1);
    Metadata<Timestamp> good = Fixtures.signed(timestamp(1), C);
    List<Signature> sigs = new ArrayList<>();
    sigs.add(new Signature(id(A), ""));
    sigs.add(new Signature(id(B), "zz-not-hex"));
    sigs.add(new Signature(id(OUTSIDER), "00".repeat(64)));
    sigs.addAll(good.signatures());
    VerificationResult r = root.verifyDelegate("timestamp", good.withSignatures(sigs), REGISTRY);
    assertTrue(r.verified());
    assertEquals(List.of(id(C)), r.signedBy());
  }

  @Test
  void signatureByTheRightKeyOverOtherBytesDoesNotCount() {
    Root root = Fixtures.root(List.of(A), 1);
    Metadata<Timestamp> v1 = Fixtures.signed(timestamp(1), A);
    Metadata<Timestamp> v2 = Metadata.of(timestamp(2)).withSignatures(v1.signatures());
    assertFalse(root.verifyDelegate("timestamp", v2, REGISTRY).verified());
  }

  @Test
  void keysOfUnknownSchemeOrMalformedMaterialNeverVerify() {
    Key unknown = new Key("ed448", "ed448", JsonObject.builder().put("public", "00").build(), JsonObject.EMPTY);
    Key shortEd25519 = new Key("ed25519", "ed25519", JsonObject.builder().put("public", "ab".repeat(31)).build(), JsonObject.EMPTY);
    Key noPublic = new Key("ed25519", "ed25519", JsonObject.EMPTY, JsonObject.EMPTY);
    assertTrue(unknown.publicKey(REGISTRY).isEmpty());
    assertTrue(unknown.problem(REGISTRY).orElseThrow().contains("unsupported"));
    assertTrue(shortEd25519.publicKey(REGISTRY).isEmpty());
    assertTrue(shortEd25519.problem(REGISTRY).isPresent());
    assertTrue(noPublic.publicKey(REGISTRY).isEmpty());

    Map<String, Key> keys = Map.of("u", unknown, "s", shortEd25519, "n", noPublic, id(A), Key.of(A.publicKey()));
    Map<String, Role> roles = new LinkedHashMap<>();
    for (String name : Signed.TOP_LEVEL_ROLES) {
      roles.put(name, new Role(List.of("u", "s", "n", id(A)), 1));
    }
    Root root = Root.of(EXPIRES, keys, roles);
    Metadata<Timestamp> ts = Fixtures.signed(timestamp(1), A);
    List<Signature> sigs = new ArrayList<>(ts.signatures());
    sigs.add(new Signature("u", "00"));
    sigs.add(new Signature("s", ts.signatures().get(0).sig()));
    VerificationResult r = root.verifyDelegate("timestamp", ts.withSignatures(sigs), REGISTRY);
    assertTrue(r.verified());
    assertEquals(List.of(id(A)), r.signedBy());
  }

  @Test
  void everySchemeSignsAndVerifiesThroughMetadata() {
    for (KeyType type : KeyType.values()) {
      SigningKey k = key(type, 10 + type.ordinal());
      Root root = Fixtures.root(List.of(k), 1);
      Metadata<Root> m = Fixtures.signed(root, k);
      assertTrue(root.verifyDelegate("root", m, REGISTRY).verified(), type.toString());
    }
  }

  @Test
  void signReplacesTheSignatureOfTheSameKey() {
    Metadata<Timestamp> once = Fixtures.signed(timestamp(1), A, B);
    Metadata<Timestamp> twice = once.sign(A);
    assertEquals(2, twice.signatures().size());
    assertEquals(List.of(id(A), id(B)), twice.signatures().stream().map(Signature::keyid).toList());
  }

  @Test
  void editingDropsSignatures() {
    Metadata<Timestamp> m = Fixtures.signed(timestamp(1), A);
    Metadata<Timestamp> edited = m.withSigned(m.signed().withVersion(2));
    assertTrue(edited.signatures().isEmpty());
    assertFalse(java.util.Arrays.equals(m.signedBytes(), edited.signedBytes()));
  }

  @Test
  void signaturesCoverUnknownFieldsAsParsed() throws Exception {
    Root root = Fixtures.root(List.of(A), 1);
    JsonObject signedJson = timestamp(1).toJson().toBuilder().put("x-extension", "kept").build();
    byte[] canonical = CanonicalJson.encode(signedJson);
    String sig = dev.tuf4j.crypto.Hex.encode(A.sign(canonical));
    JsonObject doc = JsonObject.builder()
        .put("signed", signedJson)
        .put("signatures", dev.tuf4j.json.JsonArray.of(new Signature(id(A), sig).toJson()))
        .build();
    Metadata<Timestamp> parsed = Metadata.parseTimestamp(CanonicalJson.encode(doc));
    assertTrue(root.verifyDelegate("timestamp", parsed, REGISTRY).verified());
    assertArrayEquals(canonical, parsed.signedBytes());

    // The same signature no longer holds once the unknown field changes.
    JsonObject tampered = doc.toBuilder().put("signed", signedJson.toBuilder().put("x-extension", "changed").build()).build();
    Metadata<Timestamp> bad = Metadata.parseTimestamp(CanonicalJson.encode(tampered));
    assertFalse(root.verifyDelegate("timestamp", bad, REGISTRY).verified());
  }

  @Test
  void whitespaceAndKeyOrderOfTheFileDoNotMatter() throws Exception {
    Root root = Fixtures.root(List.of(A), 1);
    Metadata<Timestamp> m = Fixtures.signed(timestamp(7), A);
    String compact = new String(m.toBytes(), java.nio.charset.StandardCharsets.UTF_8);
    String spaced = compact.replace("{", "{ \n  ").replace("}", "\n}\t").replace("[", "[ ");
    Metadata<Timestamp> parsed = Metadata.parseTimestamp(spaced.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertTrue(root.verifyDelegate("timestamp", parsed, REGISTRY).verified());
  }

  @Test
  void unknownRoleIsNotVerified() {
    Root root = Fixtures.root(List.of(A), 1);
    Metadata<Timestamp> ts = Fixtures.signed(timestamp(1), A);
    VerificationResult r = root.verifyDelegate("mirrors", ts, REGISTRY);
    assertFalse(r.knownRole());
    assertFalse(r.verified());
    assertThrows(UnsignedMetadataException.class, () -> r.requireVerified("root"));
  }

  @Test
  void rootRotationNeedsOldAndNewThresholds() throws Exception {
    Root v1 = Fixtures.root(List.of(A, B), 2);
    Root v2 = Fixtures.root(List.of(C), 1).withVersion(2);
    Metadata<Root> both = Fixtures.signed(v2, A, B, C);
    v1.requireRotation(both, REGISTRY);

    UnsignedMetadataException oldMissing = assertThrows(UnsignedMetadataException.class,
        () -> v1.requireRotation(Fixtures.signed(v2, A, C), REGISTRY));
    assertTrue(oldMissing.getMessage().contains("root version 1"), oldMissing.getMessage());
    UnsignedMetadataException newMissing = assertThrows(UnsignedMetadataException.class,
        () -> v1.requireRotation(Fixtures.signed(v2, A, B), REGISTRY));
    assertTrue(newMissing.getMessage().contains("root version 2"), newMissing.getMessage());
  }

  @Test
  void targetsVerifiesDelegatedAndSuccinctRoles() {
    Map<String, Key> keys = Map.of(id(A), Key.of(A.publicKey()), id(B), Key.of(B.publicKey()));
    Targets parent = Targets.of(1, EXPIRES).withDelegations(
        Delegations.of(keys, List.of(DelegatedRole.forPaths("project/a", List.of(id(A)), 1, List.of("a/*")))));
    Metadata<Targets> child = Fixtures.signed(Targets.of(1, EXPIRES), A);
    assertTrue(parent.verifyDelegate("project/a", child, REGISTRY).verified());
    assertFalse(parent.verifyDelegate("project/b", child, REGISTRY).verified());
    assertFalse(parent.verifyDelegate("project/a", Fixtures.signed(Targets.of(1, EXPIRES), B), REGISTRY).verified());

    Targets bins = Targets.of(1, EXPIRES).withDelegations(
        Delegations.succinct(keys, new SuccinctRoles(List.of(id(B)), 1, 4, "bins")));
    Metadata<Targets> bin = Fixtures.signed(Targets.of(1, EXPIRES), B);
    assertTrue(bins.verifyDelegate("bins-a", bin, REGISTRY).verified());
    assertFalse(bins.verifyDelegate("bins-10", bin, REGISTRY).verified());
    assertFalse(bins.verifyDelegate("bins-a", child, REGISTRY).verified());
    assertFalse(Targets.of(1, EXPIRES).verifyDelegate("bins-a", bin, REGISTRY).verified());
  }
}
