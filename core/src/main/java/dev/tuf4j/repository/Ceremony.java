package dev.tuf4j.repository;

import dev.tuf4j.KeyFileException;
import dev.tuf4j.MetadataFormatException;
import dev.tuf4j.StorageException;
import dev.tuf4j.crypto.KeyFiles;
import dev.tuf4j.crypto.Signer;
import dev.tuf4j.crypto.SigningKey;
import dev.tuf4j.json.JsonObject;
import dev.tuf4j.json.JsonString;
import dev.tuf4j.json.JsonValue;
import dev.tuf4j.json.StrictJsonParser;
import dev.tuf4j.metadata.Metadata;
import dev.tuf4j.metadata.Signature;
import dev.tuf4j.metadata.Signed;
import dev.tuf4j.metadata.Targets;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The key holder's side of an offline signing ceremony: a pending root or targets version
 * ({@link Repository#pendingFile}) is an ordinary metadata file; each key holder adds a
 * signature to it, on any machine, with a key from an encrypted key file, and hands it on. The
 * repository takes the signatures back with {@link Repository#addSignatures} and shows what is
 * still missing. Signing never changes the {@code signed} content, so signatures made on
 * different copies of the file can be merged.
 */
public final class Ceremony {
  private Ceremony() {}

  /** The file with {@code signer}'s signature added (or replaced, under the same keyid). */
  public static byte[] sign(byte[] file, Signer signer) throws MetadataFormatException {
    return parse(file).sign(signer).toBytes();
  }

  /** Signs the metadata file at {@code file} in place, atomically. */
  public static void signFile(Path file, Signer signer) throws MetadataFormatException, StorageException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new StorageException(file, "cannot read the metadata file", e);
    }
    byte[] signed = sign(bytes, signer);
    try {
      Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName() + ".", ".tmp");
      try {
        Files.write(temp, signed);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("the file system cannot rename atomically", e);
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new StorageException(file, "cannot write the signed metadata file", e);
    }
  }

  /**
   * Signs the metadata file at {@code file} in place with the key in an encrypted key file
   * ({@link KeyFiles#readPrivateKey}).
   */
  public static void signFile(Path file, Path keyFile, char[] passphrase, KeyFiles keyFiles)
      throws MetadataFormatException, StorageException, KeyFileException {
    SigningKey key = keyFiles.readPrivateKey(keyFile, passphrase);
    signFile(file, key);
  }

  /** The keyids whose signatures the file holds (not checked: the file says nothing of keys). */
  public static List<String> signatureKeyids(byte[] file) throws MetadataFormatException {
    return parse(file).signatures().stream().map(Signature::keyid).toList();
  }

  private static Metadata<? extends Signed> parse(byte[] file) throws MetadataFormatException {
    JsonValue doc = StrictJsonParser.withDefaults().parse(file);
    JsonValue type = doc instanceof JsonObject o && o.get("signed") instanceof JsonObject signed
        ? signed.get("_type") : null;
    if (type instanceof JsonString t && t.value().equals("root")) {
      return Metadata.parseRoot(file);
    }
    if (type instanceof JsonString t && t.value().equals("targets")) {
      return Metadata.parse(file, Targets.class, "targets");
    }
    throw new MetadataFormatException(null, "$.signed._type",
        "expected a root or targets metadata file for an offline ceremony");
  }

}
