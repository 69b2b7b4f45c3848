package dev.tuf4j.crypto;

import dev.tuf4j.KeyFileException;
import dev.tuf4j.KeyFormatException;
import dev.tuf4j.MetadataFormatException;
import dev.tuf4j.crypto.internal.AtomicFiles;
import dev.tuf4j.crypto.internal.Pbes2;
import dev.tuf4j.crypto.internal.Pem;
import dev.tuf4j.json.JsonObject;
import dev.tuf4j.json.JsonString;
import dev.tuf4j.json.JsonValue;
import dev.tuf4j.json.StrictJsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Key files for offline keys.
 *
 * <p>A private key file is a passphrase-encrypted PKCS#8 PEM ({@code -----BEGIN ENCRYPTED PRIVATE
 * KEY-----}): PBES2 with PBKDF2-HMAC-SHA-256 ({@value #DEFAULT_PBKDF2_ITERATIONS} iterations, the
 * OWASP 2023 figure) and AES-256-CBC, which OpenSSL and pyca/cryptography read too. It is written
 * with owner-only permissions (POSIX 0600) from the moment it exists, atomically (no half file
 * is ever visible), and never over an existing file unless {@link IfExists#REPLACE} says so.
 *
 * <p>A public key file is the TUF key object as JSON, with its keyid: {@code {"keyid",
 * "keytype", "keyval": {"public"}, "scheme"}}.
 *
 * <p>Every failure is a {@link KeyFileException} naming the file; no message holds a passphrase
 * or key material. Passphrases are {@code char[]} so the caller can clear them after the call;
 * tuf4j clears its own copies of derived secrets. Instances are immutable and thread-safe.
 */
public final class KeyFiles {
  /** PBKDF2-HMAC-SHA-256 iterations for new private key files. */
  public static final int DEFAULT_PBKDF2_ITERATIONS = 600_000;

  /** Files larger than this are not key files (an RSA-4096 key file is about 3.5 KB). */
  private static final int MAX_FILE_SIZE = 1 << 20;

  private static final String ENCRYPTED_LABEL = "ENCRYPTED PRIVATE KEY";

  /** What to do when the file to write exists already. */
  public enum IfExists {
    /** Fail with a {@link KeyFileException} and leave the file as it is. */
    FAIL,
    /** Replace it atomically. */
    REPLACE
  }

  private final SecureRandom random;
  private final int iterations;

  /**
   * Key files whose salts and IVs come from {@code random}; keys read back keep it for RSA-PSS
   * salts.
   */
  public KeyFiles(SecureRandom random) {
    this(random, DEFAULT_PBKDF2_ITERATIONS);
  }

  /** With fewer PBKDF2 iterations, for tests only. */
  KeyFiles(SecureRandom random, int iterations) {
    this.random = Objects.requireNonNull(random, "random");
    if (iterations < 1) {
      throw new IllegalArgumentException("iterations must be positive");
    }
    this.iterations = iterations;
  }

  /** Writes {@code key} encrypted under {@code passphrase}; fails if {@code file} exists. */
  public void writePrivateKey(Path file, SigningKey key, char[] passphrase)
      throws KeyFileException {
    writePrivateKey(file, key, passphrase, IfExists.FAIL);
  }

  /** Writes {@code key} encrypted under {@code passphrase}, which must not be empty. */
  public void writePrivateKey(Path file, SigningKey key, char[] passphrase, IfExists ifExists)
      throws KeyFileException {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(passphrase, "passphrase");
    Objects.requireNonNull(ifExists, "ifExists");
    if (passphrase.length == 0) {
      throw new IllegalArgumentException("an offline key needs a non-empty passphrase");
    }
    byte[] pkcs8 = key.toPkcs8();
    byte[] encrypted;
    try {
      encrypted = Pbes2.encrypt(pkcs8, passphrase, iterations, random);
    } finally {
      Arrays.fill(pkcs8, (byte) 0);
    }
    byte[] pem = Pem.encode(ENCRYPTED_LABEL, encrypted).getBytes(StandardCharsets.US_ASCII);
    write(file, pem, AtomicFiles.OWNER_ONLY, ifExists);
  }

  /**
   * Reads and decrypts a private key file.
   *
   * @throws KeyFileException when the file is missing, unreadable, not an encrypted PKCS#8 key,
   *     damaged, or the passphrase is wrong (which CBC encryption cannot tell apart from damage
   *     to the last blocks; the message says so)
   */
  public SigningKey readPrivateKey(Path file, char[] passphrase) throws KeyFileException {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(passphrase, "passphrase");
    String text = readText(file);
    String label = Pem.labelOf(text);
    if (label == null) {
      throw new KeyFileException(file, "not a PEM key file (damaged, or not a key file)");
    }
    if (label.equals("PRIVATE KEY")) {
      throw new KeyFileException(
          file, "private key is not encrypted; tuf4j reads only passphrase-encrypted key files");
    }
    if (!label.equals(ENCRYPTED_LABEL)) {
      throw new KeyFileException(
          file, "not an encrypted PKCS#8 key file (found PEM '" + label + "')");
    }
    byte[] encrypted;
    try {
      encrypted = Pem.decode(text, ENCRYPTED_LABEL, "key file");
    } catch (KeyFormatException e) {
      throw new KeyFileException(file, "damaged key file: " + e.getMessage());
    }
    byte[] pkcs8;
    try {
      pkcs8 = Pbes2.decrypt(encrypted, passphrase);
    } catch (Pbes2.DecryptException e) {
      if (e.failure() == Pbes2.Failure.DECRYPTION_FAILED) {
        throw new KeyFileException(file, "wrong passphrase or damaged key file");
      }
      String kind = e.failure() == Pbes2.Failure.MALFORMED ? "damaged key file: " : "";
      throw new KeyFileException(file, kind + e.getMessage());
    }
    try {
      return SigningKey.fromPkcs8(pkcs8, random);
    } catch (KeyFormatException e) {
      // Padding that happens to check out under a wrong passphrase yields garbage here too.
      throw new KeyFileException(
          file, "wrong passphrase or damaged key file (" + e.getMessage() + ")");
    } finally {
      Arrays.fill(pkcs8, (byte) 0);
    }
  }

  /** Writes the TUF key object of {@code key} with its keyid as JSON; fails if it exists. */
  public void writePublicKey(Path file, PublicKey key) throws KeyFileException {
    writePublicKey(file, key, IfExists.FAIL);
  }

  /** Writes the TUF key object of {@code key} with its keyid as JSON. */
  public void writePublicKey(Path file, PublicKey key, IfExists ifExists)
      throws KeyFileException {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(ifExists, "ifExists");
    String json =
        "{\n"
            + "  \"keyid\": "
            + quote(key.keyId())
            + ",\n  \"keytype\": "
            + quote(key.keytype())
            + ",\n  \"keyval\": {\n    \"public\": "
            + quote(key.publicValue())
            + "\n  },\n  \"scheme\": "
            + quote(key.scheme().tufName())
            + "\n}\n";
    write(file, json.getBytes(StandardCharsets.UTF_8), AtomicFiles.WORLD_READABLE, ifExists);
  }

  /**
   * Reads a public key file: a TUF key object, optionally with a {@code keyid}. A keyid, when
   * present, must be the default keyid of the key as written in the file.
   *
   * @throws KeyFileException when the file is missing, not such JSON, its key is malformed, its
   *     keytype/scheme is not enabled in {@code registry}, or its keyid does not match
   */
  public PublicKey readPublicKey(Path file, SchemeRegistry registry) throws KeyFileException {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(registry, "registry");
    byte[] bytes = readBytes(file);
    JsonValue value;
    try {
      value = StrictJsonParser.withDefaults().parse(bytes);
    } catch (MetadataFormatException e) {
      throw new KeyFileException(
          file, "not a public key file: at " + e.jsonPath() + ": " + e.detail());
    }
    String keytype = stringMember(file, value, "keytype");
    String scheme = stringMember(file, value, "scheme");
    JsonValue keyval = ((JsonObject) value).get("keyval");
    String publicValue = stringMember(file, keyval, "public");
    Optional<PublicKey> key;
    try {
      key = registry.decode(keytype, scheme, publicValue);
    } catch (KeyFormatException e) {
      throw new KeyFileException(file, "malformed public key: " + e.getMessage());
    }
    if (key.isEmpty()) {
      throw new KeyFileException(
          file, "unsupported or disabled keytype/scheme " + keytype + "/" + scheme);
    }
    JsonValue keyId = ((JsonObject) value).get("keyid");
    if (keyId != null) {
      String asWritten =
          KeyObjects.keyId(KeyObjects.toJson(keytype, key.get().scheme(), publicValue));
      if (!(keyId instanceof JsonString)
          || !(((JsonString) keyId).value().equals(key.get().keyId())
              || ((JsonString) keyId).value().equals(asWritten))) {
        throw new KeyFileException(file, "keyid in the file does not match its key");
      }
    }
    return key.get();
  }

  private static String stringMember(Path file, JsonValue object, String name)
      throws KeyFileException {
    if (!(object instanceof JsonObject)) {
      throw new KeyFileException(file, "not a public key file: expected a TUF key object");
    }
    JsonValue member = ((JsonObject) object).get(name);
    if (!(member instanceof JsonString)) {
      throw new KeyFileException(file, "not a public key file: no string \"" + name + "\"");
    }
    return ((JsonString) member).value();
  }

  private static void write(
      Path file, byte[] bytes, Set<PosixFilePermission> permissions, IfExists ifExists)
      throws KeyFileException {
    try {
      AtomicFiles.write(file, bytes, permissions, ifExists == IfExists.REPLACE);
    } catch (FileAlreadyExistsException e) {
      throw new KeyFileException(file, "file exists already; not replacing it");
    } catch (NoSuchFileException e) {
      throw new KeyFileException(file, "directory does not exist");
    } catch (IOException e) {
      throw new KeyFileException(file, "cannot write key file: " + e, e);
    }
  }

  private static String readText(Path file) throws KeyFileException {
    byte[] bytes = readBytes(file);
    for (byte b : bytes) {
      if (b < 0) {
        throw new KeyFileException(file, "not a PEM key file (non-ASCII bytes)");
      }
    }
    return new String(bytes, StandardCharsets.US_ASCII);
  }

  private static byte[] readBytes(Path file) throws KeyFileException {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_FILE_SIZE + 1);
    } catch (NoSuchFileException e) {
      throw new KeyFileException(file, "no such key file");
    } catch (IOException e) {
      throw new KeyFileException(file, "cannot read key file: " + e, e);
    }
    if (bytes.length == 0) {
      throw new KeyFileException(file, "empty file, not a key file");
    }
    if (bytes.length > MAX_FILE_SIZE) {
      throw new KeyFileException(file, "larger than 1 MiB, not a key file");
    }
    return bytes;
  }

  /** A JSON string literal (RFC 8259 escapes; PEM newlines become {@code \n}). */
  private static String quote(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c == '\n') {
        out.append("\\n");
      } else if (c < 0x20) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
