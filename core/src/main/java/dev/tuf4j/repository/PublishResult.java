package dev.tuf4j.repository;

import java.util.List;

/**
 * What a publish wrote.
 *
 * @param changed false when nothing was staged and nothing written
 * @param snapshotVersion the snapshot clients now get
 * @param timestampVersion the timestamp clients now get
 * @param rolesWritten roles with a new version, bins excepted, in the order written
 * @param binsWritten how many bin-n roles got a new version
 * @param targetFilesWritten target file names written (one per listed hash under consistent
 *     snapshots)
 * @param signatures online signatures in the files written (signatures over bytes identical to
 *     the previous file's are made once and reused)
 * @param pruned files deleted because no kept snapshot needs them any more
 */
public record PublishResult(
    boolean changed,
    long snapshotVersion,
    long timestampVersion,
    List<String> rolesWritten,
    int binsWritten,
    int targetFilesWritten,
    int signatures,
    List<String> pruned) {
  public PublishResult {
    rolesWritten = List.copyOf(rolesWritten);
    pruned = List.copyOf(pruned);
  }
}
