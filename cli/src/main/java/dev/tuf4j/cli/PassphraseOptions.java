package dev.tuf4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * Where a key file's passphrase comes from: an environment variable, the first line of a file,
 * or else a prompt on the terminal (twice for a new key). Never from the command line itself,
 * where other users of the machine could read it. Passphrases are {@code char[]} for the caller
 * to clear.
 */
final class PassphraseOptions {
  private static final int MAX_FILE_SIZE = 64 * 1024;

  @Option(names = "--passphrase-env", paramLabel = "VAR",
      description = "Read the passphrase from environment variable VAR.")
  private @Nullable String environmentVariable;

  @Option(names = "--passphrase-file", paramLabel = "FILE",
      description = "Read the passphrase from the first line of FILE.")
  private @Nullable Path file;

  /** The passphrase for a new key file: from the options, or typed twice on the terminal. */
  char[] forNewKey(CliContext context) throws UserError {
    char[] given = fromOptions(context);
    if (given != null) {
      return requireNotEmpty(given);
    }
    Terminal terminal = requireTerminal(context);
    char[] first = requireNotEmpty(read(terminal, "Passphrase for the new key: "));
    char[] second = read(terminal, "The same passphrase again: ");
    try {
      if (!Arrays.equals(first, second)) {
        Arrays.fill(first, '\0');
        throw new UserError("the two passphrases differ; nothing was written");
      }
      return first;
    } finally {
      Arrays.fill(second, '\0');
    }
  }

  /** The passphrase of an existing key file: from the options, or typed on the terminal. */
  char[] forExistingKey(CliContext context, Path keyFile) throws UserError {
    char[] given = fromOptions(context);
    if (given != null) {
      return given;
    }
    return read(requireTerminal(context), "Passphrase for " + OneLine.of(keyFile.toString()) + ": ");
  }

  private char @Nullable [] fromOptions(CliContext context) throws UserError {
    if (environmentVariable != null && file != null) {
      throw new UserError("give either --passphrase-env or --passphrase-file, not both");
    }
    if (environmentVariable != null) {
      String value = context.environmentVariable(environmentVariable);
      if (value == null) {
        throw new UserError("environment variable " + environmentVariable + " is not set");
      }
      return value.toCharArray();
    }
    if (file != null) {
      return firstLine(file);
    }
    return null;
  }

  private static Terminal requireTerminal(CliContext context) throws UserError {
    Terminal terminal = context.terminal();
    if (terminal == null) {
      throw new UserError("no passphrase: give --passphrase-env VAR or --passphrase-file FILE"
          + " (there is no terminal to ask on)");
    }
    return terminal;
  }

  private static char[] read(Terminal terminal, String prompt) throws UserError {
    char[] typed = terminal.readPassword(prompt);
    if (typed == null) {
      throw new UserError("no passphrase: the terminal input ended");
    }
    return typed;
  }

  private static char[] requireNotEmpty(char[] passphrase) throws UserError {
    if (passphrase.length == 0) {
      throw new UserError("an empty passphrase would leave the private key unprotected; nothing was written");
    }
    return passphrase;
  }

  /** The first line of a file, without its line ending, decoded as strict UTF-8. */
  private static char[] firstLine(Path file) throws UserError {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_FILE_SIZE + 1);
    } catch (NoSuchFileException e) {
      throw new UserError(file + ": no such passphrase file");
    } catch (IOException e) {
      throw new UserError(file + ": cannot read the passphrase file: " + e.getMessage(), e);
    }
    try {
      if (bytes.length > MAX_FILE_SIZE) {
        throw new UserError(file + ": larger than " + MAX_FILE_SIZE + " bytes, not a passphrase file");
      }
      int end = 0;
      while (end < bytes.length && bytes[end] != '\n') {
        end++;
      }
      if (end > 0 && bytes[end - 1] == '\r') {
        end--;
      }
      CharBuffer chars;
      try {
        chars = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(bytes, 0, end));
      } catch (CharacterCodingException e) {
        throw new UserError(file + ": the passphrase is not valid UTF-8");
      }
      char[] passphrase = new char[chars.remaining()];
      chars.get(passphrase);
      Arrays.fill(chars.array(), '\0');
      return passphrase;
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }
}
