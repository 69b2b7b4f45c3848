package dev.tuf4j.crypto;

import dev.tuf4j.json.JsonObject;

/** SKELETON: the crypto work implements it. */
public final class RsaPssPublicKey implements PublicKey {
  private RsaPssPublicKey() {}

  @Override
  public String keytype() {
    throw new UnsupportedOperationException();
  }

  @Override
  public Scheme scheme() {
    throw new UnsupportedOperationException();
  }

  @Override
  public String publicValue() {
    throw new UnsupportedOperationException();
  }

  @Override
  public boolean verify(byte[] message, byte[] signature) {
    throw new UnsupportedOperationException();
  }

  @Override
  public JsonObject toJson() {
    throw new UnsupportedOperationException();
  }

  @Override
  public String keyId() {
    throw new UnsupportedOperationException();
  }
}
