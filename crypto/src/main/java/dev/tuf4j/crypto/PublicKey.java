package dev.tuf4j.crypto;

import dev.tuf4j.json.JsonObject;

/**
 * A decoded TUF public key that can verify signatures. Value semantics: two keys are equal when
 * they hold the same key material for the same scheme, whatever keyid metadata files them under
 * (so one key listed under two keyids counts once toward a threshold).
 *
 * <p>Implementations are immutable, thread-safe final classes, made by {@link
 * SchemeRegistry#decode} or as the public half of a {@link SigningKey}. Each holds its decoded
 * key (Bouncy Castle parameters), so {@link #verify} never re-parses text. {@link #keytype()} is
 * the keytype the key was decoded with; {@link #publicValue()} is the canonical form tuf4j
 * writes, whatever form it was decoded from.
 */
public sealed interface PublicKey permits Ed25519PublicKey, EcdsaPublicKey, RsaPssPublicKey {

  /** The TUF {@code keytype}, e.g. {@code "ed25519"}, {@code "ecdsa"}, {@code "rsa"}. */
  String keytype();

  /** The TUF {@code scheme}, e.g. {@code "ed25519"}, {@code "ecdsa-sha2-nistp256"}. */
  Scheme scheme();

  /** {@code keyval.public} as TUF writes it: hex for Ed25519, PEM SubjectPublicKeyInfo otherwise. */
  String publicValue();

  /**
   * Whether {@code signature} (raw bytes, already hex-decoded) is a valid signature of {@code
   * message}. Never throws for any input: bad signatures, wrong lengths and garbage are {@code
   * false}.
   */
  boolean verify(byte[] message, byte[] signature);

  /** The TUF key object {@code {"keytype", "keyval": {"public"}, "scheme"}}. */
  JsonObject toJson();

  /**
   * The keyid a new key gets: hex SHA-256 of the canonical JSON of {@link #toJson()}. Verification
   * never recomputes keyids; it takes those that metadata gives.
   */
  String keyId();
}
