package dev.tuf4j.cli;

import dev.tuf4j.TufException;
import dev.tuf4j.crypto.SigningKey;
import dev.tuf4j.repository.Ceremony;
import dev.tuf4j.repository.Repository;
import dev.tuf4j.repository.SignatureStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code tuf4j repo sign}: one key holder's signature in an offline ceremony, either on the
 * pending version kept in the repository folder, or on a carried copy of it ({@code --file}, on
 * any machine; bring it back with {@code repo add-signatures}).
 */
@Command(name = "sign",
    description = {
      "Add one key holder's signature to a pending offline version.",
      "Signs role R's pending version in DIR (without --role: every pending",
      "version that still needs this key), or a carried copy (--file).",
      "--passphrase-* is the passphrase of --key."
    })
final class RepoSignCommand implements Callable<Integer> {
  @ParentCommand private RepoCommand repo;

  @Parameters(paramLabel = "DIR", arity = "0..1", description = "The repository folder (not with --file).")
  private @Nullable Path dir;

  @Option(names = "--role", paramLabel = "R", description = "The role to sign: root, targets, bins, unclaimed, claimed.")
  private @Nullable String role;

  @Option(names = "--file", paramLabel = "FILE",
      description = "Sign this carried copy of a pending version, in place, instead of DIR's.")
  private @Nullable Path file;

  @Option(names = "--key", paramLabel = "FILE", required = true, description = "The encrypted private key file.")
  private Path key;

  @Mixin private PassphraseOptions passphrase;

  @Override
  public Integer call() throws UserError, TufException {
    CliContext context = repo.context();
    if ((dir == null) == (file == null)) {
      throw new UserError("give either DIR or --file FILE");
    }
    if (file != null) {
      if (!Files.isRegularFile(file)) {
        throw new UserError(file + ": no such file");
      }
      SigningKey signer = RepoKeys.signingKey(key, passphrase, context);
      Ceremony.signFile(file, signer);
      context.out().println("signed " + file + " with key " + signer.publicKey().keyId());
      return Cli.OK;
    }
    SigningKey signer = RepoKeys.signingKey(key, passphrase, context);
    String keyid = signer.publicKey().keyId();
    try (RepoSession session = RepoSession.open(context, dir)) {
      Repository repository = session.repository();
      List<SignatureStatus> done = new ArrayList<>();
      if (role != null) {
        if (repository.pendingFile(role).isEmpty()) {
          throw new UserError("no pending version of " + OneLine.of(role) + " to sign");
        }
        try {
          done.add(repository.sign(role, signer));
        } catch (IllegalArgumentException e) {
          throw new UserError(e.getMessage(), e);
        }
      } else {
        for (SignatureStatus s : repository.pendingSignatures()) {
          if (s.missingKeyids().contains(keyid)) {
            done.add(repository.sign(s.role(), signer));
          }
        }
        if (done.isEmpty()) {
          throw new UserError("no pending version needs key " + keyid);
        }
      }
      session.savePending();
      done.forEach(s -> context.out().println(RepoFolder.describe(s)));
      return Cli.OK;
    } catch (IllegalStateException e) {
      throw RepoSession.refused(e);
    }
  }
}
