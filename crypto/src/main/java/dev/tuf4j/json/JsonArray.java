package dev.tuf4j.json;

import java.util.List;

/** A JSON array; order is kept (it matters: delegation order is priority). */
public record JsonArray(List<JsonValue> elements) implements JsonValue {
  public static final JsonArray EMPTY = new JsonArray(List.of());

  public JsonArray {
    elements = List.copyOf(elements);
  }

  public static JsonArray of(JsonValue... elements) {
    return new JsonArray(List.of(elements));
  }

  public int size() {
    return elements.size();
  }

  public JsonValue get(int index) {
    return elements.get(index);
  }

  @Override
  public String typeName() {
    return "array";
  }
}
