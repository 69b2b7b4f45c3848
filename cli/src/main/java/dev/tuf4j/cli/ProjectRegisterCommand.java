package dev.tuf4j.cli;

import dev.tuf4j.TufException;
import dev.tuf4j.repository.Project;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code tuf4j project register DIR NAME --key FILE...}: records a PEP 480 project and its
 * developers' keys in a repository folder; its delegation comes with its first accepted upload.
 */
@Command(name = "register",
    description = {
      "Register a PEP 480 project and its developers' keys in DIR.",
      "Its delegation (in recently-claimed) comes with its first upload",
      "('repo accept-upload')."
    })
final class ProjectRegisterCommand implements Callable<Integer> {
  @ParentCommand private ProjectCommand project;

  @Parameters(index = "0", paramLabel = "DIR", description = "The repository folder.")
  private Path dir;

  @Parameters(index = "1", paramLabel = "NAME", description = "The project name (PEP 508).")
  private String name;

  @Option(names = "--key", paramLabel = "FILE", required = true,
      description = "A developer's public key file (repeat for each developer).")
  private List<Path> keys;

  @Option(names = "--threshold", paramLabel = "N", defaultValue = "1",
      description = "How many developer keys must sign the project's metadata (default 1).")
  private int threshold;

  @Override
  public Integer call() throws UserError, TufException {
    CliContext context = project.context();
    Project p;
    try {
      p = new Project(name, RepoKeys.publicKeys(keys), threshold);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage(), e);
    }
    try (RepoSession session = RepoSession.open(context, dir)) {
      session.repository().registerProject(p); // refuses a known project and other layouts
      RepoProjects.write(session.folder().projectsDir(), p);
      context.out().println("registered " + p.roleName() + " for paths "
          + OneLine.of(String.join(" ", p.paths(session.repository().config().projectPathTemplates()))));
      return Cli.OK;
    } catch (IllegalStateException | IllegalArgumentException e) {
      throw new UserError(e.getMessage(), e);
    }
  }
}
