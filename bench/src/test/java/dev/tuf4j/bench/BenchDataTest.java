package dev.tuf4j.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tuf4j.crypto.SigningKey;
import dev.tuf4j.metadata.TargetFile;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchDataTest {
  @Test
  void seededRandomRepeatsItsBytes() {
    byte[] a = new byte[64];
    byte[] b = new byte[64];
    new SeededRandom(7).nextBytes(a);
    new SeededRandom(7).nextBytes(b);
    assertArrayEquals(a, b);
  }

  @Test
  void keysFromTheSameSeedAreTheSameKeys() {
    List<SigningKey> a = BenchData.ed25519Keys(3, 11);
    List<SigningKey> b = BenchData.ed25519Keys(3, 11);
    assertEquals(BenchData.keyIds(a), BenchData.keyIds(b));
    assertEquals(3, new HashSet<>(BenchData.keyIds(a)).size());
  }

  @Test
  void pypiTargetsAreDeterministicAndUnique() {
    List<TargetFile> a = BenchData.pypiTargets(200, 5);
    assertEquals(a, BenchData.pypiTargets(200, 5));
    assertEquals(200, a.stream().map(TargetFile::path).distinct().count());
  }

  @Test
  void pypiTargetsListSha256AndBlake2bAndCustomData() {
    for (TargetFile t : BenchData.pypiTargets(50, 5)) {
      Map<String, String> hashes = t.hashes();
      assertEquals(2, hashes.size());
      assertEquals(64, hashes.get("sha256").length());
      // PyPI's layout: the path's directories are the BLAKE2b digest.
      assertTrue(t.path().replace("/", "").startsWith(hashes.get("blake2b-256")), t.path());
      assertTrue(t.custom().isPresent());
    }
  }
}
