package dev.tuf4j.repository;

import dev.tuf4j.BadVersionException;
import dev.tuf4j.ExpiredMetadataException;
import dev.tuf4j.MetadataFormatException;
import dev.tuf4j.RepositoryException;
import dev.tuf4j.StorageException;
import dev.tuf4j.crypto.PublicKey;
import dev.tuf4j.metadata.DelegatedRole;
import dev.tuf4j.metadata.Delegations;
import dev.tuf4j.metadata.Key;
import dev.tuf4j.metadata.Metadata;
import dev.tuf4j.metadata.TargetFile;
import dev.tuf4j.metadata.Targets;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * PEP 480 projects: registration, checking developer-signed uploads ("Snapshot Process": a
 * threshold of the project's keys signed, the metadata is not expired, it signs only for the
 * project's paths, and - our addition - its version never goes back), and moving projects from
 * recently-claimed to claimed.
 *
 * <p>A registered project gets its delegation with its first accepted upload, as PEP 480
 * "Producing Consistent Snapshots" describes ("If the project is new, ... add new
 * recently-claimed metadata with the public keys"): a delegation without metadata would make
 * clients fail on the project's paths, since snapshot would not list the role. Registrations
 * waiting for their first upload live in memory only.
 */
final class Projects {
  private final RepositoryState state;
  private final Map<String, Project> registrations = new LinkedHashMap<>();

  Projects(RepositoryState state) {
    this.state = state;
  }

  private String claimed() {
    return state.config.roleName(RoleKind.CLAIMED);
  }

  private String recentlyClaimed() {
    return state.config.roleName(RoleKind.RECENTLY_CLAIMED);
  }

  void register(Project p) {
    requirePep480();
    String role = p.roleName();
    if (registrations.containsKey(role) || delegatorOf(role).isPresent()) {
      throw new IllegalArgumentException("project " + p.normalizedName() + " is registered already");
    }
    registrations.put(role, p);
  }

  /** Where the project's delegation lives: claimed first (as clients search), then recently-claimed. */
  private Optional<String> delegatorOf(String role) {
    Metadata<Targets> c = state.published(claimed());
    if (c != null && delegates(c.signed(), role)) {
      return Optional.of(claimed());
    }
    if (delegates(state.recentlyClaimed(), role)) {
      return Optional.of(recentlyClaimed());
    }
    return Optional.empty();
  }

  private static boolean delegates(Targets t, String role) {
    return t.delegations().flatMap(d -> d.roles()).map(rs -> rs.stream().anyMatch(r -> r.name().equals(role)))
        .orElse(false);
  }

  UploadResult accept(String projectName, byte[] bytes, Map<String, Path> files)
      throws RepositoryException, StorageException {
    requirePep480();
    String role = Project.roleName(Project.normalize(projectName));
    Optional<String> delegatorName = delegatorOf(role);
    Project registration = registrations.get(role);
    Targets delegator;
    if (delegatorName.isPresent()) {
      delegator = delegatorName.get().equals(claimed())
          ? state.published(claimed()).signed() : state.recentlyClaimed();
    } else if (registration != null) {
      delegator = withProject(Targets.of(1, Instant.EPOCH.plusSeconds(1)), registration);
    } else {
      throw new IllegalArgumentException("project " + projectName + " is not registered");
    }
    Metadata<Targets> upload = Metadata.parseTargets(bytes, role);
    // A threshold of the project's developer keys, as its delegation lists them (V3).
    delegator.requireDelegate(role, upload, state.registry);
    Targets t = upload.signed();
    if (t.delegations().isPresent()) {
      throw new MetadataFormatException(role, "$.signed.delegations",
          "project metadata may not delegate further (the repository accepts flat project roles)");
    }
    DelegatedRole entry = delegator.delegations().orElseThrow().roles().orElseThrow().stream()
        .filter(r -> r.name().equals(role)).findFirst().orElseThrow();
    for (String path : t.targets().keySet()) {
      // PEP 480: "A delegatee MUST NOT sign for targets that were not delegated to itself".
      if (!entry.isDelegatedPath(path)) {
        throw new MetadataFormatException(role, "$.signed.targets[\"" + path + "\"]",
            "path outside the project's paths " + entry.paths());
      }
      FileNames.checkTargetPath(path);
    }
    Instant now = state.clock.instant();
    if (t.isExpired(now)) {
      throw new ExpiredMetadataException(role, t.expires(), now);
    }
    long current = currentVersion(role);
    if (t.version() <= current) {
      throw new BadVersionException(role, "version", "at least", current + 1, t.version());
    }
    SizeGuard.checkTargetsRole(state.config, role, bytes.length, "split the project's metadata");
    for (Map.Entry<String, Path> f : files.entrySet()) {
      TargetFile info = t.target(f.getKey()).orElseThrow(() -> new IllegalArgumentException(
          "file for " + f.getKey() + " is not listed in the project's metadata"));
      try (InputStream in = Files.newInputStream(f.getValue())) {
        info.verifyLengthAndHashes(in);
      } catch (IOException e) {
        throw new StorageException(f.getValue(), "cannot read the uploaded file", e);
      }
    }
    boolean isNew = false;
    if (delegatorName.isEmpty()) {
      state.recentlyClaimedDraft = withProject(state.recentlyClaimed(), registration);
      registrations.remove(role);
      isNew = true;
    }
    state.projectUploads.put(role, bytes.clone());
    for (Map.Entry<String, Path> f : files.entrySet()) {
      state.stagedFiles.put(f.getKey(), new RepositoryState.StagedFile(t.target(f.getKey()).get(), f.getValue()));
    }
    return new UploadResult(role.substring("project-".length()), role, t.version(),
        new ArrayList<>(t.targets().keySet()), delegatorName.orElse(recentlyClaimed()), isNew);
  }

  /** The version clients have or will get at the next publish; 0 if none. */
  private long currentVersion(String role) throws MetadataFormatException {
    byte[] staged = state.projectUploads.get(role);
    if (staged != null) {
      return Metadata.parseTargets(staged, role).signed().version();
    }
    Long v = state.roleVersions.get(role + ".json");
    return v == null ? 0 : v;
  }

  /** Adds the projects' delegations to claimed (offline: needs signing) and plans their removal. */
  SignatureStatus claim(Collection<String> projectNames) {
    requirePep480();
    Targets recent = state.recentlyClaimed();
    List<DelegatedRole> moving = new ArrayList<>();
    Map<String, Key> keys = new LinkedHashMap<>();
    for (String name : projectNames) {
      String role = Project.roleName(Project.normalize(name));
      DelegatedRole r = recent.delegations().flatMap(d -> d.roles()).orElse(List.of()).stream()
          .filter(x -> x.name().equals(role)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("project " + name + " is not in recently-claimed"));
      moving.add(r);
      r.keyids().forEach(id -> keys.put(id, recent.delegations().get().keys().get(id)));
      state.claimMoves.add(role);
    }
    state.offline.editTargets(claimed(), RoleKind.CLAIMED, t -> {
      Delegations d = t.delegations().orElseThrow();
      Map<String, Key> k = new LinkedHashMap<>(d.keys());
      k.putAll(keys);
      List<DelegatedRole> roles = new ArrayList<>(d.roles().orElseThrow());
      for (DelegatedRole r : moving) {
        roles.removeIf(x -> x.name().equals(r.name()));
        roles.add(r);
      }
      return t.withDelegations(new Delegations(k, roles, null, d.unrecognized()));
    });
    return state.offline.status(claimed());
  }

  /** {@code t} with a terminating delegation to {@code p} for its paths (after the others). */
  Targets withProject(Targets t, Project p) {
    Delegations d = t.delegations().orElse(Delegations.of(Map.of(), List.of()));
    Map<String, Key> keys = new LinkedHashMap<>(d.keys());
    List<String> keyids = new ArrayList<>();
    for (PublicKey k : p.developerKeys()) {
      keys.put(k.keyId(), Key.of(k));
      keyids.add(k.keyId());
    }
    List<DelegatedRole> roles = new ArrayList<>(d.roles().orElse(List.of()));
    // Terminating: once a project's role is reached, no later role (recently-claimed or the
    // online bins) may sign for the project's paths, even if an online key is compromised.
    roles.add(new DelegatedRole(p.roleName(), keyids, p.threshold(), true,
        p.paths(state.config.projectPathTemplates()), null, dev.tuf4j.json.JsonObject.EMPTY));
    return t.withDelegations(new Delegations(keys, roles, null, d.unrecognized()));
  }

  private void requirePep480() {
    if (state.config.layout() != RepositoryConfig.Layout.PEP_480) {
      throw new IllegalStateException("projects need the PEP 480 layout");
    }
  }

}
