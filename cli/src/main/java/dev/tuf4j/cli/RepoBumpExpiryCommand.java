package dev.tuf4j.cli;

import dev.tuf4j.TufException;
import dev.tuf4j.repository.RoleKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code tuf4j repo bump-expiry DIR}: re-signs the online roles that expire soon and publishes
 * (the scheduled job); with {@code --role}, starts a renewed version of an offline role instead.
 */
@Command(name = "bump-expiry",
    description = {
      "Re-sign the online roles that expire soon, and publish.",
      "Timestamp and snapshot always, the others if they expire within",
      "--within: a job to run on a schedule. With --role R (root, targets,",
      "bins/unclaimed, claimed): a pending version of R with a fresh expiry,",
      "for its key holders to sign. --passphrase-* is the online key's",
      "passphrase (not needed with --role)."
    })
final class RepoBumpExpiryCommand implements Callable<Integer> {
  @ParentCommand private RepoCommand repo;

  @Parameters(paramLabel = "DIR", description = "The repository folder.")
  private Path dir;

  @Option(names = "--within", paramLabel = "DURATION", defaultValue = "12h", converter = RepoDuration.class,
      description = "Re-sign online roles expiring within this (default 12h; e.g. 90m, 2d, PT6H).")
  private Duration within;

  @Option(names = "--role", paramLabel = "R", description = "Renew this offline role instead.")
  private @Nullable String role;

  @Mixin private PassphraseOptions passphrase;

  @Override
  public Integer call() throws UserError, TufException {
    CliContext context = repo.context();
    try {
      if (role != null) {
        try (RepoSession session = RepoSession.open(context, dir)) {
          session.requirePublished();
          RoleKind kind = RepoFolder.roleKind(session.repository().config(), role);
          context.out().println(RepoFolder.describe(session.repository().renew(kind)));
          session.savePending();
          return Cli.OK;
        }
      }
      try (RepoSession session = RepoSession.open(context, dir, passphrase)) {
        session.requirePublished();
        session.repository().bumpOnlineExpiries(within);
        context.out().println(RepoSession.describe(session.publishOnline()));
        return Cli.OK;
      }
    } catch (IllegalStateException | IllegalArgumentException e) {
      throw new UserError(e.getMessage(), e);
    }
  }
}
