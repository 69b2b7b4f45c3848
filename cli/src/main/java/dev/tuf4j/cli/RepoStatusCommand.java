package dev.tuf4j.cli;

import dev.tuf4j.TufException;
import dev.tuf4j.repository.RepositoryConfig;
import dev.tuf4j.repository.RepositoryStatus;
import dev.tuf4j.repository.RoleStatus;
import dev.tuf4j.repository.SignatureStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code tuf4j repo status DIR}: every role with its version, expiry and signatures (the bin-n
 * roles summed up in one line), the pending versions and what they still need, and the roles
 * expiring soon. Informational: exit 0 whatever it shows.
 */
@Command(name = "status",
    description = {
      "Show roles, versions, expiries and missing signatures.",
      "Every role (the bin-n roles summed up in one line), each pending",
      "version with what it still needs, and what expires within --soon."
    })
final class RepoStatusCommand implements Callable<Integer> {
  @ParentCommand private RepoCommand repo;

  @Parameters(paramLabel = "DIR", description = "The repository folder.")
  private Path dir;

  @Option(names = "--soon", paramLabel = "DURATION", defaultValue = "12h", converter = RepoDuration.class,
      description = "Flag roles that expire within this (default 12h).")
  private Duration soon;

  @Override
  public Integer call() throws UserError, TufException {
    CliContext context = repo.context();
    try (RepoSession session = RepoSession.open(context, dir)) {
      RepositoryConfig config = session.repository().config();
      RepositoryStatus status = session.repository().status(soon);
      context.out().println("layout " + (config.layout() == RepositoryConfig.Layout.PEP_480 ? "pep480" : "pep458")
          + ", " + config.binCount() + " bins (" + (config.binStyle() == RepositoryConfig.BinStyle.SUCCINCT
          ? "succinct" : "hash prefixes") + "), " + (session.folder().published() ? "published" : "not published yet"));
      String binPrefix = config.binNamePrefix() + "-";
      List<RoleStatus> bins = new ArrayList<>();
      for (RoleStatus r : status.roles()) {
        if (r.role().startsWith(binPrefix) && r.online()) {
          bins.add(r);
        } else {
          context.out().println(line(r));
        }
      }
      if (!bins.isEmpty()) {
        context.out().println(binSummary(config.roleName(dev.tuf4j.repository.RoleKind.BIN), bins));
      }
      for (SignatureStatus s : status.pending()) {
        context.out().println("pending " + RepoFolder.describe(s));
      }
      for (RoleStatus r : status.expiringSoon()) {
        context.out().println((r.expires().isAfter(status.now()) ? "expires soon " : "EXPIRED ")
            + OneLine.of(r.role()) + " " + r.expires());
      }
      return Cli.OK;
    } catch (IllegalStateException e) {
      throw RepoSession.refused(e);
    }
  }

  private static String line(RoleStatus r) {
    StringBuilder b = new StringBuilder(OneLine.of(r.role())).append(" version ").append(r.version())
        .append(" expires ").append(r.expires())
        // PEP 480 project roles are signed by their developers, not by the repository's keys.
        .append(r.online() ? " online" : r.role().startsWith("project-") ? " developer-signed" : " offline");
    for (SignatureStatus.Requirement q : r.signatures()) {
      b.append(" signed ").append(q.signedBy().size()).append('/').append(q.threshold()).append(" of ")
          .append(OneLine.of(q.delegator()));
    }
    if (!r.verified()) {
      b.append(" UNVERIFIED");
    }
    return b.toString();
  }

  private static String binSummary(String name, List<RoleStatus> bins) {
    long min = Long.MAX_VALUE;
    long max = 0;
    Instant first = Instant.MAX;
    long unverified = 0;
    for (RoleStatus r : bins) {
      min = Math.min(min, r.version());
      max = Math.max(max, r.version());
      first = r.expires().isBefore(first) ? r.expires() : first;
      unverified += r.verified() ? 0 : 1;
    }
    return name + " " + bins.size() + " roles, versions " + min + (max > min ? "-" + max : "")
        + ", first expiry " + first + (unverified > 0 ? ", " + unverified + " UNVERIFIED" : "");
  }
}
