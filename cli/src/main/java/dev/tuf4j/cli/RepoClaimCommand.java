package dev.tuf4j.cli;

import dev.tuf4j.TufException;
import dev.tuf4j.repository.SignatureStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code tuf4j repo claim DIR PROJECT...}: moves projects from recently-claimed to claimed, as
 * a pending claimed version for the targets key holders to sign (PEP 480).
 */
@Command(name = "claim",
    description = {
      "Move PEP 480 projects from recently-claimed to claimed.",
      "A pending claimed version for the targets key holders to sign;",
      "recently-claimed drops the projects when it is published."
    })
final class RepoClaimCommand implements Callable<Integer> {
  @ParentCommand private RepoCommand repo;

  @Parameters(index = "0", paramLabel = "DIR", description = "The repository folder.")
  private Path dir;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "PROJECT", description = "Project names.")
  private List<String> projects;

  @Override
  public Integer call() throws UserError, TufException {
    CliContext context = repo.context();
    try (RepoSession session = RepoSession.open(context, dir)) {
      session.requirePublished();
      SignatureStatus s = session.repository().claimProjects(projects);
      session.folder().addClaims(projects);
      session.savePending();
      context.out().println(RepoFolder.describe(s));
      return Cli.OK;
    } catch (IllegalStateException | IllegalArgumentException e) {
      throw new UserError(e.getMessage(), e);
    }
  }
}
