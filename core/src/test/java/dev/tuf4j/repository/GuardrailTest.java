package dev.tuf4j.repository;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tuf4j.crypto.SigningKey;
import dev.tuf4j.metadata.Metadata;
import dev.tuf4j.metadata.TargetFile;
import dev.tuf4j.metadata.Targets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No configuration or publish may produce metadata larger than clients accept by default. */
class GuardrailTest {
  @TempDir Path tmp;

  @Test
  void sixtyFiveThousandBinsWouldMakeTheSnapshotTooLarge() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RepositoryConfig.builder().binCount(65_536).build());
    assertTrue(e.getMessage().contains("over the 2,000,000-byte cap"), e.getMessage());
    assertTrue(e.getMessage().endsWith("use at most 32,768 bins"), e.getMessage());
  }

  @Test
  void clientsConfiguredForLargerSnapshotsAllowMoreBins() {
    assertEquals(65_536, RepositoryConfig.builder().binCount(65_536).snapshotMaxBytes(4_000_000).build().binCount());
  }

  @Test
  void explicitHashPrefixDelegationsForManyBinsWouldMakeBinsTooLarge() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RepositoryConfig.builder()
        .binCount(32_768).binStyle(RepositoryConfig.BinStyle.HASH_PREFIXES).build());
    assertTrue(e.getMessage().startsWith("bins with 32,768 path_hash_prefixes delegations"), e.getMessage());
    assertTrue(e.getMessage().endsWith("use succinct bins (TAP 15), or use at most 16,384 bins"), e.getMessage());
    // PEP 458's own layout fits.
    RepositoryConfig.builder().binStyle(RepositoryConfig.BinStyle.HASH_PREFIXES).build();
  }

  @Test
  void tooFewBinsForTheExpectedTargetsAreRefusedWithTheNumberThatFits() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RepositoryConfig.builder().binCount(128).expectedTargets(2_300_000).build());
    assertTrue(e.getMessage().startsWith("2,300,000 targets in 128 bins would make the largest bin about"),
        e.getMessage());
    assertTrue(e.getMessage().endsWith("use at least 256 bins"), e.getMessage());
    // PEP 458's sizing: 16,384 bins hold PyPI's 2.3 million targets easily.
    RepositoryConfig.builder().expectedTargets(2_300_000).build();
  }

  @Test
  void noBinCountHoldsAnAbsurdNumberOfTargets() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RepositoryConfig.builder().expectedTargets(200_000_000_000L).build());
    assertTrue(e.getMessage().endsWith("even 65,536 bins would not do; split the repository"), e.getMessage());
  }

  @Test
  void aPublishThatWouldMakeABinTooLargeIsRefusedWithTheBinsThatWouldFit() throws Exception {
    RepositoryConfig config = RepositoryConfig.builder().binCount(2).targetsMaxBytes(4096).build();
    RepoTesting.Fixture f = new RepoTesting.Fixture(tmp.resolve("repo"), config);
    f.signOffline().publish();
    byte[] timestamp = Files.readAllBytes(tmp.resolve("repo/metadata/timestamp.json"));
    List<TargetFile> many = new ArrayList<>();
    for (int i = 0; i < 80; i++) {
      many.add(new TargetFile("many/file-" + i, i, Map.of("sha256", String.format("%064x", i))));
    }
    f.repo.addTargets(many);

    MetadataSizeException e = assertThrows(MetadataSizeException.class, () -> f.repo.publisher().publishOnline());
    assertTrue(e.role().startsWith("bin-"), e.role());
    assertEquals(4096, e.limit());
    int expected = 4;
    while ((double) e.size() * 2 / expected > 0.8 * 4096) {
      expected *= 2;
    }
    assertEquals(expected, e.suggestedBins());
    assertTrue(e.getMessage().endsWith("the repository has outgrown 2 bins: use at least "
        + String.format("%,d", expected) + " bins"), e.getMessage());
    assertArrayEquals(timestamp, Files.readAllBytes(tmp.resolve("repo/metadata/timestamp.json")),
        "clients see nothing of it");

    f.repo.removeTargets(many.subList(10, 80).stream().map(TargetFile::path).toList());
    f.repo.publisher().publishOnline();
    assertTrue(f.client(tmp.resolve("client")).targetInfo("many/file-3").isPresent());
  }

  @Test
  void aPublishThatWouldMakeTheSnapshotTooLargeIsRefusedWithTheBinsThatWouldFit() throws Exception {
    RepositoryConfig config = RepositoryConfig.builder().layout(RepositoryConfig.Layout.PEP_480)
        .binCount(64).snapshotMaxBytes(4096).build();
    RepoTesting.Fixture f = new RepoTesting.Fixture(tmp.resolve("repo"), config);
    f.signOffline().publish();
    SigningKey dev = RepoTesting.key("dev");
    for (int i = 0; i < 60; i++) {
      String name = "project" + i;
      f.repo.registerProject(new Project(name, List.of(dev.publicKey()), 1));
      byte[] upload = Metadata.of(Targets.of(1, RepoTesting.NOW.plus(Duration.ofDays(9)))).sign(dev).toBytes();
      f.repo.acceptUpload(name, upload);
    }
    MetadataSizeException e = assertThrows(MetadataSizeException.class, () -> f.repo.publisher().publishOnline());
    assertEquals("snapshot", e.role());
    assertTrue(e.suggestedBins() >= 2 && e.suggestedBins() < 64, "" + e.suggestedBins());
    assertTrue(e.getMessage().endsWith("it lists 64 bins: use at most " + e.suggestedBins() + " bins"),
        e.getMessage());
    // The suggestion is right: that many fewer bin entries bring it under the cap with room.
    long perBin = "\"bin-00.json\":{\"version\":1},".length();
    assertTrue(e.size() - (64 - e.suggestedBins()) * perBin <= 0.8 * 4096);
    assertTrue(e.size() - (64 - 2L * e.suggestedBins()) * perBin > 0.8 * 4096);
  }
}
