package dev.tuf4j.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tuf4j.KeyFileException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class KeyFilesTest {
  private static final String PASSPHRASE = "correct horse battery staple";
  private static final byte[] MESSAGE = "offline".getBytes(StandardCharsets.UTF_8);

  /** Few iterations keep the suite fast; one test below uses the production default. */
  private final KeyFiles files = new KeyFiles(TestRandom.seeded(30), 1000);

  @TempDir Path dir;

  static List<SigningKey> keys() {
    return TestKeys.all();
  }

  private Path written(SigningKey key) throws KeyFileException {
    Path file = dir.resolve("key.pem");
    files.writePrivateKey(file, key, PASSPHRASE.toCharArray());
    return file;
  }

  /** The failure, checked to name the file and to hold no secret. */
  private KeyFileException readFails(Path file, String passphrase, SigningKey key) {
    KeyFileException e =
        assertThrows(KeyFileException.class, () -> files.readPrivateKey(file, passphrase.toCharArray()));
    assertEquals(file, e.path());
    assertNoSecretIn(e.getMessage(), key);
    return e;
  }

  private static void assertNoSecretIn(String message, SigningKey key) {
    assertFalse(message.contains(PASSPHRASE), message);
    byte[] pkcs8 = key.toPkcs8();
    for (int i = 0; i + 8 <= pkcs8.length; i += 4) {
      byte[] window = Arrays.copyOfRange(pkcs8, i, i + 8);
      assertFalse(message.contains(Hex.encode(window)), message);
    }
  }

  @ParameterizedTest
  @MethodSource("keys")
  void roundTripsEveryKeyType(SigningKey key) throws Exception {
    Path file = written(key);
    SigningKey read = files.readPrivateKey(file, PASSPHRASE.toCharArray());
    assertEquals(key.publicKey(), read.publicKey());
    assertTrue(key.publicKey().verify(MESSAGE, read.sign(MESSAGE)));
    String text = Files.readString(file, StandardCharsets.US_ASCII);
    assertTrue(text.startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"), text);
    assertTrue(text.endsWith("-----END ENCRYPTED PRIVATE KEY-----\n"), text);
  }

  @Test
  void roundTripsWithTheDefaultIterationCount() throws Exception {
    KeyFiles production = new KeyFiles(TestRandom.seeded(31));
    Path file = dir.resolve("default.pem");
    production.writePrivateKey(file, TestKeys.ED25519, PASSPHRASE.toCharArray());
    assertEquals(
        TestKeys.ED25519.publicKey(),
        production.readPrivateKey(file, PASSPHRASE.toCharArray()).publicKey());
  }

  @ParameterizedTest
  @MethodSource("keys")
  void writesOwnerOnlyPermissions(SigningKey key) throws Exception {
    Path file = written(key);
    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
    assertEquals(PosixFilePermissions.fromString("rw-------"), perms);
  }

  @ParameterizedTest
  @MethodSource("keys")
  void wrongPassphraseFailsCleanly(SigningKey key) throws Exception {
    Path file = written(key);
    KeyFileException e = readFails(file, "Tr0ub4dor&3", key);
    assertTrue(e.getMessage().contains("wrong passphrase"), e.getMessage());
  }

  @Test
  void emptyPassphraseIsRefusedForWriting() {
    assertThrows(
        IllegalArgumentException.class,
        () -> files.writePrivateKey(dir.resolve("k"), TestKeys.ED25519, new char[0]));
  }

  @Test
  void nonAsciiPassphrasesRoundTrip() throws Exception {
    Path file = dir.resolve("k.pem");
    files.writePrivateKey(file, TestKeys.P256, "pässwörd \u2603".toCharArray());
    assertEquals(
        TestKeys.P256.publicKey(),
        files.readPrivateKey(file, "pässwörd \u2603".toCharArray()).publicKey());
    assertThrows(KeyFileException.class, () -> files.readPrivateKey(file, "passwort".toCharArray()));
  }

  @ParameterizedTest
  @MethodSource("keys")
  void truncatedFilesFailCleanly(SigningKey key) throws Exception {
    Path file = written(key);
    byte[] bytes = Files.readAllBytes(file);
    for (int length : new int[] {1, 20, 40, bytes.length / 2, bytes.length - 40, bytes.length - 26}) {
      Files.write(file, Arrays.copyOf(bytes, length));
      readFails(file, PASSPHRASE, key);
    }
  }

  @ParameterizedTest
  @MethodSource("keys")
  void aFlippedByteInTheCiphertextFailsCleanly(SigningKey key) throws Exception {
    Path file = written(key);
    String text = Files.readString(file, StandardCharsets.US_ASCII);
    byte[] der = JdkPem.der(text);
    // Every 16-byte block of the ciphertext, which ends the DER: a flip garbles a plaintext
    // block; the key's self-checks must notice, whatever block it lands in.
    for (int i = der.length - 1; i > der.length - 160 && i > 80; i -= 16) {
      byte[] damaged = der.clone();
      damaged[i] ^= 0x01;
      Files.writeString(file, JdkPem.pem("ENCRYPTED PRIVATE KEY", damaged));
      readFails(file, PASSPHRASE, key);
    }
  }

  @Test
  void garbageEmptyMissingAndForeignFilesFailCleanly() throws Exception {
    SigningKey key = TestKeys.ED25519;
    Path file = dir.resolve("k.pem");
    Files.write(file, new byte[0]);
    assertTrue(readFails(file, PASSPHRASE, key).getMessage().contains("empty"));
    Files.write(file, new byte[] {(byte) 0xFF, 0, 1, 2});
    readFails(file, PASSPHRASE, key);
    Files.writeString(file, "hello world\n");
    readFails(file, PASSPHRASE, key);
    Files.writeString(
        file, JdkPem.pem("ENCRYPTED PRIVATE KEY", "not DER at all".getBytes(StandardCharsets.US_ASCII)));
    assertTrue(readFails(file, PASSPHRASE, key).getMessage().contains("damaged"));
    Files.writeString(file, JdkPem.pem("PRIVATE KEY", key.toPkcs8()));
    assertTrue(readFails(file, PASSPHRASE, key).getMessage().contains("not encrypted"));
    Files.writeString(file, TestKeys.P256.publicKey().publicValue());
    assertTrue(readFails(file, PASSPHRASE, key).getMessage().contains("PUBLIC KEY"));
    Path missing = dir.resolve("missing.pem");
    assertTrue(readFails(missing, PASSPHRASE, key).getMessage().contains("no such key file"));
  }

  @Test
  void neverOverwritesAnExistingFileUnlessAsked() throws Exception {
    Path file = written(TestKeys.ED25519);
    byte[] before = Files.readAllBytes(file);
    KeyFileException e =
        assertThrows(
            KeyFileException.class,
            () -> files.writePrivateKey(file, TestKeys.P256, PASSPHRASE.toCharArray()));
    assertTrue(e.getMessage().contains("exists"), e.getMessage());
    assertArrayEquals(before, Files.readAllBytes(file));
    files.writePrivateKey(file, TestKeys.P256, PASSPHRASE.toCharArray(), KeyFiles.IfExists.REPLACE);
    assertEquals(
        TestKeys.P256.publicKey(), files.readPrivateKey(file, PASSPHRASE.toCharArray()).publicKey());
    assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(file));
  }

  @Test
  void leavesNoTemporaryFilesBehind() throws Exception {
    Path file = written(TestKeys.ED25519);
    assertThrows(
        KeyFileException.class,
        () -> files.writePrivateKey(file, TestKeys.ED25519, PASSPHRASE.toCharArray()));
    files.writePublicKey(dir.resolve("key.pub.json"), TestKeys.ED25519.publicKey());
    try (Stream<Path> list = Files.list(dir)) {
      assertEquals(
          Set.of("key.pem", "key.pub.json"),
          list.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toSet()));
    }
  }

  @Test
  void writingIntoAMissingDirectoryFailsCleanly() {
    KeyFileException e =
        assertThrows(
            KeyFileException.class,
            () ->
                files.writePrivateKey(
                    dir.resolve("no/such/dir/key.pem"), TestKeys.ED25519, PASSPHRASE.toCharArray()));
    assertTrue(e.getMessage().contains("directory does not exist"), e.getMessage());
  }

  @Test
  void eachFileGetsAFreshSaltAndIv() throws Exception {
    Path a = dir.resolve("a.pem");
    Path b = dir.resolve("b.pem");
    files.writePrivateKey(a, TestKeys.ED25519, PASSPHRASE.toCharArray());
    files.writePrivateKey(b, TestKeys.ED25519, PASSPHRASE.toCharArray());
    assertFalse(Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(b)));
  }

  @ParameterizedTest
  @MethodSource("keys")
  void publicKeyFilesRoundTrip(SigningKey key) throws Exception {
    Path file = dir.resolve("key.pub.json");
    files.writePublicKey(file, key.publicKey());
    PublicKey read = files.readPublicKey(file, SchemeRegistry.defaults());
    assertEquals(key.publicKey(), read);
    assertEquals(key.publicKey().keyId(), read.keyId());
    assertEquals(PosixFilePermissions.fromString("rw-r--r--"), Files.getPosixFilePermissions(file));
    String json = Files.readString(file);
    assertTrue(json.contains("\"keyid\": \"" + key.publicKey().keyId() + "\""), json);
  }

  @Test
  void readsAPublicKeyObjectWithoutKeyid() throws Exception {
    Path file = dir.resolve("key.json");
    Files.writeString(
        file,
        "{\"keytype\": \"ed25519\", \"scheme\": \"ed25519\", \"keyval\": {\"public\": \""
            + TestKeys.ED25519.publicKey().publicValue()
            + "\"}}");
    assertEquals(TestKeys.ED25519.publicKey(), files.readPublicKey(file, SchemeRegistry.defaults()));
  }

  @Test
  void refusesBadPublicKeyFiles() throws Exception {
    Path file = dir.resolve("key.json");
    String good = TestKeys.ED25519.publicKey().publicValue();
    List<String> bad =
        List.of(
            "",
            "[]",
            "{\"keytype\": \"ed25519\", \"scheme\": \"ed25519\"}",
            "{\"keytype\": \"ed25519\", \"scheme\": \"ed25519\", \"keyval\": {\"public\": 7}}",
            "{\"keytype\": \"ed25519\", \"scheme\": \"ed25519\", \"keyval\": {\"public\": \"00\"}}",
            "{\"keytype\": \"x\", \"scheme\": \"y\", \"keyval\": {\"public\": \"" + good + "\"}}",
            "{\"keyid\": \"00\", \"keytype\": \"ed25519\", \"scheme\": \"ed25519\", \"keyval\":"
                + " {\"public\": \""
                + good
                + "\"}}");
    for (String json : bad) {
      Files.writeString(file, json);
      assertThrows(
          KeyFileException.class, () -> files.readPublicKey(file, SchemeRegistry.defaults()), json);
    }
    Files.writeString(
        file, "{\"keytype\": \"ed25519\", \"scheme\": \"ed25519\", \"keyval\": {\"public\": \"" + good + "\"}}");
    SchemeRegistry rsaOnly = SchemeRegistry.builder().enable(Scheme.RSASSA_PSS_SHA256).build();
    assertThrows(KeyFileException.class, () -> files.readPublicKey(file, rsaOnly));
  }

  @ParameterizedTest
  @MethodSource("keys")
  void theJdkDecryptsOurKeyFiles(SigningKey key) throws Exception {
    // SunJCE's name for PBES2 with PBKDF2-HMAC-SHA256 and AES-256-CBC.
    String algorithm = "PBEWithHmacSHA256AndAES_256";
    Path file = written(key);
    javax.crypto.EncryptedPrivateKeyInfo info =
        new javax.crypto.EncryptedPrivateKeyInfo(JdkPem.der(Files.readString(file)));
    javax.crypto.SecretKey secret =
        javax.crypto.SecretKeyFactory.getInstance(algorithm)
            .generateSecret(new javax.crypto.spec.PBEKeySpec(PASSPHRASE.toCharArray()));
    javax.crypto.Cipher cipher = javax.crypto.Cipher.getInstance(algorithm);
    cipher.init(javax.crypto.Cipher.DECRYPT_MODE, secret, info.getAlgParameters());
    assertArrayEquals(key.toPkcs8(), cipher.doFinal(info.getEncryptedData()));
  }

  @Test
  void weDecryptTheJdksPbes2KeyFiles() throws Exception {
    // PBES2 with PBKDF2-HMAC-SHA256 and AES-256-CBC, encrypted by the JDK's SunJCE.
    String algorithm = "PBEWithHmacSHA256AndAES_256";
    byte[] salt = new byte[16];
    byte[] iv = new byte[16];
    TestRandom.seeded(32).nextBytes(salt);
    TestRandom.seeded(33).nextBytes(iv);
    javax.crypto.SecretKey secret =
        javax.crypto.SecretKeyFactory.getInstance(algorithm)
            .generateSecret(new javax.crypto.spec.PBEKeySpec(PASSPHRASE.toCharArray()));
    javax.crypto.Cipher cipher = javax.crypto.Cipher.getInstance(algorithm);
    cipher.init(
        javax.crypto.Cipher.ENCRYPT_MODE,
        secret,
        new javax.crypto.spec.PBEParameterSpec(salt, 2048, new javax.crypto.spec.IvParameterSpec(iv)));
    byte[] encrypted = cipher.doFinal(TestKeys.P384.toPkcs8());
    // JDK 17 cannot name PBES2 in an EncryptedPrivateKeyInfo it builds, so wrap its
    // parameters (the JDK's own DER) by hand: SEQUENCE { AlgorithmIdentifier, OCTET STRING }.
    org.bouncycastle.asn1.x509.AlgorithmIdentifier alg =
        new org.bouncycastle.asn1.x509.AlgorithmIdentifier(
            org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.id_PBES2,
            org.bouncycastle.asn1.ASN1Primitive.fromByteArray(cipher.getParameters().getEncoded()));
    byte[] der = new org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo(alg, encrypted).getEncoded();
    Path file = dir.resolve("jdk.pem");
    Files.writeString(file, JdkPem.pem("ENCRYPTED PRIVATE KEY", der));
    assertEquals(
        TestKeys.P384.publicKey(), files.readPrivateKey(file, PASSPHRASE.toCharArray()).publicKey());
  }

  @Test
  void pemBodyIsBase64OfDer() throws Exception {
    Path file = written(TestKeys.ED25519);
    List<String> lines = Files.readAllLines(file);
    for (String line : lines.subList(1, lines.size() - 1)) {
      assertTrue(line.length() <= 64, line);
    }
    Base64.getDecoder().decode(String.join("", lines.subList(1, lines.size() - 1)));
  }
}
