/**
 * Repository tooling for operators: a TUF repository laid out as PyPI's PEP 458 (minimum
 * security model, {@code targets -> bins -> bin-n}) or PEP 480 (maximum security model,
 * {@code targets -> claimed, recently-claimed, unclaimed -> bin-n}, with developer-signed
 * project roles), at PyPI's scale.
 *
 * <h2>The pieces</h2>
 *
 * <ul>
 *   <li>{@link dev.tuf4j.repository.RepositoryConfig}: layout, bins, expiry per role, hashes,
 *       versions kept, client size caps. Immutable, built by a builder that refuses
 *       configurations whose metadata clients would reject.
 *   <li>{@link dev.tuf4j.repository.Repository}: the editor. Targets, keys, projects, expiry
 *       bumps, the offline ceremony and a status report. Operations stage changes and return
 *       what they did ({@link dev.tuf4j.repository.TargetsResult}, {@link
 *       dev.tuf4j.repository.SignatureStatus}, {@link dev.tuf4j.repository.UploadResult}).
 *   <li>{@link dev.tuf4j.repository.Publisher}: signs what changed with the online key and
 *       writes it in a safe order through {@link dev.tuf4j.repository.RepositoryStorage}
 *       ({@link dev.tuf4j.repository.FileSystemStorage}: a static tree any web server can serve).
 *   <li>{@link dev.tuf4j.repository.Ceremony}: the key holder's side of offline signing.
 * </ul>
 *
 * <h2>Decisions</h2>
 *
 * <ul>
 *   <li>Role names: {@code bins} (PEP 458) or {@code unclaimed} (PEP 480), {@code bin-0000} to
 *       {@code bin-3fff} for 16,384 bins (TAP 15 naming in both delegation styles, so a target
 *       is in the same bin either way), {@code claimed}, {@code recently-claimed}, and {@code
 *       project-<PEP 503 name>}. All use {@code a-z 0-9 -} only, so the client's percent-encoding
 *       leaves them unchanged and a static server finds {@code V.role.json} on disk as named.
 *   <li>{@code targets} delegates to {@code bins}/{@code unclaimed} with the sixteen one-digit
 *       {@code path_hash_prefixes}: every path, whatever its depth ({@code *} in a path pattern
 *       never crosses {@code /}).
 *   <li>PEP 480 project paths: {@code packages/*&#47;*&#47;*&#47;<dist>-*} and {@code
 *       simple/<name>/*} by default (see {@link dev.tuf4j.repository.Project}); project
 *       delegations are terminating, so no later role - recently-claimed, or the online bins -
 *       can sign for a claimed project's paths. Uploaded project metadata may not delegate.
 *   <li>Snapshot lists versions only (no lengths or hashes), as python-tuf writes by default:
 *       with hashes, 16,384 bins would not fit the 2,000,000-byte cap. Timestamp lists the
 *       snapshot's version, length and SHA-256.
 *   <li>Publish order: target files, delegated metadata (delegatees first), snapshot,
 *       timestamp, then a new root. Root goes last, not first, so that a root changing the
 *       online keys never makes the still-published timestamp unverifiable; timestamp and
 *       snapshot carry the old keys' signatures too while that happens.
 *   <li>Pruning keeps the last {@code keepVersions} snapshots and every file they reference;
 *       root files are never pruned. What to prune is tracked in memory; files superseded
 *       before a restart are left in place (disk space, never a danger).
 *   <li>Pending offline versions live in memory; across processes they travel as the metadata
 *       file itself ({@link dev.tuf4j.repository.Repository#pendingFile}, {@link
 *       dev.tuf4j.repository.Repository#addSignatures}). So do PEP 480 registrations that have
 *       not had their first upload yet.
 * </ul>
 *
 * <p>A {@code Repository} is used by one thread at a time; the publisher signs bins on several
 * threads internally.
 */
package dev.tuf4j.repository;
