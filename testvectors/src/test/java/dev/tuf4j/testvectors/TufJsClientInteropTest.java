package dev.tuf4j.testvectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tuf4j.crypto.Digester;
import dev.tuf4j.crypto.HashAlgorithm;
import dev.tuf4j.crypto.Hex;
import dev.tuf4j.json.JsonBoolean;
import dev.tuf4j.json.JsonNumber;
import dev.tuf4j.json.JsonObject;
import dev.tuf4j.metadata.DelegatedRole;
import dev.tuf4j.metadata.Metadata;
import dev.tuf4j.testing.RepositorySimulator;
import dev.tuf4j.testvectors.ClientPair.Verdict;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real tuf-js client against repositories tuf4j's {@link RepositorySimulator} publishes over
 * HTTP: it must refresh them and download their targets, and make the same requests as tuf4j's
 * updater on the same repository, except for the differences named in {@link KnownDifference}.
 */
@Timeout(120)
class TufJsClientInteropTest {
  static final String WHEEL = "packages/wheel 1.0.whl";
  static final String README = "README.txt";
  static final String DELEGATED = "project a";
  static final byte[] WHEEL_BYTES = "wheel, version 1".getBytes(StandardCharsets.UTF_8);
  static final byte[] README_BYTES = "read me \u00e9".getBytes(StandardCharsets.UTF_8);

  @TempDir Path tmp;

  /**
   * Root version 2, a top-level target, and a delegation to "project a" (a name that needs
   * percent-encoding) for packages/*, with its own target. Versions: root 2, timestamp 3,
   * snapshot 3, targets 2, "project a" 2.
   */
  static RepositorySimulator sampleRepository(boolean consistentSnapshot, boolean metaHashes) {
    RepositorySimulator repo = new RepositorySimulator(consistentSnapshot);
    repo.computeMetafileHashesAndLength = metaHashes;
    repo.addDelegation("targets", DelegatedRole.forPaths(DELEGATED, List.of(), 1, List.of("packages/*")));
    repo.addTarget("targets", README, README_BYTES);
    repo.addTarget(DELEGATED, WHEEL, WHEEL_BYTES);
    repo.updateTargets(DELEGATED);
    repo.updateTargets("targets");
    repo.bumpRoot();
    return repo;
  }

  static Stream<Arguments> layouts() {
    return Stream.of(
        Arguments.of(true, false),
        Arguments.of(false, false),
        Arguments.of(true, true));
  }

  @ParameterizedTest(name = "consistent snapshots {0}, meta hashes {1}")
  @MethodSource("layouts")
  void tufJsRefreshesDownloadsAndUpdatesLikeTuf4j(boolean consistent, boolean metaHashes) throws Exception {
    try (ClientPair pair = new ClientPair(sampleRepository(consistent, metaHashes), tmp)) {
      // A first refresh: the root chain, timestamp, snapshot, top-level targets, nothing else.
      Verdict js = assertOk(pair.tufJs("refresh"));
      Verdict j4 = assertOk(pair.tuf4j("refresh"));
      assertEquals(List.of("GET /metadata/2.root.json", "GET /metadata/3.root.json",
          "GET /metadata/timestamp.json", get(consistent, 3, "snapshot"), get(consistent, 2, "targets")),
          j4.requests());
      assertEquals(List.of(), ClientPair.requestDiff(j4, js));
      assertEquals(Map.of("root", 2L, "timestamp", 3L, "snapshot", 3L, "targets", 2L), js.stored());
      assertEquals(j4.stored(), js.stored());

      // A download right after: the delegated role on the way, then the targets.
      js = assertOk(pair.tufJs("download", WHEEL, README));
      j4 = assertOk(pair.tuf4j("download", WHEEL, README));
      List<String> expected = new ArrayList<>(List.of("GET /metadata/3.root.json", "GET /metadata/timestamp.json",
          get(consistent, 2, "project%20a"), target(consistent, "packages/", "wheel%201.0.whl", WHEEL_BYTES),
          target(consistent, "", README, README_BYTES)));
      assertEquals(expected, j4.requests());
      assertEquals(List.of(), ClientPair.requestDiff(j4, js));
      assertDownloaded(js, j4, Map.of(WHEEL, WHEEL_BYTES, README, README_BYTES));
      assertEquals(j4.stored(), js.stored());

      // Again: both reuse the stored targets; tuf-js also fetches the delegated role again.
      js = assertOk(pair.tufJs("download", WHEEL, README));
      j4 = assertOk(pair.tuf4j("download", WHEEL, README));
      assertEquals(List.of("GET /metadata/3.root.json", "GET /metadata/timestamp.json"), j4.requests());
      assertEquals(List.of("tuf-js only: " + get(consistent, 2, "project%20a")), ClientPair.requestDiff(j4, js),
          KnownDifference.REFETCHES_DELEGATED_ROLE_WITH_ENCODED_NAME.name());
      assertDownloaded(js, j4, Map.of(WHEEL, WHEEL_BYTES, README, README_BYTES));

      // The repository publishes a new wheel: both follow timestamp, snapshot, the delegated role.
      byte[] newWheel = "wheel, version 2".getBytes(StandardCharsets.UTF_8);
      pair.repo.addTarget(DELEGATED, WHEEL, newWheel);
      pair.repo.updateTargets(DELEGATED);
      pair.publish();
      js = assertOk(pair.tufJs("download", WHEEL));
      j4 = assertOk(pair.tuf4j("download", WHEEL));
      assertEquals(List.of("GET /metadata/3.root.json", "GET /metadata/timestamp.json", get(consistent, 4, "snapshot"),
          get(consistent, 3, "project%20a"), target(consistent, "packages/", "wheel%201.0.whl", newWheel)),
          j4.requests());
      assertEquals(List.of(), ClientPair.requestDiff(j4, js));
      assertDownloaded(js, j4, Map.of(WHEEL, newWheel));
      assertEquals(Map.of("root", 2L, "timestamp", 4L, "snapshot", 4L, "targets", 2L, DELEGATED, 3L), js.stored());
      assertEquals(j4.stored(), js.stored());
    }
  }

  @Test
  void targetUrlsDifferOnlyInHowSubDelimitersAreEncoded() throws Exception {
    String name = "w+x(1)!.whl";
    byte[] content = "sub-delimiters".getBytes(StandardCharsets.UTF_8);
    RepositorySimulator repo = new RepositorySimulator(true);
    repo.addTarget("targets", name, content);
    repo.updateTargets("targets");
    try (ClientPair pair = new ClientPair(repo, tmp)) {
      Verdict js = assertOk(pair.tufJs("download", name));
      Verdict j4 = assertOk(pair.tuf4j("download", name));
      String hash = sha256(content);
      assertEquals(List.of(
          "tuf4j only: GET /targets/" + hash + ".w%2Bx%281%29%21.whl",
          "tuf-js only: GET /targets/" + hash + ".w+x(1)!.whl"),
          ClientPair.requestDiff(j4, js), KnownDifference.TARGET_URL_LEAVES_SUB_DELIMITERS_RAW.name());
      assertDownloaded(js, j4, Map.of(name, content));
    }
  }

  @Test
  void aTargetNoRoleListsFailsInBothWithTheSameRequests() throws Exception {
    try (ClientPair pair = new ClientPair(sampleRepository(true, false), tmp)) {
      Verdict js = pair.tufJs("download", "packages/missing.whl");
      Verdict j4 = pair.tuf4j("download", "packages/missing.whl");
      assertEquals("TargetNotFoundError", js.error(), js.toString());
      assertEquals("TargetNotFoundException", j4.error(), j4.toString());
      assertEquals(List.of(), ClientPair.requestDiff(j4, js));
      assertEquals(List.of(), listFiles(pair.tufJsTargets));
    }
  }

  @Test
  void initStoresTheTrustedRootByteForByte() throws Exception {
    RepositorySimulator repo = sampleRepository(true, false);
    Path rootFile = tmp.resolve("trusted root.json");
    Files.write(rootFile, repo.signedRoots.get(1));
    Path md = tmp.resolve("md");
    TufJs.Run run = TufJs.get().client(List.of("--metadata-dir", md.toString(), "init", rootFile.toString()));
    assertEquals(0, run.exitCode(), run.toString());
    assertArrayEquals(repo.signedRoots.get(1), Files.readAllBytes(md.resolve("root.json")));
    JsonObject trusted = (JsonObject) run.json().get("trusted");
    assertEquals(new JsonNumber(2), trusted.get("root"));
  }

  @Test
  void initRefusesWhatIsNotASelfSignedRootAndStoresNothing() throws Exception {
    RepositorySimulator repo = sampleRepository(true, false);
    Map<String, byte[]> notRoots = Map.of(
        "UnsignedMetadataError", Metadata.parseRoot(repo.signedRoots.get(0)).withSignatures(List.of()).toBytes(),
        "ValueError", repo.metadataBytes("timestamp"),
        "SyntaxError", new byte[0]);
    for (Map.Entry<String, byte[]> e : notRoots.entrySet()) {
      Path file = Files.write(tmp.resolve("not a root.json"), e.getValue());
      Path md = tmp.resolve("md " + e.getKey());
      TufJs.Run run = TufJs.get().client(List.of("--metadata-dir", md.toString(), "init", file.toString()));
      assertEquals(1, run.exitCode(), run.toString());
      assertEquals(e.getKey(), run.errorType(), run.toString());
      assertFalse(Files.exists(md.resolve("root.json")), run.toString());
    }
  }

  @Test
  void badArgumentsExitWithOneAndOneErrorLine() {
    List<List<String>> cases = List.of(
        List.of(),
        List.of("--metadata-dir"),
        List.of("--bogus", "refresh"),
        List.of("--metadata-dir", tmp.toString(), "refresh"),
        List.of("--metadata-dir", tmp.toString(), "--metadata-url", "http://127.0.0.1:1/", "download"),
        List.of("--metadata-dir", tmp.toString(), "frobnicate"));
    for (List<String> args : cases) {
      TufJs.Run run = TufJs.get().client(args);
      assertEquals(1, run.exitCode(), run.toString());
      assertEquals(JsonBoolean.FALSE, run.json().get("ok"), run.toString());
      assertEquals("UsageError", run.errorType(), run.toString());
      assertEquals(1, run.stderr().strip().lines().count(), run.toString());
      assertTrue(run.stderr().startsWith("UsageError: "), run.toString());
    }
  }

  // ---- helpers ----

  static Verdict assertOk(Verdict v) {
    assertTrue(v.ok(), v.toString());
    return v;
  }

  /** Both clients stored exactly these targets with these bytes. */
  static void assertDownloaded(Verdict tufJs, Verdict tuf4j, Map<String, byte[]> expected) throws Exception {
    for (Verdict v : List.of(tufJs, tuf4j)) {
      assertEquals(expected.keySet(), v.files().keySet(), v.toString());
      for (Map.Entry<String, byte[]> e : expected.entrySet()) {
        assertArrayEquals(e.getValue(), Files.readAllBytes(v.files().get(e.getKey())), v + "\n" + e.getKey());
      }
    }
  }

  /** The request line of a metadata file. */
  static String get(boolean consistent, long version, String encodedRole) {
    return "GET /metadata/" + (consistent ? version + "." : "") + encodedRole + ".json";
  }

  /** The request line of a target file, its file name already encoded. */
  static String target(boolean consistent, String dir, String encodedName, byte[] content) {
    return "GET /targets/" + dir + (consistent ? sha256(content) + "." : "") + encodedName;
  }

  static String sha256(byte[] content) {
    return Hex.encode(Digester.digest(HashAlgorithm.SHA256, content));
  }

  static List<String> listFiles(Path dir) throws Exception {
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
