package dev.tuf4j.cli;

import dev.tuf4j.TufException;
import dev.tuf4j.repository.Repository;
import dev.tuf4j.repository.RoleKeys;
import dev.tuf4j.repository.SignatureStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code repo add-key}, {@code revoke-key}, {@code rotate-root}: key changes, each a pending
 * version of the delegator (root, targets or bins/unclaimed) for its key holders to sign before
 * {@code repo publish}.
 */
final class RepoKeyCommands {
  private RepoKeyCommands() {}

  /** Opens DIR, applies the edit, writes the pending version down and reports what it needs. */
  abstract static class KeyEdit implements Callable<Integer> {
    @ParentCommand private RepoCommand repo;

    @Parameters(index = "0", paramLabel = "DIR", description = "The repository folder.")
    Path dir;

    abstract SignatureStatus edit(Repository repository) throws UserError;

    @Override
    public Integer call() throws UserError, TufException {
      CliContext context = repo.context();
      try (RepoSession session = RepoSession.open(context, dir)) {
        session.requirePublished();
        SignatureStatus s = edit(session.repository());
        session.savePending();
        context.out().println(RepoFolder.describe(s));
        return Cli.OK;
      } catch (IllegalStateException | IllegalArgumentException e) {
        throw new UserError(e.getMessage(), e);
      }
    }
  }

  @Command(name = "add-key",
      description = {"Trust one more key for role R.", "A pending version of R's delegator, to sign."})
  static final class AddKey extends KeyEdit {
    @Option(names = "--role", paramLabel = "R", required = true,
        description = "root, targets, snapshot, timestamp, bins/unclaimed, bin, claimed, recently-claimed.")
    String role;

    @Option(names = "--key", paramLabel = "FILE", required = true, description = "The public key file.")
    Path key;

    @Override
    SignatureStatus edit(Repository repository) throws UserError {
      return repository.addKey(RepoFolder.roleKind(repository.config(), role), RepoKeys.publicKey(key));
    }
  }

  @Command(name = "revoke-key",
      description = {"Stop trusting a key for role R.", "A pending version of R's delegator, to sign."})
  static final class RevokeKey extends KeyEdit {
    @Option(names = "--role", paramLabel = "R", required = true,
        description = "root, targets, snapshot, timestamp, bins/unclaimed, bin, claimed, recently-claimed.")
    String role;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Which which;

    static final class Which {
      @Option(names = "--keyid", paramLabel = "ID", description = "The keyid to revoke.")
      @Nullable String keyid;

      @Option(names = "--key", paramLabel = "FILE", description = "The public key file of the key to revoke.")
      @Nullable Path key;
    }

    @Override
    SignatureStatus edit(Repository repository) throws UserError {
      String id = which.keyid != null ? which.keyid : RepoKeys.publicKey(which.key).keyId();
      return repository.revokeKey(RepoFolder.roleKind(repository.config(), role), id);
    }
  }

  @Command(name = "rotate-root",
      description = {
        "Start a root version that trusts new root keys.",
        "It must be signed by a threshold of the current root keys and a",
        "threshold of the new ones (spec 5.3.4)."
      })
  static final class RotateRoot extends KeyEdit {
    @Option(names = "--root-key", paramLabel = "FILE", required = true,
        description = "A new root key's public key file (repeat; keep a current key by naming it).")
    List<Path> keys;

    @Option(names = "--root-threshold", paramLabel = "N", defaultValue = "1",
        description = "How many of the new root keys must sign (default 1).")
    int threshold;

    @Override
    SignatureStatus edit(Repository repository) throws UserError {
      return repository.rotateRootKeys(new RoleKeys(RepoKeys.publicKeys(keys), threshold));
    }
  }
}
