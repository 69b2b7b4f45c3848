/**
 * Not API: Bouncy Castle adapters (SubjectPublicKeyInfo, PKCS#8, PBES2, strict DER signatures),
 * PEM armour and atomic file writes behind {@link dev.tuf4j.crypto}. Classes here are public
 * only so that package can use them; they may change in any release.
 */
package dev.tuf4j.crypto.internal;
