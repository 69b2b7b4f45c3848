package dev.tuf4j.cli;

import dev.tuf4j.KeyFileException;
import dev.tuf4j.crypto.KeyFiles;
import dev.tuf4j.crypto.KeyType;
import dev.tuf4j.crypto.SigningKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code tuf4j key generate}: a new key pair as two files, FILE (the private key, encrypted,
 * owner-only) and FILE.pub.json (the public TUF key object with its keyid). Both or neither:
 * nothing is replaced, and if the second file cannot be written the first is removed again.
 * Prints the keyid.
 */
@Command(name = "generate",
    description = {
      "Generate a key pair: FILE holds the passphrase-encrypted private key (PKCS#8 PEM,",
      "PBKDF2-HMAC-SHA256 and AES-256), FILE.pub.json the public key. Prints the keyid."
    })
final class KeyGenerateCommand implements Callable<Integer> {
  static final Map<String, KeyType> TYPES = Map.of(
      "ed25519", KeyType.ED25519,
      "ecdsa-p256", KeyType.ECDSA_P256,
      "ecdsa-p384", KeyType.ECDSA_P384,
      "rsa", KeyType.RSA);

  @ParentCommand private KeyCommand key;

  @Option(names = "--type", paramLabel = "TYPE", defaultValue = "ed25519", converter = TypeName.class,
      description = "ed25519 (default), ecdsa-p256, ecdsa-p384 or rsa (RSA-PSS, 3072 bits).")
  private KeyType type;

  @Option(names = "--out", paramLabel = "FILE", required = true,
      description = "The private key file; the public key goes to FILE.pub.json.")
  private Path out;

  @Mixin private PassphraseOptions passphrase;

  @Override
  public Integer call() throws KeyFileException, UserError {
    CliContext ctx = key.context();
    Path publicFile = publicFileFor(out);
    for (Path f : new Path[] {out, publicFile}) {
      if (Files.exists(f, LinkOption.NOFOLLOW_LINKS)) {
        throw new UserError(f + ": exists already; not replacing it");
      }
    }
    char[] secret = passphrase.forNewKey(ctx);
    try {
      SecureRandom random = new SecureRandom();
      SigningKey signingKey = SigningKey.generate(type, random);
      KeyFiles files = new KeyFiles(random);
      files.writePrivateKey(out, signingKey, secret);
      try {
        files.writePublicKey(publicFile, signingKey.publicKey());
      } catch (KeyFileException | RuntimeException e) {
        deleteQuietly(out);
        throw e;
      }
      ctx.out().println(signingKey.publicKey().keyId());
      ctx.debug("wrote " + out + " and " + publicFile);
      return Cli.OK;
    } finally {
      Arrays.fill(secret, '\0');
    }
  }

  static Path publicFileFor(Path privateFile) {
    Path name = privateFile.getFileName();
    return privateFile.resolveSibling((name == null ? "" : name.toString()) + ".pub.json");
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // The original failure is what the user needs to see.
    }
  }

  /** {@code --type} names as TUF tools spell them. */
  static final class TypeName implements ITypeConverter<KeyType> {
    @Override
    public KeyType convert(String value) {
      KeyType t = TYPES.get(value.toLowerCase(Locale.ROOT));
      if (t == null) {
        throw new TypeConversionException(
            "expected one of ed25519, ecdsa-p256, ecdsa-p384, rsa, got '" + value + "'");
      }
      return t;
    }
  }
}
