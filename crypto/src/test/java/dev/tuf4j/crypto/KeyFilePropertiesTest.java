package dev.tuf4j.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.tuf4j.KeyFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Damage anywhere in a key file is reported as a KeyFileException, never as a wrong key. */
class KeyFilePropertiesTest {
  private static final char[] PASSPHRASE = "s3cret passphrase".toCharArray();
  private static final KeyFiles FILES = new KeyFiles(TestRandom.seeded(40), 1000);
  private static final Map<SigningKey, byte[]> WRITTEN = new ConcurrentHashMap<>();
  private static Path dir;

  @BeforeContainer
  static void createDirectory() throws IOException {
    dir = Files.createTempDirectory("tuf4j-keyfiles");
  }

  @AfterContainer
  static void deleteDirectory() throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  @Provide
  Arbitrary<SigningKey> keys() {
    return Arbitraries.of(TestKeys.all());
  }

  private static byte[] fileOf(SigningKey key) {
    return WRITTEN.computeIfAbsent(
        key,
        k -> {
          try {
            Path file = dir.resolve("original-" + k.scheme().tufName() + ".pem");
            FILES.writePrivateKey(file, k, PASSPHRASE, KeyFiles.IfExists.REPLACE);
            return Files.readAllBytes(file);
          } catch (KeyFileException | IOException e) {
            throw new AssertionError(e);
          }
        });
  }

  @Property(tries = 400)
  void anyChangedByteFailsCleanlyOrYieldsTheSameKey(
      @ForAll("keys") SigningKey key,
      @ForAll @IntRange(min = 0, max = 100_000) int position,
      @ForAll @IntRange(min = 1, max = 255) int xor)
      throws IOException {
    byte[] damaged = fileOf(key).clone();
    damaged[position % damaged.length] ^= (byte) xor;
    Path file = dir.resolve("damaged.pem");
    Files.write(file, damaged);
    try {
      SigningKey read = FILES.readPrivateKey(file, PASSPHRASE);
      // Some bytes carry no meaning (e.g. a newline turned into a space); then the key is intact.
      assertEquals(key.publicKey(), read.publicKey());
    } catch (KeyFileException expected) {
      assertFalse(expected.getMessage().contains(new String(PASSPHRASE)));
    }
  }

  @Property(tries = 200)
  void randomFilesFailCleanly(@ForAll @Size(max = 3000) byte[] content) throws IOException {
    Path file = dir.resolve("random.pem");
    Files.write(file, content);
    try {
      FILES.readPrivateKey(file, PASSPHRASE);
      throw new AssertionError("random bytes read as a key");
    } catch (KeyFileException expected) {
      // the only allowed outcome
    }
  }

  @Property(tries = 200)
  void randomDerInEncryptedPemFailsCleanly(@ForAll @Size(max = 600) byte[] der) throws IOException {
    Path file = dir.resolve("random-der.pem");
    Files.writeString(file, JdkPem.pem("ENCRYPTED PRIVATE KEY", der));
    try {
      FILES.readPrivateKey(file, PASSPHRASE);
      throw new AssertionError("random DER read as a key");
    } catch (KeyFileException expected) {
      // the only allowed outcome
    }
  }
}
