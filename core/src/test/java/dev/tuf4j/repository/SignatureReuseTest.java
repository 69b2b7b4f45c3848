package dev.tuf4j.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tuf4j.client.Updater;
import dev.tuf4j.metadata.Signature;
import dev.tuf4j.metadata.TargetFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Identical {@code signed} bytes (empty bins) are signed once per publish, and every bin still verifies. */
class SignatureReuseTest {
  @TempDir Path tmp;

  @Test
  void signingTheSameBytesAgainReusesTheSignaturesAndDifferentBytesAreSignedAnew() throws Exception {
    RepoTesting.CountingSigner signer = new RepoTesting.CountingSigner(RepoTesting.key("online"));
    AtomicInteger counted = new AtomicInteger();
    OnlineSigning signing = OnlineSigning.forRole("bin-0", List.of(signer.publicKey().keyId()), 1,
        Map.of(signer.publicKey().keyId(), signer), counted);
    byte[] a = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);

    List<Signature> first = signing.sign(a);
    List<Signature> again = signing.sign(a.clone());
    List<Signature> other = signing.sign("{\"a\":2}".getBytes(StandardCharsets.UTF_8));

    assertSame(first, again);
    assertEquals(2, signer.count.get(), "a and the different bytes");
    assertEquals(3, counted.get(), "one signature per call, reused or not");
    assertTrue(!first.get(0).sig().equals(other.get(0).sig()));
  }

  @Test
  void theEmptyBinsOfANewRepositoryAreSignedOnceEachThreadAndEveryBinVerifiesForClients() throws Exception {
    int bins = 64;
    RepoTesting.Fixture f = new RepoTesting.Fixture(tmp.resolve("repo"), RepoTesting.smallConfig(bins));
    PublishResult r = f.signOffline().publish();

    assertEquals(bins, r.binsWritten());
    assertEquals(bins + 2, r.signatures(), "every bin, snapshot and timestamp carries a signature");
    assertTrue(f.online.count.get() <= f.config.signingThreads() + 2,
        "signatures made: " + f.online.count.get());
    assertEveryBinVerifies(f, "client-1");

    // An expiry bump re-signs every empty bin with the same new bytes: signed once again.
    f.online.count.set(0);
    f.clock.advance(Duration.ofHours(1)); // the timestamp is still valid
    f.repo.bumpOnlineExpiries(Duration.ofDays(400));
    PublishResult bumped = f.repo.publisher().publishOnline();
    assertEquals(bins, bumped.binsWritten());
    assertTrue(f.online.count.get() <= f.config.signingThreads() + 2,
        "signatures made: " + f.online.count.get());
    assertEveryBinVerifies(f, "client-2");
  }

  @Test
  void aBinWithATargetAmongEmptyOnesGetsItsOwnSignature() throws Exception {
    RepoTesting.Fixture f = new RepoTesting.Fixture(tmp.resolve("repo"), RepoTesting.smallConfig(16));
    f.repo.addTargets(List.of(new TargetFile("a/one.tar.gz", 5, Map.of("sha256", "cd".repeat(32)))));
    f.signOffline().publish();

    Updater client = f.client(tmp.resolve("client"));
    client.refresh();
    assertEquals(5, client.targetInfo("a/one.tar.gz").orElseThrow().length());
    assertEveryBinVerifies(f, "client-2");
  }

  /** Looks up a path in every bin with a fresh client, which verifies each bin's signatures. */
  private void assertEveryBinVerifies(RepoTesting.Fixture f, String clientName) throws Exception {
    BinLayout layout = BinLayout.of(f.config);
    Updater client = f.client(tmp.resolve(clientName));
    client.refresh();
    BitSet seen = new BitSet();
    for (int i = 0; seen.cardinality() < layout.count(); i++) {
      String path = "probe/" + i + ".tar.gz";
      int bin = layout.binOf(path);
      if (!seen.get(bin)) {
        seen.set(bin);
        assertTrue(client.targetInfo(path).isEmpty(), path); // throws if the bin did not verify
      }
    }
  }
}
