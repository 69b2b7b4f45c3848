package dev.tuf4j.cli;

import dev.tuf4j.TufException;
import dev.tuf4j.crypto.Signer;
import dev.tuf4j.repository.PublishResult;
import dev.tuf4j.repository.Repository;
import java.nio.file.Path;
import java.util.List;

/**
 * One {@code repo} command's hold on a repository folder: the lock, the {@link Repository} with
 * its pending versions restored, and the progress line. Closing it releases the folder.
 */
final class RepoSession implements AutoCloseable {
  private final CliContext context;
  private final RepoFolder folder;
  private final Repository repository;
  private final RepoProgress progress;

  private RepoSession(CliContext context, RepoFolder folder, Repository repository, RepoProgress progress) {
    this.context = context;
    this.folder = folder;
    this.repository = repository;
    this.progress = progress;
  }

  /** Opens the folder without online signers: for edits that only stage pending versions. */
  static RepoSession open(CliContext context, Path dir) throws UserError, TufException {
    return open(context, dir, null);
  }

  /**
   * Opens the folder; with {@code passphrase}, also reads the online key (before the folder is
   * touched, so that a wrong passphrase changes nothing).
   */
  static RepoSession open(CliContext context, Path dir, PassphraseOptions passphrase) throws UserError, TufException {
    RepoFolder folder = RepoFolder.open(dir);
    try {
      List<Signer> signers = passphrase == null ? List.of() : List.of(folder.onlineSigner(passphrase, context));
      RepoProgress progress = RepoProgress.of(context);
      Repository repo = folder.repository(context, signers, progress);
      return new RepoSession(context, folder, repo, progress);
    } catch (UserError | TufException | RuntimeException e) {
      folder.close();
      throw e;
    }
  }

  RepoFolder folder() {
    return folder;
  }

  Repository repository() {
    return repository;
  }

  RepoProgress progress() {
    return progress;
  }

  /** Publishes online changes (targets, uploads, expiry bumps); needs a published repository. */
  PublishResult publishOnline() throws UserError, TufException {
    requirePublished();
    progress.stage("files written");
    try {
      return repository.publisher().publishOnline();
    } finally {
      progress.done();
    }
  }

  /** Publishes everything, signed pending offline versions included, then updates the state. */
  PublishResult publishAll() throws UserError, TufException {
    progress.stage("files written");
    PublishResult r;
    try {
      r = repository.publisher().publish();
    } finally {
      progress.done();
    }
    folder.savePending(repository);
    return r;
  }

  void requirePublished() throws UserError {
    if (!folder.published()) {
      throw new UserError(folder.dir() + " is not published yet: have the pending roles signed"
          + " ('tuf4j repo status', 'tuf4j repo sign') and run 'tuf4j repo publish' first");
    }
  }

  /** Writes the pending versions down after an edit. */
  void savePending() throws UserError {
    folder.savePending(repository);
  }

  /** One line for stdout about a publish. */
  static String describe(PublishResult r) {
    if (!r.changed()) {
      return "nothing to publish";
    }
    StringBuilder b = new StringBuilder("published snapshot version ").append(r.snapshotVersion())
        .append(", timestamp version ").append(r.timestampVersion());
    if (!r.rolesWritten().isEmpty()) {
      b.append(", roles ").append(OneLine.of(String.join(" ", r.rolesWritten())));
    }
    b.append(", ").append(r.binsWritten()).append(r.binsWritten() == 1 ? " bin" : " bins");
    b.append(", ").append(r.targetFilesWritten()).append(" target files");
    return b.toString();
  }

  /**
   * Core's refusals of the state a command finds (no pending version, not PEP 480, ...) are
   * {@link IllegalStateException}s: to the user they are ordinary one-line errors.
   */
  static UserError refused(IllegalStateException e) {
    return new UserError(e.getMessage() == null ? "refused: " + e : e.getMessage(), e);
  }

  @Override
  public void close() {
    progress.done();
    folder.close();
  }

  CliContext context() {
    return context;
  }
}
