package dev.tuf4j.cli;

import dev.tuf4j.TufException;
import dev.tuf4j.repository.UploadResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code tuf4j repo accept-upload DIR METADATA [FILE...]}: checks a PEP 480 project's
 * developer-signed metadata (and the uploaded files against it) and publishes both.
 */
@Command(name = "accept-upload",
    description = {
      "Check and publish a PEP 480 project's upload.",
      "The developer-signed metadata (from 'project sign') and the uploaded",
      "files it lists. A registered project gets its delegation in",
      "recently-claimed with its first upload. --passphrase-* is the online",
      "key's passphrase."
    })
final class RepoAcceptUploadCommand implements Callable<Integer> {
  @ParentCommand private RepoCommand repo;

  @Parameters(index = "0", paramLabel = "DIR", description = "The repository folder.")
  private Path dir;

  @Parameters(index = "1", paramLabel = "METADATA", description = "The developer-signed metadata file.")
  private Path metadata;

  @Parameters(index = "2..*", arity = "0..*", paramLabel = "FILE",
      description = "Uploaded files, matched to the listed targets by file name.")
  private List<Path> files = List.of();

  @Option(names = "--project", paramLabel = "NAME",
      description = "The project (default: from METADATA's name, project-NAME.json).")
  private @Nullable String project;

  @Mixin private PassphraseOptions passphrase;

  @Override
  public Integer call() throws UserError, TufException {
    CliContext context = repo.context();
    String name = project != null ? project : projectFromFileName(metadata);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(metadata);
    } catch (IOException e) {
      throw new UserError(metadata + ": cannot read: " + e.getMessage(), e);
    }
    List<String> listed = ProjectSignCommand.listedTargets(metadata, bytes, name);
    Map<String, Path> uploads = new LinkedHashMap<>();
    for (Path f : files) {
      if (!Files.isRegularFile(f)) {
        throw new UserError(f + ": no such file");
      }
      String fileName = f.getFileName().toString();
      List<String> matches = listed.stream().filter(p -> p.equals(fileName) || p.endsWith("/" + fileName)).toList();
      if (matches.size() != 1) {
        throw new UserError(f + ": " + (matches.isEmpty() ? "no" : "more than one") + " target of " + metadata
            + " is named " + OneLine.of(fileName));
      }
      uploads.put(matches.get(0), f);
    }
    try (RepoSession session = RepoSession.open(context, dir, passphrase)) {
      session.requirePublished();
      UploadResult r = session.repository().acceptUpload(name, bytes, uploads);
      String published = RepoSession.describe(session.publishOnline());
      if (r.newDelegation()) {
        RepoProjects.read(session.folder().projectsDir()).stream()
            .filter(p -> p.roleName().equals(r.role()))
            .forEach(p -> RepoProjects.delete(session.folder().projectsDir(), p));
      }
      context.out().println("accepted " + OneLine.of(r.role()) + " version " + r.version() + " (" + r.targets().size()
          + " targets, in " + r.delegator() + "); " + published);
      return Cli.OK;
    } catch (IllegalStateException | IllegalArgumentException e) {
      throw new UserError(e.getMessage(), e);
    }
  }

  private static String projectFromFileName(Path file) throws UserError {
    String n = file.getFileName() == null ? "" : file.getFileName().toString();
    if (n.startsWith("project-") && n.endsWith(".json") && n.length() > "project-.json".length()) {
      return n.substring("project-".length(), n.length() - ".json".length());
    }
    throw new UserError(file + ": name the project with --project NAME (the file is not named project-NAME.json)");
  }
}
