package dev.tuf4j.cli;

import dev.tuf4j.KeyFileException;
import dev.tuf4j.crypto.KeyFiles;
import dev.tuf4j.crypto.PublicKey;
import dev.tuf4j.crypto.SchemeRegistry;
import dev.tuf4j.crypto.SigningKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Key files as {@code tuf4j key generate} writes them, read for the repo and project commands. */
final class RepoKeys {
  private RepoKeys() {}

  /**
   * The public key of FILE: a public key JSON, or a private key file whose {@code FILE.pub.json}
   * lies beside it (so that either file of a pair can be named, without a passphrase).
   */
  static PublicKey publicKey(Path file) throws UserError {
    Path source = file;
    if (looksLikePem(file)) {
      source = KeyGenerateCommand.publicFileFor(file);
      if (!Files.exists(source)) {
        throw new UserError(file + ": a private key file; give its public key file (no " + source.getFileName()
            + " beside it)");
      }
    }
    try {
      return new KeyFiles(new SecureRandom()).readPublicKey(source, SchemeRegistry.defaults());
    } catch (KeyFileException e) {
      throw new UserError(e.getMessage(), e);
    }
  }

  static List<PublicKey> publicKeys(List<Path> files) throws UserError {
    List<PublicKey> out = new ArrayList<>();
    for (Path f : files) {
      PublicKey k = publicKey(f);
      if (out.contains(k)) {
        throw new UserError(f + ": the same key is given twice");
      }
      out.add(k);
    }
    return out;
  }

  /** The private key of an encrypted key file, its passphrase from the options or the terminal. */
  static SigningKey signingKey(Path file, PassphraseOptions passphrase, CliContext context)
      throws UserError, KeyFileException {
    if (!Files.isRegularFile(file)) {
      throw new UserError(file + ": no such key file");
    }
    char[] secret = passphrase.forExistingKey(context, file);
    try {
      return new KeyFiles(new SecureRandom()).readPrivateKey(file, secret);
    } finally {
      Arrays.fill(secret, '\0');
    }
  }

  private static boolean looksLikePem(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return new String(in.readNBytes(64), StandardCharsets.US_ASCII).stripLeading().startsWith("-----BEGIN");
    } catch (IOException e) {
      return false; // KeyFiles reports the file as missing or unreadable
    }
  }
}
