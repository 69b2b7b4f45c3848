package dev.tuf4j.metadata;

import java.util.List;

/**
 * A role a delegator trusts, reduced to what verification and the target search need: its name,
 * keyids, threshold and whether it ends the search. Made from a top-level {@link Role}, a
 * {@link DelegatedRole} or one bin of {@link SuccinctRoles}.
 */
public record DelegationEntry(String name, List<String> keyids, int threshold, boolean terminating) {
  public DelegationEntry {
    keyids = List.copyOf(keyids);
  }
}
