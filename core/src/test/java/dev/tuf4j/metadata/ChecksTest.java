package dev.tuf4j.metadata;

import static dev.tuf4j.metadata.Fixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tuf4j.LengthOrHashMismatchException;
import dev.tuf4j.crypto.Digester;
import dev.tuf4j.crypto.HashAlgorithm;
import dev.tuf4j.crypto.Hex;
import dev.tuf4j.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Length, hash and expiry checks, and delegation lookup. */
class ChecksTest {
  private static final byte[] DATA = utf8("hello, tuf");

  private static String hex(HashAlgorithm a, byte[] data) {
    return Hex.encode(Digester.digest(a, data));
  }

  private static Map<String, String> allHashes(byte[] data) {
    Map<String, String> h = new LinkedHashMap<>();
    for (HashAlgorithm a : HashAlgorithm.values()) {
      h.put(a.tufName(), hex(a, data));
    }
    return h;
  }

  @Test
  void targetMatchingLengthAndEveryHashPasses() throws Exception {
    TargetFile t = new TargetFile("a/b.txt", DATA.length, allHashes(DATA));
    t.verifyLengthAndHashes(DATA);
    t.verifyLengthAndHashes(new ByteArrayInputStream(DATA));
  }

  @Test
  void upperCaseHexDigestsAreAccepted() throws Exception {
    Map<String, String> h = Map.of("sha256", hex(HashAlgorithm.SHA256, DATA).toUpperCase());
    new TargetFile("x", DATA.length, h).verifyLengthAndHashes(DATA);
  }

  @Test
  void oneWrongHashAmongSeveralFails() {
    Map<String, String> h = allHashes(DATA);
    h.put("sha512", hex(HashAlgorithm.SHA512, utf8("other")));
    TargetFile t = new TargetFile("x", DATA.length, h);
    LengthOrHashMismatchException e = assertThrows(LengthOrHashMismatchException.class, () -> t.verifyLengthAndHashes(DATA));
    assertEquals("sha512", e.what());
    assertEquals(h.get("sha512"), e.expected());
    assertEquals(hex(HashAlgorithm.SHA512, DATA), e.found());
    assertEquals("x", e.role());
  }

  @Test
  void unknownHashAlgorithmFails() {
    Map<String, String> h = new LinkedHashMap<>(allHashes(DATA));
    h.put("md5", "00");
    TargetFile t = new TargetFile("x", DATA.length, h);
    LengthOrHashMismatchException e = assertThrows(LengthOrHashMismatchException.class, () -> t.verifyLengthAndHashes(DATA));
    assertEquals("md5", e.found());
  }

  @Test
  void malformedHexDigestFails() {
    TargetFile t = new TargetFile("x", DATA.length, Map.of("sha256", "not hex"));
    assertThrows(LengthOrHashMismatchException.class, () -> t.verifyLengthAndHashes(DATA));
  }

  @Test
  void lengthMismatchFailsForBytesAndStreams() {
    TargetFile shorter = new TargetFile("x", DATA.length - 1, allHashes(DATA));
    TargetFile longer = new TargetFile("x", DATA.length + 1, allHashes(DATA));
    LengthOrHashMismatchException e = assertThrows(LengthOrHashMismatchException.class, () -> shorter.verifyLengthAndHashes(DATA));
    assertEquals("length", e.what());
    assertEquals(Long.toString(DATA.length - 1), e.expected());
    assertEquals(Long.toString(DATA.length), e.found());
    assertThrows(LengthOrHashMismatchException.class, () -> shorter.verifyLengthAndHashes(new ByteArrayInputStream(DATA)));
    assertThrows(LengthOrHashMismatchException.class, () -> longer.verifyLengthAndHashes(new ByteArrayInputStream(DATA)));
  }

  @Test
  void metaFileChecksOnlyWhatItLists() throws Exception {
    MetaFile.ofVersion(3).verifyLengthAndHashes("snapshot", DATA);
    new MetaFile(3, (long) DATA.length, Map.of(), JsonObject.EMPTY).verifyLengthAndHashes("snapshot", DATA);
    MetaFile wrong = new MetaFile(3, null, Map.of("sha256", hex(HashAlgorithm.SHA256, utf8("x"))), JsonObject.EMPTY);
    LengthOrHashMismatchException e = assertThrows(LengthOrHashMismatchException.class,
        () -> wrong.verifyLengthAndHashes("snapshot", DATA));
    assertEquals("snapshot", e.role());
    assertThrows(LengthOrHashMismatchException.class,
        () -> new MetaFile(3, 1L, Map.of(), JsonObject.EMPTY).verifyLengthAndHashes("snapshot", DATA));
  }

  @Test
  void expiredWhenExpiresIsNotAfterNow() {
    Instant t = Instant.parse("2030-01-01T00:00:00Z");
    Timestamp ts = Timestamp.of(1, t, MetaFile.ofVersion(1));
    assertFalse(ts.isExpired(t.minusSeconds(1)));
    assertTrue(ts.isExpired(t));
    assertTrue(ts.isExpired(t.plusSeconds(1)));
  }

  @Test
  void expiresIsWrittenInTheStrictForm() {
    assertEquals("2030-01-02T03:04:05Z", Signed.formatExpires(Instant.parse("2030-01-02T03:04:05Z")));
    assertEquals("0001-01-01T00:00:00Z", Signed.formatExpires(Signed.parseExpires("0001-01-01T00:00:00Z")));
    assertThrows(IllegalArgumentException.class, () -> Timestamp.of(1, Instant.parse("2030-01-01T00:00:00.5Z"), MetaFile.ofVersion(1)));
  }

  @Test
  void delegationOrderIsPriorityAndSurvivesParsing() throws Exception {
    // Regression: implementations that kept delegated roles in an unordered map lost priority.
    List<DelegatedRole> roles = List.of(
        DelegatedRole.forPaths("zeta", List.of(), 1, List.of("*")),
        DelegatedRole.forPaths("alpha", List.of(), 1, List.of("*")).withTerminating(true),
        DelegatedRole.forPaths("mid", List.of(), 1, List.of("*")));
    Targets t = Targets.of(1, Fixtures.EXPIRES).withDelegations(Delegations.of(Map.of(), roles));
    Targets parsed = Metadata.parseTargets(Metadata.of(t).toBytes(), "targets").signed();
    List<DelegationEntry> order = parsed.delegations().orElseThrow().rolesForTarget("file");
    assertEquals(List.of("zeta", "alpha", "mid"), order.stream().map(DelegationEntry::name).toList());
    assertEquals(List.of(false, true, false), order.stream().map(DelegationEntry::terminating).toList());
  }

  @Test
  void rolesForTargetFiltersByPathsAndPrefixes() {
    String path = "pkg/file.whl";
    String prefix = DelegationMatching.pathHash(path).substring(0, 2);
    String otherPrefix = prefix.equals("00") ? "01" : "00";
    Delegations d = Delegations.of(Map.of(), List.of(
        DelegatedRole.forPaths("by-path", List.of(), 1, List.of("pkg/*.whl")),
        DelegatedRole.forPaths("wrong-depth", List.of(), 1, List.of("*.whl")),
        DelegatedRole.forHashPrefixes("by-prefix", List.of(), 1, List.of(otherPrefix, prefix)),
        DelegatedRole.forHashPrefixes("other-prefix", List.of(), 1, List.of(otherPrefix)),
        new DelegatedRole("neither", List.of(), 1, false, null, null, JsonObject.EMPTY)));
    assertEquals(List.of("by-path", "by-prefix"), d.rolesForTarget(path).stream().map(DelegationEntry::name).toList());
  }

  @Test
  void succinctDelegationYieldsOneTerminatingBin() {
    SuccinctRoles s = new SuccinctRoles(List.of("k"), 1, 14, "bins");
    Delegations d = Delegations.succinct(Map.of(), s);
    List<DelegationEntry> r = d.rolesForTarget("packages/a/b.whl");
    assertEquals(1, r.size());
    assertTrue(r.get(0).terminating());
    assertEquals(s.roleForTarget("packages/a/b.whl"), r.get(0).name());
    assertTrue(r.get(0).name().matches("bins-[0-9a-f]{4}"));
    assertTrue(d.role(r.get(0).name()).isPresent());
    assertFalse(d.role("bins-4000").isPresent());
    assertEquals(16384, s.numberOfBins());
  }

  @Test
  void roleNamesWithReservedCharactersParse() throws Exception {
    // Regression: names with '/', '%', '..', spaces and non-ASCII are legal role names; they
    // are encoded where they reach paths and URLs, never rejected.
    List<String> names = List.of("a/b", "100%", "../up", "with space", "caf\u00e9", "\ud83d\ude00");
    List<DelegatedRole> roles = names.stream().map(n -> DelegatedRole.forPaths(n, List.of(), 1, List.of("*"))).toList();
    Targets t = Targets.of(1, Fixtures.EXPIRES).withDelegations(Delegations.of(Map.of(), roles));
    Targets parsed = Metadata.parseTargets(Metadata.of(t).toBytes(), "targets").signed();
    assertEquals(names, parsed.delegations().orElseThrow().roles().orElseThrow().stream().map(DelegatedRole::name).toList());
  }

  @Test
  void constructorsEnforceTheStructuralRules() {
    assertThrows(IllegalArgumentException.class, () -> new Role(List.of("a"), 0));
    assertThrows(IllegalArgumentException.class, () -> new Role(List.of("a", "a"), 1));
    assertThrows(IllegalArgumentException.class, () -> new SuccinctRoles(List.of(), 1, 0, "b"));
    assertThrows(IllegalArgumentException.class, () -> new SuccinctRoles(List.of(), 1, 33, "b"));
    assertThrows(IllegalArgumentException.class, () -> new TargetFile("x", 1, Map.of()));
    assertThrows(IllegalArgumentException.class, () -> new TargetFile("x", -1, Map.of("sha256", "00")));
    assertThrows(IllegalArgumentException.class, () -> new MetaFile(0, null, Map.of(), JsonObject.EMPTY));
    assertThrows(IllegalArgumentException.class, () -> DelegatedRole.forPaths("targets", List.of(), 1, List.of()));
    assertThrows(IllegalArgumentException.class,
        () -> new DelegatedRole("r", List.of(), 1, false, List.of(), List.of(), JsonObject.EMPTY));
    assertThrows(IllegalArgumentException.class,
        () -> Delegations.of(Map.of(), List.of(DelegatedRole.forPaths("r", List.of(), 1, List.of()),
            DelegatedRole.forPaths("r", List.of(), 1, List.of()))));
    assertThrows(IllegalArgumentException.class, () -> Timestamp.of(0, Fixtures.EXPIRES, MetaFile.ofVersion(1)));
    assertThrows(IllegalArgumentException.class, () -> Root.of(Fixtures.EXPIRES, Map.of(), Map.of()));
    assertDoesNotThrow(() -> new Role(List.of(), 1));
  }

  @Test
  void spec10TwoPartVersionIsAccepted() throws Exception {
    Metadata<Root> m = Metadata.parseRoot(utf8(Fixtures.rootJson("").replace("1.0.31", "1.0")));
    assertEquals("1.0", m.signed().specVersion());
    assertTrue(m.signed().consistentSnapshot());
    Metadata<Root> absent = Metadata.parseRoot(utf8(Fixtures.rootJson("").replace("\"consistent_snapshot\":true,", "")));
    assertFalse(absent.signed().consistentSnapshot());
    assertTrue(absent.signed().consistentSnapshotField().isEmpty());
  }
}
