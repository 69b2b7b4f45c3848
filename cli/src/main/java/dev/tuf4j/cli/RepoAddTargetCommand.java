package dev.tuf4j.cli;

import dev.tuf4j.TufException;
import dev.tuf4j.repository.PublishResult;
import dev.tuf4j.repository.TargetsResult;
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

/** {@code tuf4j repo add-target DIR FILE...}: adds or replaces targets and publishes them. */
@Command(name = "add-target",
    description = {
      "Add or replace target files and publish them at once.",
      "Each FILE goes to PREFIX + its file name (or --path, for one file), in",
      "its hash bin. --passphrase-* is the online key's passphrase."
    })
final class RepoAddTargetCommand implements Callable<Integer> {
  @ParentCommand private RepoCommand repo;

  @Parameters(index = "0", paramLabel = "DIR", description = "The repository folder.")
  private Path dir;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "FILE", description = "Local files to publish.")
  private List<Path> files;

  @Option(names = "--path", paramLabel = "TARGET", description = "The target path of the one FILE.")
  private @Nullable String path;

  @Option(names = "--prefix", paramLabel = "PREFIX", defaultValue = "",
      description = "Put each file at PREFIX + its file name, e.g. --prefix packages/ (default none).")
  private String prefix;

  @Mixin private PassphraseOptions passphrase;

  @Override
  public Integer call() throws UserError, TufException {
    CliContext context = repo.context();
    if (path != null && files.size() != 1) {
      throw new UserError("--path names the target path of one file; got " + files.size() + " files");
    }
    if (path != null && !prefix.isEmpty()) {
      throw new UserError("give either --path or --prefix, not both");
    }
    Map<String, Path> targets = new LinkedHashMap<>();
    for (Path f : files) {
      if (!Files.isRegularFile(f)) {
        throw new UserError(f + ": no such file");
      }
      String target = path != null ? path : prefix + f.getFileName();
      if (targets.put(target, f) != null) {
        throw new UserError("two files for target path " + OneLine.of(target));
      }
    }
    try (RepoSession session = RepoSession.open(context, dir, passphrase)) {
      session.requirePublished();
      TargetsResult r;
      try {
        r = session.repository().addTargetFiles(targets, null);
      } catch (IllegalArgumentException e) {
        throw new UserError(e.getMessage(), e);
      }
      PublishResult published = session.publishOnline();
      context.out().println("added " + r.added() + ", replaced " + r.replaced() + ", unchanged " + r.unchanged()
          + "; " + RepoSession.describe(published));
      return Cli.OK;
    } catch (IllegalStateException e) {
      throw RepoSession.refused(e);
    }
  }
}
