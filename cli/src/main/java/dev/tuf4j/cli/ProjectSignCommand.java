package dev.tuf4j.cli;

import dev.tuf4j.MetadataFormatException;
import dev.tuf4j.TufException;
import dev.tuf4j.crypto.HashAlgorithm;
import dev.tuf4j.crypto.SigningKey;
import dev.tuf4j.metadata.Metadata;
import dev.tuf4j.metadata.TargetFile;
import dev.tuf4j.metadata.Targets;
import dev.tuf4j.repository.Ceremony;
import dev.tuf4j.repository.Project;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code tuf4j project sign}: the developer's side of a PEP 480 upload. Writes the project's
 * targets metadata - version, expiry, and every FILE's length and hashes at the path PyPI
 * stores it under ({@code packages/<2 hex>/<2 hex>/<60 hex>/<file name>}, from the file's
 * BLAKE2b-256) - signed with the developer's key. Without FILEs, adds the key's signature to an
 * existing metadata file (a second developer of a project with a threshold above 1).
 */
@Command(name = "sign",
    description = {
      "Write developer-signed metadata for a project's upload.",
      "It lists the project's complete set of files, each at PyPI's path",
      "packages/<2 hex>/<2 hex>/<60 hex>/<file> (from its BLAKE2b-256).",
      "Without FILEs, adds this key's signature to the existing --out file.",
      "--passphrase-* is the passphrase of --key."
    })
final class ProjectSignCommand implements Callable<Integer> {
  @ParentCommand private ProjectCommand project;

  @Option(names = "--project", paramLabel = "NAME", required = true, description = "The project name.")
  private String name;

  @Option(names = "--key", paramLabel = "FILE", required = true, description = "The developer's encrypted key file.")
  private Path key;

  @Option(names = "--metadata-version", paramLabel = "N", defaultValue = "1",
      description = "The metadata version: above the published one (default 1).")
  private long version;

  @Option(names = "--expires", paramLabel = "DURATION", defaultValue = "365d", converter = RepoDuration.class,
      description = "How long the metadata is valid (default 365d).")
  private Duration expires;

  @Option(names = "--out", paramLabel = "FILE",
      description = "Where to write the metadata (default project-<normalized name>.json).")
  private @Nullable Path out;

  @Parameters(arity = "0..*", paramLabel = "FILE", description = "The project's files.")
  private List<Path> files = List.of();

  @Mixin private PassphraseOptions passphrase;

  @Override
  public Integer call() throws UserError, TufException {
    CliContext context = project.context();
    if (version < 1) {
      throw new UserError("--metadata-version must be at least 1, got " + version);
    }
    SigningKey signer = RepoKeys.signingKey(key, passphrase, context);
    String normalized;
    String dist;
    try {
      Project p = new Project(name, List.of(signer.publicKey()), 1); // for its name rules only
      normalized = p.normalizedName();
      dist = p.distributionName();
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage(), e);
    }
    Path target = out != null ? out : Path.of("project-" + normalized + ".json");
    if (files.isEmpty()) {
      if (!Files.isRegularFile(target)) {
        throw new UserError(target + ": no such metadata file to add a signature to (give FILEs to write one)");
      }
      Ceremony.signFile(target, signer);
      context.out().println("signed " + target + " with key " + signer.publicKey().keyId());
      return Cli.OK;
    }
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      throw new UserError(target + ": exists already; not replacing it");
    }
    List<TargetFile> infos = new ArrayList<>();
    for (Path f : files) {
      String fileName = f.getFileName() == null ? "" : f.getFileName().toString();
      if (!Files.isRegularFile(f)) {
        throw new UserError(f + ": no such file");
      }
      if (!fileName.startsWith(dist + "-")) {
        throw new UserError(f + ": a file of project " + normalized + " must be named " + dist
            + "-... (PEP 427/625 distribution name), else the project may not sign for it");
      }
      infos.add(targetInfo(f, fileName));
    }
    Targets t = Targets.of(version, context.clock().instant().truncatedTo(ChronoUnit.SECONDS).plus(expires))
        .withTargets(infos);
    byte[] bytes = Metadata.of(t).sign(signer).toBytes();
    try {
      AtomicWrite.replace(target, bytes);
    } catch (IOException e) {
      throw new UserError(target + ": cannot write: " + e.getMessage(), e);
    }
    for (TargetFile i : infos) {
      context.out().println(OneLine.of(i.path()));
    }
    return Cli.OK;
  }

  /** PyPI's path for a distribution file, with its length, SHA-256 and BLAKE2b-256. */
  private static TargetFile targetInfo(Path file, String fileName) throws UserError {
    TargetFile described;
    try (InputStream in = Files.newInputStream(file)) {
      // PyPI's path is made from the BLAKE2b digest: described under the file name first.
      described = TargetFile.describe(fileName, in, EnumSet.of(HashAlgorithm.SHA256, HashAlgorithm.BLAKE2B_256));
    } catch (IOException e) {
      throw new UserError(file + ": cannot read: " + e.getMessage(), e);
    }
    String b2 = described.hashes().get(HashAlgorithm.BLAKE2B_256.tufName());
    return described.withPath(
        "packages/" + b2.substring(0, 2) + "/" + b2.substring(2, 4) + "/" + b2.substring(4) + "/" + fileName);
  }

  /** The target paths a project metadata file lists (for matching uploaded files to them). */
  static List<String> listedTargets(Path file, byte[] bytes, String project) throws UserError {
    try {
      return List.copyOf(Metadata.parseTargets(bytes, "project-" + project).signed().targets().keySet());
    } catch (MetadataFormatException e) {
      throw new UserError(file + ": not project metadata: " + e.getMessage(), e);
    }
  }
}
