package dev.tuf4j.testvectors;

import static dev.tuf4j.testvectors.TufJsClientInteropTest.DELEGATED;
import static dev.tuf4j.testvectors.TufJsClientInteropTest.README;
import static dev.tuf4j.testvectors.TufJsClientInteropTest.WHEEL;
import static dev.tuf4j.testvectors.TufJsClientInteropTest.assertOk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tuf4j.metadata.MetaFile;
import dev.tuf4j.testvectors.ClientPair.Verdict;
import dev.tuf4j.client.internal.TargetUrls;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Attacks on a repository both clients already trust: after a successful refresh by each, the
 * repository (or a man in the middle) misbehaves, and tuf-js must reject exactly when tuf4j does,
 * keep its trusted metadata, and store no target. The error types are compared too; where tuf-js
 * reports a coarser type, the case names the {@link KnownDifference}.
 */
@Timeout(120)
class TufJsAttackInteropTest {
  @TempDir Path tmp;

  /**
   * One attack and the verdicts it must get.
   *
   * @param attack applied to the repository and server after both clients' first refresh
   * @param command what both clients then run ("refresh", or "download" of the wheel)
   * @param rejectedRole the role whose new metadata is rejected (its stored version must not
   *     change), or null when a target is
   * @param tuf4jError the exception tuf4j must throw
   * @param tufJsError the error class tuf-js must report
   * @param tufJsMessage what tuf-js's message must contain
   * @param difference the known difference that explains a coarser tuf-js error type, or null
   */
  record Attack(String name, Consumer<ClientPair> attack, String command, @Nullable String rejectedRole,
      String tuf4jError, String tufJsError, String tufJsMessage, @Nullable KnownDifference difference) {
    @Override
    public String toString() {
      return name;
    }
  }

  static final KnownDifference WRAPPED = KnownDifference.WRAPS_SNAPSHOT_AND_TARGETS_ERRORS_IN_RUNTIME_ERROR;

  static Stream<Attack> attacks() {
    byte[] wheel = TufJsClientInteropTest.WHEEL_BYTES;
    return Stream.of(
        new Attack("target content tampered, same length",
            pair -> {
              byte[] evil = wheel.clone();
              evil[0] ^= 1;
              serveTarget(pair, WHEEL, evil);
            },
            "download", null,
            "LengthOrHashMismatchException", "LengthOrHashMismatchError", "Expected hash", null),
        new Attack("target longer than listed",
            pair -> serveTarget(pair, WHEEL, Arrays.copyOf(wheel, wheel.length + 100)),
            "download", null,
            "LengthExceededException", "DownloadLengthMismatchError", "Max length reached", null),
        new Attack("timestamp rolled back to an older, validly signed version",
            pair -> pair.server.put("/metadata/timestamp.json",
                pair.repo.sign("timestamp", pair.repo.timestamp.withVersion(1)).toBytes()),
            "refresh", "timestamp",
            "BadVersionException", "BadVersionError", "New timestamp version 1 is less than current version 3", null),
        new Attack("new timestamp names an older snapshot",
            pair -> {
              pair.repo.timestamp = pair.repo.timestamp.withVersion(pair.repo.timestamp.version() + 1)
                  .withSnapshotMeta(MetaFile.ofVersion(pair.repo.snapshot.version() - 1));
              pair.publish();
            },
            "refresh", "timestamp",
            "BadVersionException", "BadVersionError", "New snapshot version 2 is less than current version 3", null),
        new Attack("timestamp signed by a key root does not list",
            pair -> {
              pair.repo.signers.put("timestamp", List.of(pair.repo.newKey()));
              pair.repo.updateTimestamp();
              pair.publish();
            },
            "refresh", "timestamp",
            "UnsignedMetadataException", "UnsignedMetadataError", "timestamp was signed by 0/1 keys", null),
        new Attack("expired timestamp (freeze)",
            pair -> {
              pair.repo.timestamp = pair.repo.timestamp.withExpires(Instant.parse("2020-01-01T00:00:00Z"));
              pair.repo.updateTimestamp();
              pair.publish();
            },
            "refresh", "timestamp",
            "ExpiredMetadataException", "ExpiredMetadataError", "Final timestamp.json is expired", null),
        new Attack("next root not signed by the trusted root keys",
            pair -> {
              pair.repo.rotateKey("root");
              pair.repo.bumpRoot();
              pair.publish();
            },
            "refresh", "root",
            "UnsignedMetadataException", "UnsignedMetadataError", "root was signed by 0/1 keys", null),
        new Attack("new top-level targets signed by an unknown key",
            pair -> {
              pair.repo.signers.put("targets", List.of(pair.repo.newKey()));
              pair.repo.updateTargets("targets");
              pair.publish();
            },
            "refresh", "targets",
            "UnsignedMetadataException", "RuntimeError", "targets was signed by 0/1 keys", WRAPPED),
        new Attack("snapshot's version is not the one timestamp names",
            pair -> {
              long named = pair.repo.snapshot.version() + 1;
              pair.repo.snapshot = pair.repo.snapshot.withVersion(named + 1);
              pair.repo.timestamp = pair.repo.timestamp.withVersion(pair.repo.timestamp.version() + 1)
                  .withSnapshotMeta(MetaFile.ofVersion(named));
              pair.server.put("/metadata/timestamp.json", pair.repo.metadataBytes("timestamp"));
              pair.server.put("/metadata/" + named + ".snapshot.json", pair.repo.metadataBytes("snapshot"));
            },
            "refresh", "snapshot",
            "BadVersionException", "RuntimeError", "Snapshot version doesn't match timestamp", WRAPPED),
        new Attack("delegated role signed by a key its delegator does not list",
            pair -> {
              pair.repo.signers.put(DELEGATED, List.of(pair.repo.newKey()));
              pair.repo.updateTargets(DELEGATED);
              pair.publish();
            },
            "download", DELEGATED,
            "UnsignedMetadataException", "RuntimeError", "project a was signed by 0/1 keys", WRAPPED));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("attacks")
  void tufJsRejectsWhatTuf4jRejects(Attack a) throws Exception {
    try (ClientPair pair = new ClientPair(TufJsClientInteropTest.sampleRepository(true, false), tmp)) {
      assertOk(pair.tufJs("download", README));
      assertOk(pair.tuf4j("download", README));
      Map<String, Long> trustedJs = ClientPair.stored(pair.tufJsMetadata);
      Map<String, Long> trusted4j = ClientPair.stored(pair.tuf4jMetadata);

      a.attack().accept(pair);
      Verdict js = a.command().equals("download") ? pair.tufJs("download", WHEEL) : pair.tufJs("refresh");
      Verdict j4 = a.command().equals("download") ? pair.tuf4j("download", WHEEL) : pair.tuf4j("refresh");

      assertEquals(a.tuf4jError(), j4.error(), j4.toString());
      assertEquals(a.tufJsError(), js.error(), (a.difference() == null ? "" : a.difference() + ": ") + js);
      assertTrue(js.message().contains(a.tufJsMessage()), js.toString());
      // Both trust the same metadata afterwards: what they trusted before, plus what verified
      // on the way to the failure (a new timestamp and snapshot before a bad delegated role).
      assertEquals(trusted4j, trustedJs);
      assertEquals(j4.stored(), js.stored(), "stored metadata differs\n" + js + "\n" + j4);
      if (a.rejectedRole() != null) {
        assertEquals(trusted4j.get(a.rejectedRole()), j4.stored().get(a.rejectedRole()), j4.toString());
      }
      // And neither stored the wheel.
      assertEquals(List.of("README.txt"), TufJsClientInteropTest.listFiles(pair.tufJsTargets));
      assertEquals(List.of("README.txt"), TufJsClientInteropTest.listFiles(pair.tuf4jTargets));
    }
  }

  /** Serves {@code content} where both clients look for {@code targetPath} now, as a bad mirror would. */
  static void serveTarget(ClientPair pair, String targetPath, byte[] content) {
    // Under the hash of the real content, which is what both clients ask for.
    String path = TargetUrls.path(targetPath, TufJsClientInteropTest.sha256(pair.repo.targetFiles.get(targetPath)));
    pair.server.put("/targets/" + path, content);
    pair.server.put("/targets/" + ClientPair.whatwgPath(URLDecoder.decode(path, StandardCharsets.UTF_8)), content);
  }
}
