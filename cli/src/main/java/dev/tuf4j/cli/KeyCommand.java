package dev.tuf4j.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code tuf4j key}: offline key files - generate a key pair, show a key's public half. */
@Command(
    name = "key",
    description = "Key files: a passphrase-encrypted private key (PKCS#8 PEM) and a public key JSON.",
    subcommands = {KeyGenerateCommand.class, KeyShowCommand.class})
final class KeyCommand {
  @ParentCommand private TopCommand top;

  CliContext context() {
    return top.context;
  }
}
