package dev.tuf4j.cli;

import dev.tuf4j.TufException;
import dev.tuf4j.client.UpdaterListener;
import java.net.URI;

/** Under {@code --verbose}: one stderr line per step of the client workflow. */
final class VerboseListener implements UpdaterListener {
  private final CliContext context;

  VerboseListener(CliContext context) {
    this.context = context;
  }

  @Override
  public void refreshStarted() {
    context.debug("refresh started");
  }

  @Override
  public void refreshFinished(TufException failure) {
    context.debug(failure == null ? "refresh finished" : "refresh failed");
  }

  @Override
  public void metadataAccepted(String role, long version, boolean fromCache) {
    context.debug("trusted " + role + " version " + version + (fromCache ? " (local copy)" : " (downloaded)"));
  }

  @Override
  public void metadataRejected(String role, boolean fromCache, TufException reason) {
    context.debug("rejected " + (fromCache ? "the local copy of " : "the downloaded ") + role + ": " + reason.getMessage());
  }

  @Override
  public void downloaded(URI uri, long bytes) {
    context.debug("fetched " + uri + " (" + bytes + " bytes)");
  }
}
