package dev.tuf4j.json;

/** A JSON integer. Canonical JSON has no other numbers. */
public record JsonNumber(long value) implements JsonValue {
  @Override
  public String typeName() {
    return "integer";
  }
}
