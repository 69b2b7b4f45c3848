package dev.tuf4j.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code tuf4j repo}: runs a PEP 458 or PEP 480 repository kept in a folder (see {@link
 * RepoFolder}): one process per step, so that offline key holders can sign in between.
 */
@Command(
    name = "repo",
    description = {
      "Run a PEP 458 or PEP 480 TUF repository kept in a folder DIR.",
      "Serve DIR/metadata and DIR/targets; DIR/.tuf4j holds the operator's state",
      "and is never served."
    },
    subcommands = {
      RepoInitCommand.class,
      RepoSignCommand.class,
      RepoAddSignaturesCommand.class,
      RepoPublishCommand.class,
      RepoAddTargetCommand.class,
      RepoRemoveTargetCommand.class,
      RepoBumpExpiryCommand.class,
      RepoKeyCommands.AddKey.class,
      RepoKeyCommands.RevokeKey.class,
      RepoKeyCommands.RotateRoot.class,
      RepoStatusCommand.class,
      RepoVerifyCommand.class,
      RepoAcceptUploadCommand.class,
      RepoClaimCommand.class
    })
final class RepoCommand {
  @ParentCommand private TopCommand top;

  CliContext context() {
    return top.context;
  }
}
