package dev.tuf4j.testvectors;

/**
 * Every behavioural difference between tuf-js ({@code tuf-js} 5.0.1, {@code @tufjs/models} 4.1.1)
 * and tuf4j that the interop tests have seen. The tests assert each one exactly where it shows,
 * so a difference that appears, changes or goes away (a tuf-js upgrade, a tuf4j change) fails a
 * test instead of passing unnoticed.
 *
 * <p>Verdicts differ only where noted (P-384 signatures, files with control characters,
 * integer-like delegated role names, a root without {@code consistent_snapshot}, and the vector
 * suite steps listed in {@link TufJsDepartures}); on the attacks in {@link
 * TufJsAttackInteropTest} both clients reject alike.
 */
enum KnownDifference {
  /**
   * tuf-js writes a delegated role's file under its percent-encoded name ({@code
   * project%20a.json}) but looks for it under the raw name ({@code project a.json}), so every new
   * tuf-js process downloads such a role again. tuf4j reads what it wrote and reuses it (the CLI
   * contract's "local metadata is reused"). Visible in request logs only.
   */
  REFETCHES_DELEGATED_ROLE_WITH_ENCODED_NAME,

  /**
   * Target URLs: tuf-js joins the target path to the base URL with node's WHATWG {@code URL},
   * which percent-encodes only controls, space, {@code " # < > ? ` { }} and non-ASCII and leaves
   * sub-delimiters such as {@code + ( ) ! * ' , ; = & $ @ :} raw. tuf4j percent-encodes every
   * byte but the RFC 3986 unreserved ones in each segment. Servers that decode escapes serve the
   * same file; raw-path servers (and caches keyed on raw paths) see two names.
   */
  TARGET_URL_LEAVES_SUB_DELIMITERS_RAW,

  /**
   * Canonical JSON key order: {@code @tufjs/canonical-json} sorts object keys with JavaScript's
   * default sort (UTF-16 code units), tuf4j and securesystemslib by Unicode code point. They
   * disagree only when one key has a character U+E000..U+FFFF where the other has one above
   * U+FFFF, e.g. {@code "\uE000"} and {@code "😀"}: tuf-js writes the emoji first. A signature
   * over such an object made by one does not verify in the other.
   */
  CANONICAL_KEY_ORDER_BY_UTF16_UNITS,

  /**
   * Integers beyond 2^53: tuf-js parses JSON numbers as doubles, so {@code 9007199254740993}
   * canonicalizes as {@code 9007199254740992}. tuf4j keeps every {@code long} exactly.
   */
  INTEGERS_ABOVE_2_POW_53_LOSE_PRECISION,

  /**
   * JSON parsing: tuf-js reads metadata with {@code JSON.parse}, which takes the last of duplicate
   * object keys, turns lone surrogate escapes into strings that encode as U+FFFD, and accepts
   * {@code 1.0} and {@code 1e2} as the integers 1 and 100. tuf4j's strict parser refuses all of
   * these documents, so it rejects metadata tuf-js would accept (never the other way round).
   */
  LENIENT_JSON_PARSING,

  /**
   * ECDSA P-384: {@code @tufjs/models} verifies with {@code crypto.verify(undefined, ...)}, and
   * for EC keys node then hashes with SHA-256 whatever the curve. So tuf-js refuses valid {@code
   * ecdsa-sha2-nistp384} signatures (SHA-384, as the scheme name, securesystemslib and tuf4j
   * have it), including ones node made itself, and accepts P-384 signatures over SHA-256, which
   * tuf4j refuses. A repository using P-384 keys cannot serve tuf-js clients. Differing
   * verdicts, but only for P-384 keys; P-256, Ed25519 and RSA-PSS agree.
   */
  ECDSA_P384_VERIFIED_WITH_SHA256_BY_TUF_JS,

  /**
   * Error types: tuf-js wraps every failure while loading snapshot or a targets role in a {@code
   * RuntimeError} whose message keeps the original message but not its type ("Unable to load
   * snapshot metadata error Error: Snapshot version doesn't match timestamp"); tuf4j throws the
   * specific exception (BadVersionException, UnsignedMetadataException, ...). Same verdict, a
   * coarser type.
   */
  WRAPS_SNAPSHOT_AND_TARGETS_ERRORS_IN_RUNTIME_ERROR,

  /**
   * tuf-js verifies signatures over its model re-serialized ({@code signed.toJSON()}), not over
   * the bytes it received, and its model keeps delegated roles in a JavaScript object keyed by
   * name. Object key order puts integer-like names ("1", "10", "2") first in ascending numeric
   * order, so delegations whose roles are named like integers and listed in another order
   * re-serialize differently, and their valid signatures fail in tuf-js. tuf4j verifies over
   * the canonical form of the {@code signed} object as parsed.
   */
  REORDERS_INTEGER_LIKE_DELEGATED_ROLE_NAMES,

  /**
   * {@code consistent_snapshot}: tuf-js requires the field in root (a TypeError when absent);
   * tuf4j and the specification treat it as optional and default to false.
   */
  REQUIRES_CONSISTENT_SNAPSHOT_FIELD,

  /**
   * A delegated role that the trusted snapshot does not list: tuf-js reads the missing snapshot
   * entry anyway and fails with a {@code TypeError} ("Cannot read properties of undefined"); the
   * specification and tuf4j stop the search with a missing-metadata error. Both refuse the target
   * and fetch nothing; only the kind of error differs. Vector suite: {@code delegation-errors}.
   */
  UNLISTED_DELEGATED_ROLE_IS_A_TYPE_ERROR,

  /**
   * {@code maxDelegations}: tuf-js keeps searching while it has visited at most {@code
   * maxDelegations} roles, so it visits one more role (33 by default, top-level targets included)
   * than python-tuf and tuf4j (32). Vector suite: {@code max-delegations}, where tuf-js finds a
   * target in the 32nd delegated role.
   */
  MAX_DELEGATIONS_VISITS_ONE_MORE_ROLE,

  /**
   * Metadata {@code version} 0: {@code @tufjs/models} accepts it (the specification requires an
   * integer greater than 0); tuf-js then refuses a version-0 timestamp only as a rollback. Vector
   * suite: {@code format-errors}.
   */
  ACCEPTS_VERSION_ZERO,

  /**
   * {@code expires}: tuf-js parses it with JavaScript's {@code Date}, so it accepts forms the
   * specification does not ({@code 2031-01-01T00:00:00} without {@code Z}, read as local time);
   * tuf4j requires {@code YYYY-MM-DDTHH:MM:SSZ}. Vector suite: {@code format-errors}.
   */
  LENIENT_EXPIRES_FORMAT,

  /**
   * Target hashes: tuf-js checks every hash a target lists, by asking node's {@code crypto} for
   * the algorithm under the listed name, and node has none called {@code blake2b-256}; so it
   * refuses to download any target that lists one ("Hash algorithm blake2b-256 not supported"),
   * which under PEP 458 is every PyPI file. Metadata is unaffected. tuf4j checks sha256, sha512
   * and blake2b-256.
   */
  TARGET_BLAKE2B_256_UNSUPPORTED_BY_TUF_JS,
}
