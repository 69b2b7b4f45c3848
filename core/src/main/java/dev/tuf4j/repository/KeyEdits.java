package dev.tuf4j.repository;

import dev.tuf4j.crypto.PublicKey;
import dev.tuf4j.metadata.DelegatedRole;
import dev.tuf4j.metadata.Delegations;
import dev.tuf4j.metadata.Key;
import dev.tuf4j.metadata.Role;
import dev.tuf4j.metadata.Root;
import dev.tuf4j.metadata.Targets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Key management as pure edits of metadata: add a key to a role, revoke one, change a
 * threshold, replace all keys. A role's keys live in its delegator - root for the top-level
 * roles, targets for bins, claimed and recently-claimed, bins for every bin-n - so each edit
 * makes a new version of the delegator. Keys no role uses any more leave the key list.
 */
final class KeyEdits {
  private KeyEdits() {}

  /** A change to one role's keyids and threshold. */
  interface Edit {
    /** The new keyids and threshold; {@code added} receives the keys to list. */
    KeySet apply(String role, List<String> keyids, int threshold, Map<String, Key> added);
  }

  record KeySet(List<String> keyids, int threshold) {
    KeySet {
      keyids = List.copyOf(keyids);
    }
  }

  static Edit add(PublicKey key) {
    return (role, keyids, threshold, added) -> {
      if (keyids.contains(key.keyId())) {
        throw new IllegalArgumentException(role + " has key " + key.keyId() + " already");
      }
      added.put(key.keyId(), Key.of(key));
      List<String> k = new ArrayList<>(keyids);
      k.add(key.keyId());
      return new KeySet(k, threshold);
    };
  }

  static Edit revoke(String keyid) {
    return (role, keyids, threshold, added) -> {
      if (!keyids.contains(keyid)) {
        throw new IllegalArgumentException(role + " has no key " + keyid);
      }
      List<String> k = new ArrayList<>(keyids);
      k.remove(keyid);
      if (k.size() < threshold) {
        throw new IllegalArgumentException("revoking " + keyid + " would leave " + role + " with "
            + k.size() + " keys for threshold " + threshold + ": lower the threshold or add a key first");
      }
      return new KeySet(k, threshold);
    };
  }

  static Edit threshold(int newThreshold) {
    return (role, keyids, threshold, added) -> {
      if (newThreshold < 1 || newThreshold > keyids.size()) {
        throw new IllegalArgumentException("threshold of " + role + " must be 1 to " + keyids.size()
            + " (its number of keys), got " + newThreshold);
      }
      return new KeySet(keyids, newThreshold);
    };
  }

  static Edit replace(RoleKeys keys) {
    return (role, keyids, threshold, added) -> {
      for (PublicKey k : keys.keys()) {
        added.put(k.keyId(), Key.of(k));
      }
      return new KeySet(keys.keyids(), keys.threshold());
    };
  }

  /** Edits a top-level role in root. */
  static Root inRoot(Root root, String role, Edit edit) {
    Role r = root.roles().get(role);
    Map<String, Key> added = new LinkedHashMap<>();
    KeySet ks = edit.apply(role, r.keyids(), r.threshold(), added);
    Map<String, Role> roles = new LinkedHashMap<>(root.roles());
    roles.put(role, new Role(ks.keyids(), ks.threshold(), r.unrecognized()));
    Map<String, Key> keys = new LinkedHashMap<>(root.keys());
    keys.putAll(added);
    Set<String> used = new HashSet<>();
    roles.values().forEach(x -> used.addAll(x.keyids()));
    keys.keySet().retainAll(used);
    return root.withKeys(keys).withRoles(roles);
  }

  /** Edits a delegated role listed by name in {@code delegator}. */
  static Targets inDelegation(Targets delegator, String role, Edit edit) {
    Delegations d = delegator.delegations().orElseThrow();
    List<DelegatedRole> roles = new ArrayList<>(d.roles().orElseThrow());
    Map<String, Key> added = new LinkedHashMap<>();
    boolean found = false;
    for (int i = 0; i < roles.size(); i++) {
      DelegatedRole r = roles.get(i);
      if (r.name().equals(role)) {
        KeySet ks = edit.apply(role, r.keyids(), r.threshold(), added);
        roles.set(i, r.withKeyids(ks.keyids()).withThreshold(ks.threshold()));
        found = true;
      }
    }
    if (!found) {
      throw new IllegalArgumentException(delegator + " does not delegate to " + role);
    }
    return delegator.withDelegations(new Delegations(usedKeys(d.keys(), added, roles), roles, null, d.unrecognized()));
  }

  /** Edits the keys of every bin in the bins role. */
  static Targets inBins(Targets bins, BinLayout layout, String family, Edit edit) {
    Delegations d = bins.delegations().orElseThrow();
    BinLayout.BinKeys current = layout.binKeys(d).orElseThrow();
    Map<String, Key> added = new LinkedHashMap<>();
    KeySet ks = edit.apply(family, current.keyids(), current.threshold(), added);
    Map<String, Key> keys = new LinkedHashMap<>(d.keys());
    keys.putAll(added);
    keys.keySet().retainAll(new HashSet<>(ks.keyids()));
    return bins.withDelegations(layout.delegations(keys, ks.keyids(), ks.threshold()));
  }

  private static Map<String, Key> usedKeys(Map<String, Key> keys, Map<String, Key> added, List<DelegatedRole> roles) {
    Map<String, Key> out = new LinkedHashMap<>(keys);
    out.putAll(added);
    Set<String> used = new HashSet<>();
    roles.forEach(r -> used.addAll(r.keyids()));
    out.keySet().retainAll(used);
    return out;
  }
}
