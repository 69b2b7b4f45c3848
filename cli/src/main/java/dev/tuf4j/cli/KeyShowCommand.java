package dev.tuf4j.cli;

import dev.tuf4j.KeyFileException;
import dev.tuf4j.crypto.KeyFiles;
import dev.tuf4j.crypto.PublicKey;
import dev.tuf4j.crypto.SchemeRegistry;
import dev.tuf4j.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code tuf4j key show FILE}: the public TUF key object of a key file, with its keyid, as JSON.
 * FILE is a public key JSON or an encrypted private key (which needs its passphrase).
 */
@Command(name = "show",
    description = {
      "Print the public key of FILE as TUF key JSON with its keyid. FILE is a public key JSON,",
      "or an encrypted private key file (asks for, or reads, its passphrase)."
    })
final class KeyShowCommand implements Callable<Integer> {
  private static final String PEM_START = "-----BEGIN";

  @ParentCommand private KeyCommand key;

  @Parameters(paramLabel = "FILE", description = "A key file.")
  private Path file;

  @Mixin private PassphraseOptions passphrase;

  @Override
  public Integer call() throws KeyFileException, UserError {
    CliContext context = key.context();
    SecureRandom random = new SecureRandom();
    KeyFiles files = new KeyFiles(random);
    PublicKey publicKey;
    if (looksLikePem(file)) {
      char[] secret = passphrase.forExistingKey(context, file);
      try {
        publicKey = files.readPrivateKey(file, secret).publicKey();
      } finally {
        Arrays.fill(secret, '\0');
      }
    } else {
      publicKey = files.readPublicKey(file, SchemeRegistry.defaults());
    }
    JsonObject json = JsonObject.builder()
        .put("keyid", publicKey.keyId())
        .putAll(publicKey.toJson())
        .build();
    context.out().println(JsonText.pretty(json));
    return Cli.OK;
  }

  /** Whether the file starts like PEM; unreadable files are left for KeyFiles to report. */
  private static boolean looksLikePem(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] head = in.readNBytes(64);
      String text = new String(head, StandardCharsets.US_ASCII).stripLeading();
      return text.startsWith(PEM_START);
    } catch (IOException e) {
      return false;
    }
  }
}
