package dev.tuf4j.cli;

import dev.tuf4j.TufException;
import dev.tuf4j.repository.TargetsResult;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code tuf4j repo remove-target DIR PATH...}: stops listing targets, and publishes. */
@Command(name = "remove-target",
    description = {
      "Remove targets and publish at once.",
      "Every PATH must be listed. --passphrase-* is the online key's passphrase."
    })
final class RepoRemoveTargetCommand implements Callable<Integer> {
  @ParentCommand private RepoCommand repo;

  @Parameters(index = "0", paramLabel = "DIR", description = "The repository folder.")
  private Path dir;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "PATH", description = "Target paths.")
  private List<String> paths;

  @Mixin private PassphraseOptions passphrase;

  @Override
  public Integer call() throws UserError, TufException {
    CliContext context = repo.context();
    try (RepoSession session = RepoSession.open(context, dir, passphrase)) {
      session.requirePublished();
      for (String p : paths) {
        if (session.repository().target(p).isEmpty()) {
          throw new UserError("target " + OneLine.of(p) + " is not listed; nothing was removed");
        }
      }
      TargetsResult r = session.repository().removeTargets(paths);
      context.out().println("removed " + r.removed() + "; " + RepoSession.describe(session.publishOnline()));
      return Cli.OK;
    } catch (IllegalStateException | IllegalArgumentException e) {
      throw new UserError(e.getMessage(), e);
    }
  }
}
