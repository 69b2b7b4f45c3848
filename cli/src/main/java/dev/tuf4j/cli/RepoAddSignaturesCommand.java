package dev.tuf4j.cli;

import dev.tuf4j.MetadataFormatException;
import dev.tuf4j.TufException;
import dev.tuf4j.repository.SignatureStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code tuf4j repo add-signatures DIR --role R FILE...}: takes back carried, signed copies. */
@Command(name = "add-signatures",
    description = {
      "Take back the signatures of carried copies of a pending version.",
      "The copies (signed with 'repo sign --file') must hold exactly the",
      "content of DIR's pending version of role R."
    })
final class RepoAddSignaturesCommand implements Callable<Integer> {
  @ParentCommand private RepoCommand repo;

  @Parameters(index = "0", paramLabel = "DIR", description = "The repository folder.")
  private Path dir;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "FILE", description = "Signed copies.")
  private List<Path> files;

  @Option(names = "--role", paramLabel = "R", required = true, description = "The role the files are versions of.")
  private String role;

  @Override
  public Integer call() throws UserError, TufException {
    CliContext context = repo.context();
    try (RepoSession session = RepoSession.open(context, dir)) {
      SignatureStatus status = null;
      for (Path f : files) {
        byte[] bytes;
        try {
          bytes = Files.readAllBytes(f);
        } catch (IOException e) {
          throw new UserError(f + ": cannot read: " + e.getMessage(), e);
        }
        try {
          status = session.repository().addSignatures(role, bytes);
        } catch (IllegalArgumentException e) {
          throw new UserError(f + ": " + e.getMessage(), e);
        } catch (MetadataFormatException e) {
          throw new UserError(f + ": not a version of " + OneLine.of(role) + ": " + e.getMessage(), e);
        }
      }
      session.savePending();
      context.out().println(RepoFolder.describe(status));
      return Cli.OK;
    } catch (IllegalStateException e) {
      throw RepoSession.refused(e);
    }
  }
}
