package dev.tuf4j.cli;

import dev.tuf4j.TufException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code tuf4j repo publish DIR}: publishes every signed pending version. */
@Command(name = "publish",
    description = {
      "Publish the signed pending offline versions.",
      "Every pending version must be fully signed; the online roles are",
      "re-signed. --passphrase-* is the online key's passphrase."
    })
final class RepoPublishCommand implements Callable<Integer> {
  @ParentCommand private RepoCommand repo;

  @Parameters(paramLabel = "DIR", description = "The repository folder.")
  private Path dir;

  @Mixin private PassphraseOptions passphrase;

  @Override
  public Integer call() throws UserError, TufException {
    CliContext context = repo.context();
    try (RepoSession session = RepoSession.open(context, dir, passphrase)) {
      context.out().println(RepoSession.describe(session.publishAll()));
      return Cli.OK;
    } catch (IllegalStateException e) {
      throw RepoSession.refused(e);
    }
  }
}
