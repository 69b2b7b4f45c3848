package dev.tuf4j.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class DigesterTest {
  private static final Set<HashAlgorithm> ALL = EnumSet.allOf(HashAlgorithm.class);

  /** Published known answers: FIPS 180-4 examples for SHA-2, RFC 7693 / hashlib for BLAKE2b. */
  @ParameterizedTest(name = "{0}(\"{1}\")")
  @CsvSource({
    "sha256, '', e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "sha256, abc, ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    "sha256, abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq,"
        + " 248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
    "sha512, '', cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
        + "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e",
    "sha512, abc, ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
        + "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
    "blake2b-256, '', 0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8",
    "blake2b-256, abc, bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319",
  })
  void matchesKnownAnswers(String algorithm, String input, String expected) {
    HashAlgorithm a = HashAlgorithm.byTufName(algorithm).orElseThrow();
    byte[] bytes = input.getBytes(StandardCharsets.US_ASCII);
    assertEquals(expected, Hex.encode(Digester.digest(a, bytes)));
    Digester d = Digester.of(EnumSet.of(a));
    d.update(bytes);
    assertEquals(expected, Hex.encode(d.digest().get(a)));
    assertEquals(a.digestLength() * 2, expected.length());
  }

  @Test
  void computesEveryRequestedAlgorithmInOnePass() {
    byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
    Digester d = Digester.of(ALL);
    d.update(abc);
    Map<HashAlgorithm, byte[]> digests = d.digest();
    assertEquals(ALL, digests.keySet());
    for (HashAlgorithm a : ALL) {
      assertArrayEquals(Digester.digest(a, abc), digests.get(a), a.tufName());
    }
  }

  @Test
  void cannotBeUsedAfterDigest() {
    Digester d = Digester.of(EnumSet.of(HashAlgorithm.SHA256));
    d.digest();
    assertThrows(IllegalStateException.class, () -> d.update(new byte[1]));
    assertThrows(IllegalStateException.class, d::digest);
  }

  @Test
  void needsAnAlgorithm() {
    assertThrows(IllegalArgumentException.class, () -> Digester.of(EnumSet.noneOf(HashAlgorithm.class)));
  }

  @Test
  void checksUpdateBounds() {
    Digester d = Digester.of(ALL);
    assertThrows(IndexOutOfBoundsException.class, () -> d.update(new byte[4], 3, 2));
  }

  @Test
  void wrappedStreamHashesSkippedBytesToo() throws IOException {
    byte[] data = new byte[100_000];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (i * 31);
    }
    Digester d = Digester.of(ALL);
    try (InputStream in = d.wrap(new ByteArrayInputStream(data))) {
      assertEquals(7, in.read(new byte[7]));
      assertEquals(50_000, in.skip(50_000));
      assertEquals(data[50_007] & 0xFF, in.read());
      assertFalse(in.markSupported());
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    assertArrayEquals(Digester.digest(HashAlgorithm.SHA256, data), d.digest().get(HashAlgorithm.SHA256));
  }

  @Test
  void readsAStreamToItsEnd() throws IOException {
    byte[] data = "the file".getBytes(StandardCharsets.US_ASCII);
    Map<HashAlgorithm, byte[]> d = Digester.digest(ALL, new ByteArrayInputStream(data));
    assertArrayEquals(Digester.digest(HashAlgorithm.BLAKE2B_256, data), d.get(HashAlgorithm.BLAKE2B_256));
  }

  @Test
  void comparesDigestsByContent() {
    byte[] a = Digester.digest(HashAlgorithm.SHA256, new byte[] {1});
    assertTrue(Digester.constantTimeEquals(a, a.clone()));
    byte[] b = a.clone();
    b[31] ^= 1;
    assertFalse(Digester.constantTimeEquals(a, b));
    assertFalse(Digester.constantTimeEquals(a, java.util.Arrays.copyOf(a, 31)));
  }
}
