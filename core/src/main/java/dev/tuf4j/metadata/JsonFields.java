package dev.tuf4j.metadata;

import dev.tuf4j.MetadataFormatException;
import dev.tuf4j.json.JsonArray;
import dev.tuf4j.json.JsonBoolean;
import dev.tuf4j.json.JsonNull;
import dev.tuf4j.json.JsonNumber;
import dev.tuf4j.json.JsonObject;
import dev.tuf4j.json.JsonString;
import dev.tuf4j.json.JsonValue;
import dev.tuf4j.json.StrictJsonParser;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads the known members of one JSON object with their types checked, remembering which were
 * read so that the rest can be kept as unrecognized fields. Every failure is a {@link
 * MetadataFormatException} naming the role and the JSON path.
 *
 * <p>JSON {@code null} is rejected for every known member: the specification has no optional
 * value that may be null. Optional members may be absent, never null.
 */
final class JsonFields {
  private final JsonObject object;
  // The path is built only when an error needs it: parsing a large targets file reads hundreds
  // of thousands of fields, and eager path strings cost about a quarter of the parse.
  private final String parentPath;
  private final @Nullable String member;
  private final String role;
  // Names asked for, and how many of them the object has: a handful per object, so a list (not a
  // hash set per object: a large targets file has tens of thousands of objects).
  private final List<String> read = new ArrayList<>(4);
  private int presentRead;

  JsonFields(JsonObject object, String path, String role) {
    this(object, path, null, role);
  }

  private JsonFields(JsonObject object, String parentPath, @Nullable String member, String role) {
    this.object = object;
    this.parentPath = parentPath;
    this.member = member;
    this.role = role;
  }

  static JsonFields of(JsonValue value, String path, String role) throws MetadataFormatException {
    return new JsonFields(asObject(value, path, role), path, role);
  }

  /** The fields of member {@code name} of the object at {@code parentPath}. */
  static JsonFields ofMember(JsonValue value, String parentPath, String name, String role)
      throws MetadataFormatException {
    if (value instanceof JsonObject o) {
      return new JsonFields(o, parentPath, name, role);
    }
    throw wrongType(role, child(parentPath, name), "an object", value);
  }

  static JsonObject asObject(JsonValue value, String path, String role)
      throws MetadataFormatException {
    if (value instanceof JsonObject o) {
      return o;
    }
    throw wrongType(role, path, "an object", value);
  }

  static String asString(JsonValue value, String path, String role)
      throws MetadataFormatException {
    if (value instanceof JsonString s) {
      return s.value();
    }
    throw wrongType(role, path, "a string", value);
  }

  static MetadataFormatException wrongType(
      String role, String path, String expected, JsonValue found) {
    return new MetadataFormatException(role, path, "expected " + expected + ", got " + describe(found));
  }

  static MetadataFormatException error(String role, String path, String detail) {
    return new MetadataFormatException(role, path, detail);
  }

  static String child(String path, String name) {
    return StrictJsonParser.append(path, name);
  }

  static String index(String path, int i) {
    return path + "[" + i + "]";
  }

  private static String describe(JsonValue v) {
    if (v instanceof JsonNull) {
      return "null";
    }
    if (v instanceof JsonString s) {
      String t = s.value();
      return "the string \"" + (t.length() > 40 ? t.substring(0, 40) + "..." : t) + "\"";
    }
    if (v instanceof JsonNumber n) {
      return "the integer " + n.value();
    }
    if (v instanceof JsonBoolean b) {
      return String.valueOf(b.value());
    }
    return "an " + v.typeName();
  }

  String path() {
    return member == null ? parentPath : child(parentPath, member);
  }

  String path(String name) {
    return child(path(), name);
  }

  String role() {
    return role;
  }

  boolean has(String name) {
    return object.has(name);
  }

  private @Nullable JsonValue lookUp(String name) {
    JsonValue v = object.get(name);
    if (!read.contains(name)) {
      read.add(name);
      if (v != null) {
        presentRead++;
      }
    }
    return v;
  }

  private JsonValue required(String name) throws MetadataFormatException {
    JsonValue v = lookUp(name);
    if (v == null) {
      throw error(role, path(name), "required field is missing");
    }
    if (v instanceof JsonNull) {
      throw error(role, path(name), "expected a value, got null");
    }
    return v;
  }

  private @Nullable JsonValue optional(String name) throws MetadataFormatException {
    JsonValue v = lookUp(name);
    if (v instanceof JsonNull) {
      throw error(role, path(name), "expected a value or no field, got null");
    }
    return v;
  }

  String requiredString(String name) throws MetadataFormatException {
    return string(required(name), name);
  }

  @Nullable String optionalString(String name) throws MetadataFormatException {
    JsonValue v = optional(name);
    return v == null ? null : string(v, name);
  }

  long requiredLong(String name) throws MetadataFormatException {
    return asLong(required(name), name);
  }

  @Nullable Long optionalLong(String name) throws MetadataFormatException {
    JsonValue v = optional(name);
    return v == null ? null : asLong(v, name);
  }

  private long asLong(JsonValue v, String name) throws MetadataFormatException {
    if (v instanceof JsonNumber n) {
      return n.value();
    }
    throw wrongType(role, path(name), "an integer", v);
  }

  private String string(JsonValue v, String name) throws MetadataFormatException {
    if (v instanceof JsonString s) {
      return s.value();
    }
    throw wrongType(role, path(name), "a string", v);
  }

  /** An integer that must be at least {@code min}. */
  long requiredLong(String name, long min) throws MetadataFormatException {
    long v = requiredLong(name);
    if (v < min) {
      throw error(role, path(name), "expected an integer >= " + min + ", got " + v);
    }
    return v;
  }

  @Nullable Long optionalLong(String name, long min) throws MetadataFormatException {
    Long v = optionalLong(name);
    if (v != null && v < min) {
      throw error(role, path(name), "expected an integer >= " + min + ", got " + v);
    }
    return v;
  }

  boolean requiredBoolean(String name) throws MetadataFormatException {
    return asBoolean(required(name), name);
  }

  @Nullable Boolean optionalBoolean(String name) throws MetadataFormatException {
    JsonValue v = optional(name);
    return v == null ? null : asBoolean(v, name);
  }

  private boolean asBoolean(JsonValue v, String name) throws MetadataFormatException {
    if (v instanceof JsonBoolean b) {
      return b.value();
    }
    throw wrongType(role, path(name), "true or false", v);
  }

  JsonObject requiredObject(String name) throws MetadataFormatException {
    return object(required(name), name);
  }

  @Nullable JsonObject optionalObject(String name) throws MetadataFormatException {
    JsonValue v = optional(name);
    return v == null ? null : object(v, name);
  }

  private JsonObject object(JsonValue v, String name) throws MetadataFormatException {
    if (v instanceof JsonObject o) {
      return o;
    }
    throw wrongType(role, path(name), "an object", v);
  }

  JsonArray requiredArray(String name) throws MetadataFormatException {
    JsonValue v = required(name);
    if (v instanceof JsonArray a) {
      return a;
    }
    throw wrongType(role, path(name), "an array", v);
  }

  @Nullable JsonArray optionalArray(String name) throws MetadataFormatException {
    JsonValue v = optional(name);
    if (v == null || v instanceof JsonArray) {
      return (JsonArray) v;
    }
    throw wrongType(role, path(name), "an array", v);
  }

  /** A list of strings; with {@code unique}, a repeated string is a format error. */
  List<String> requiredStringList(String name, boolean unique) throws MetadataFormatException {
    return stringList(requiredArray(name), name, unique);
  }

  @Nullable List<String> optionalStringList(String name, boolean unique)
      throws MetadataFormatException {
    JsonArray a = optionalArray(name);
    return a == null ? null : stringList(a, name, unique);
  }

  private List<String> stringList(JsonArray a, String name, boolean unique)
      throws MetadataFormatException {
    List<String> out = new ArrayList<>(a.size());
    Set<String> seen = unique ? new HashSet<>() : null;
    for (int i = 0; i < a.size(); i++) {
      if (!(a.get(i) instanceof JsonString str)) {
        throw wrongType(role, index(path(name), i), "a string", a.get(i));
      }
      String s = str.value();
      if (seen != null && !seen.add(s)) {
        throw error(role, index(path(name), i), "duplicate entry \"" + s + "\"");
      }
      out.add(s);
    }
    return List.copyOf(out);
  }

  /** The members that were not read, kept and written back unchanged. */
  JsonObject unrecognized() {
    if (presentRead == object.size()) {
      return JsonObject.EMPTY;
    }
    return object.without(new HashSet<>(read));
  }
}
