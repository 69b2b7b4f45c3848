package dev.tuf4j.cli;

import dev.tuf4j.TufException;
import dev.tuf4j.client.Updater;
import dev.tuf4j.metadata.TargetFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code tuf4j repo verify DIR}: what a client would see. The real {@link Updater}, starting
 * from the repository's first root ({@code 1.root.json}), so the whole root chain is checked,
 * reads the folder as a static server would serve it, resolves every target through every
 * delegation and downloads each into a scratch folder, checking length and hashes.
 */
@Command(name = "verify",
    description = {
      "Run the TUF client against DIR and check every target.",
      "From DIR's first root: the root chain, timestamp, snapshot, every",
      "delegated role, and every target's length and hashes. Exit 1 at the",
      "first failure."
    })
final class RepoVerifyCommand implements Callable<Integer> {
  @ParentCommand private RepoCommand repo;

  @Parameters(paramLabel = "DIR", description = "The repository folder.")
  private Path dir;

  @Override
  public Integer call() throws UserError, TufException {
    CliContext context = repo.context();
    Path metadata = dir.resolve("metadata");
    Path firstRoot = metadata.resolve("1.root.json");
    if (!Files.isRegularFile(firstRoot)) {
      throw new UserError(dir + ": no published repository (no metadata/1.root.json)");
    }
    Path scratch;
    try {
      scratch = Files.createTempDirectory("tuf4j-verify-");
    } catch (IOException e) {
      throw new UserError("cannot create a scratch folder: " + e.getMessage(), e);
    }
    try {
      byte[] root = Files.readAllBytes(firstRoot);
      Path targetDir = Files.createDirectory(scratch.resolve("targets"));
      Updater updater = Updater.builder()
          .metadataBaseUrl(folderUri(metadata))
          .targetBaseUrl(folderUri(dir.resolve("targets")))
          .metadataStore(new RepoMemoryStore())
          .targetDir(targetDir)
          .fetcher(new RepoFolderFetcher())
          .clock(context.clock())
          .trustedRoot(root)
          .build();
      updater.refresh();
      List<TargetFile> targets = updater.allTargets();
      RepoProgress progress = RepoProgress.of(context);
      progress.stage("of " + targets.size() + " targets verified");
      try {
        for (TargetFile t : targets) {
          Path stored = updater.download(t);
          Files.delete(stored);
          progress.step();
        }
      } finally {
        progress.done();
      }
      long version = updater.trustedRoot().orElseThrow().signed().version();
      context.out().println("verified: root version " + version + ", " + targets.size() + " targets");
      return Cli.OK;
    } catch (IOException e) {
      throw new UserError("cannot verify " + dir + ": " + e.getMessage(), e);
    } finally {
      RepoInitCommand.deleteTree(scratch);
    }
  }

  /** The folder's URI with the trailing slash the updater needs (toUri adds it only for existing folders). */
  private static java.net.URI folderUri(Path folder) {
    String uri = folder.toAbsolutePath().normalize().toUri().toString();
    return java.net.URI.create(uri.endsWith("/") ? uri : uri + "/");
  }
}
