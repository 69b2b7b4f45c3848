package dev.tuf4j.repository;

import dev.tuf4j.MetadataFormatException;
import dev.tuf4j.UnsignedMetadataException;
import dev.tuf4j.crypto.SchemeRegistry;
import dev.tuf4j.crypto.Signer;
import dev.tuf4j.metadata.Metadata;
import dev.tuf4j.metadata.Root;
import dev.tuf4j.metadata.Signature;
import dev.tuf4j.metadata.Signed;
import dev.tuf4j.metadata.Targets;
import dev.tuf4j.metadata.VerificationResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The unpublished next versions of the offline roles (root, targets, bins or unclaimed,
 * claimed): edits go into them, key holders add signatures one at a time, and a version is
 * published only once its thresholds are met. A pending version is itself ordinary metadata,
 * so it travels between machines as a file ({@link Ceremony}) and comes back through {@link
 * #merge}. Not thread-safe.
 */
final class OfflineRoles {
  private final RepositoryState state;
  private final Map<String, Metadata<? extends Signed>> pending = new LinkedHashMap<>();

  OfflineRoles(RepositoryState state) {
    this.state = state;
  }

  Optional<Metadata<? extends Signed>> get(String role) {
    return Optional.ofNullable(pending.get(role));
  }

  Map<String, Metadata<? extends Signed>> all() {
    return pending;
  }

  void clear(String role) {
    pending.remove(role);
  }

  /** Starts (or continues) the next root version and applies {@code edit}. */
  Metadata<Root> editRoot(UnaryOperator<Root> edit) {
    Root base = nextBase("root", state.root, RoleKind.ROOT);
    return put("root", base, edit.apply(base));
  }

  /** Starts (or continues) the next version of an offline targets role and applies {@code edit}. */
  Metadata<Targets> editTargets(String role, RoleKind kind, UnaryOperator<Targets> edit) {
    Targets base = nextBase(role, state.published(role), kind);
    return put(role, base, edit.apply(base));
  }

  /** Sets a whole new version (repository creation). */
  <T extends Signed> void start(String role, T signed) {
    pending.put(role, Metadata.of(signed));
  }

  @SuppressWarnings("unchecked")
  private <T extends Signed> T nextBase(String role, Metadata<T> published, RoleKind kind) {
    Metadata<? extends Signed> p = pending.get(role);
    if (p != null) {
      return (T) p.signed();
    }
    if (published == null) {
      throw new IllegalStateException("no " + role + " metadata yet");
    }
    Instant expires = state.expiresFromNow(kind);
    return (T) published.signed().withVersion(published.signed().version() + 1).withExpires(expires);
  }

  @SuppressWarnings("unchecked")
  private <T extends Signed> Metadata<T> put(String role, T before, T after) {
    Metadata<T> current = (Metadata<T>) pending.get(role);
    Metadata<T> next;
    if (current != null && after.equals(before)) {
      next = current; // nothing changed: signatures stay valid
    } else {
      next = Metadata.of(after);
    }
    pending.put(role, next);
    return next;
  }

  /** Adds {@code signer}'s signature to the pending version of {@code role}. */
  SignatureStatus sign(String role, Signer signer) {
    Metadata<? extends Signed> m = require(role);
    String keyid = signer.publicKey().keyId();
    if (!status(role).requirements().stream()
        .anyMatch(r -> r.signedBy().contains(keyid) || r.missing().contains(keyid))) {
      throw new IllegalArgumentException("key " + keyid + " is not a key of " + role
          + " (nor of the root that must approve it)");
    }
    pending.put(role, m.sign(signer));
    return status(role);
  }

  /**
   * Takes the signatures of a carried file: for the pending version if there is one (the file
   * must hold exactly its signed content), else the file becomes the pending version, if it is
   * the next version of {@code role}.
   */
  SignatureStatus merge(String role, byte[] file) throws MetadataFormatException {
    Class<? extends Signed> type = role.equals("root") ? Root.class : Targets.class;
    Metadata<? extends Signed> incoming = Metadata.parse(file, type, role);
    Metadata<? extends Signed> current = pending.get(role);
    if (current == null) {
      Metadata<? extends Signed> published = role.equals("root") ? state.root : state.published(role);
      long expected = published == null ? 1 : published.signed().version() + 1;
      if (incoming.signed().version() != expected) {
        throw new IllegalArgumentException(role + ": the file is version " + incoming.signed().version()
            + ", but the next version is " + expected);
      }
      pending.put(role, incoming);
      return status(role);
    }
    if (!Arrays.equals(current.signedBytes(), incoming.signedBytes())) {
      throw new IllegalArgumentException(role + ": the file holds other content than the pending version "
          + current.signed().version() + " (was it edited after it was handed out?)");
    }
    Map<String, Signature> merged = new LinkedHashMap<>(current.signaturesByKeyId());
    merged.putAll(incoming.signaturesByKeyId());
    pending.put(role, current.withSignatures(new ArrayList<>(merged.values())));
    return status(role);
  }

  /** The thresholds the pending version of {@code role} must meet and how far it is. */
  SignatureStatus status(String role) {
    Metadata<? extends Signed> m = require(role);
    SchemeRegistry registry = state.registry;
    List<SignatureStatus.Requirement> reqs = new ArrayList<>();
    if (role.equals("root")) {
      if (state.root != null) {
        reqs.add(requirement("root version " + state.root.signed().version(),
            state.root.signed().verifyDelegate("root", m, registry)));
      }
      Root self = (Root) m.signed();
      reqs.add(requirement("root version " + self.version(), self.verifyDelegate("root", m, registry)));
    } else if (role.equals("targets")) {
      Root root = effectiveRoot();
      reqs.add(requirement("root version " + root.version(), root.verifyDelegate("targets", m, registry)));
    } else {
      Targets top = effectiveTargets();
      reqs.add(requirement("targets", top.verifyDelegate(role, m, registry)));
    }
    return new SignatureStatus(role, m.signed().version(), reqs);
  }

  /** Throws unless every threshold of the pending version of {@code role} is met. */
  void requireComplete(String role) throws UnsignedMetadataException {
    for (SignatureStatus.Requirement r : status(role).requirements()) {
      if (!r.met()) {
        throw new UnsignedMetadataException(role, r.delegator(), r.threshold(), r.signedBy().size());
      }
    }
  }

  Root effectiveRoot() {
    Metadata<? extends Signed> p = pending.get("root");
    if (p != null) {
      return (Root) p.signed();
    }
    if (state.root == null) {
      throw new IllegalStateException("no root yet");
    }
    return state.root.signed();
  }

  Targets effectiveTargets() {
    return effective("targets");
  }

  /** The pending version of an offline targets role if any, else the published one. */
  Targets effective(String role) {
    Metadata<? extends Signed> p = pending.get(role);
    if (p != null) {
      return (Targets) p.signed();
    }
    Metadata<Targets> published = state.published(role);
    if (published == null) {
      throw new IllegalStateException("no " + role + " metadata yet");
    }
    return published.signed();
  }

  private Metadata<? extends Signed> require(String role) {
    Metadata<? extends Signed> m = pending.get(role);
    if (m == null) {
      throw new IllegalStateException("no pending version of " + role);
    }
    return m;
  }

  private static SignatureStatus.Requirement requirement(String delegator, VerificationResult r) {
    return new SignatureStatus.Requirement(delegator, r.knownRole() ? r.threshold() : 1, r.signedBy(), r.notSignedBy());
  }
}
