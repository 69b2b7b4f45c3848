package dev.tuf4j.repository;

import dev.tuf4j.MetadataFormatException;
import dev.tuf4j.StorageException;
import dev.tuf4j.metadata.Metadata;
import dev.tuf4j.metadata.Root;
import dev.tuf4j.metadata.Signed;
import dev.tuf4j.metadata.Targets;
import dev.tuf4j.metadata.VerificationResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link RepositoryStatus} from what is published: each role's file is read and its
 * signatures checked against its delegator, as a client would. Reads every bin, so it takes a
 * few seconds for 16,384 full bins; one bin is held at a time.
 */
final class StatusReport {
  private final RepositoryState s;
  private final Instant now;
  private final Instant soon;
  private final List<RoleStatus> roles = new ArrayList<>();

  private StatusReport(RepositoryState s, Duration soon) {
    this.s = s;
    this.now = s.clock.instant();
    this.soon = now.plus(soon);
  }

  static RepositoryStatus of(RepositoryState s, Duration soon) throws StorageException {
    StatusReport r = new StatusReport(s, soon);
    List<SignatureStatus> pending = new ArrayList<>();
    for (String role : s.offline.all().keySet()) {
      pending.add(s.offline.status(role));
    }
    if (s.root != null) {
      r.collect();
    }
    return new RepositoryStatus(r.now, r.roles, pending);
  }

  private void collect() throws StorageException {
    boolean consistent = s.config.consistentSnapshot();
    Root root = s.root.signed();
    add("root", false, s.root, root.verifyDelegate("root", s.root, s.registry), "root version " + root.version());
    add("timestamp", true, s.timestamp, root.verifyDelegate("timestamp", s.timestamp, s.registry), "root");
    Metadata<?> snapshot = read("snapshot", FileNames.metadata("snapshot", s.snapshotVersion, consistent), false);
    add("snapshot", true, snapshot, root.verifyDelegate("snapshot", snapshot, s.registry), "root");
    Targets targets = s.published("targets").signed();
    add("targets", false, s.published("targets"), root.verifyDelegate("targets", s.published("targets"), s.registry),
        "root");
    for (RoleKind k : List.of(RoleKind.BINS, RoleKind.CLAIMED, RoleKind.RECENTLY_CLAIMED)) {
      if (s.config.roleKinds().contains(k)) {
        String name = s.config.roleName(k);
        Metadata<Targets> m = s.published(name);
        add(name, k.online(), m, targets.verifyDelegate(name, m, s.registry), "targets");
      }
    }
    for (Map.Entry<String, Long> e : s.roleVersions.entrySet()) {
      String role = e.getKey().substring(0, e.getKey().length() - ".json".length());
      if (!role.startsWith("project-")) {
        continue;
      }
      Metadata<?> m = read(role, FileNames.metadata(role, e.getValue(), consistent), true);
      String claimed = s.config.roleName(RoleKind.CLAIMED);
      Targets c = s.published(claimed).signed();
      VerificationResult v = c.verifyDelegate(role, m, s.registry);
      String by = claimed;
      if (!v.knownRole()) {
        by = s.config.roleName(RoleKind.RECENTLY_CLAIMED);
        v = s.published(by).signed().verifyDelegate(role, m, s.registry);
      }
      add(role, false, m, v, by);
    }
    Targets bins = s.published(s.binsRole()).signed();
    for (int i = 0; i < s.layout.count(); i++) {
      long v = s.bins.version(i);
      if (v > 0) {
        String name = s.layout.name(i);
        Metadata<?> m = read(name, FileNames.metadata(name, v, consistent), true);
        add(name, true, m, bins.verifyDelegate(name, m, s.registry), s.binsRole());
      }
    }
  }

  private void add(String role, boolean online, Metadata<?> m, VerificationResult v, String delegator) {
    Signed signed = m.signed();
    SignatureStatus.Requirement req = new SignatureStatus.Requirement(
        delegator, v.knownRole() ? v.threshold() : 1, v.signedBy(), v.notSignedBy());
    roles.add(new RoleStatus(role, signed.version(), signed.expires(), online, List.of(req),
        !signed.expires().isAfter(soon)));
  }

  private Metadata<?> read(String role, String file, boolean targets) throws StorageException {
    byte[] bytes = s.storage.readMetadata(file)
        .orElseThrow(() -> new StorageException(null, "metadata file " + file + " is missing from the repository"));
    try {
      return targets ? Metadata.parseTargets(bytes, role) : Metadata.parseSnapshot(bytes);
    } catch (MetadataFormatException e) {
      throw new StorageException(null, "metadata file " + file + " is damaged: " + e.getMessage(), e);
    }
  }
}
