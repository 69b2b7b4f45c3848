package dev.tuf4j.json;

/**
 * An immutable JSON value as TUF metadata uses it: objects, arrays, strings, integers that fit a
 * {@code long}, booleans and null. There are no floating-point numbers: canonical JSON (and so
 * every signature in TUF) has none.
 */
public sealed interface JsonValue
    permits JsonObject, JsonArray, JsonString, JsonNumber, JsonBoolean, JsonNull {

  /** A short name of the JSON type for error messages: "object", "string", ... */
  String typeName();
}
