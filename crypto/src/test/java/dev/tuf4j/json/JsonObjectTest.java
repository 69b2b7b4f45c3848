package dev.tuf4j.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JsonObjectTest {
  /** Keys around the places UTF-16 order and code point order disagree, more than 8 of them. */
  private static final List<String> KEYS =
      List.of(
          "",
          "a",
          "ab",
          "b",
          "z",
          "\u00e9",
          "\ud7ff",
          "\ue000",
          "\uffff",
          "\ud800\udc00",
          "\ud83d\ude00",
          "\udbff\udfff");

  private static JsonObject numbered(List<String> keys) {
    JsonObject.Builder b = JsonObject.builder();
    for (int i = 0; i < keys.size(); i++) {
      b.put(keys.get(i), i);
    }
    return b.build();
  }

  @Test
  void findsEveryKeyInSmallAndLargeObjects() {
    for (int size : new int[] {1, 8, 9, KEYS.size()}) {
      List<String> keys = KEYS.subList(0, size);
      JsonObject o = numbered(keys);
      for (int i = 0; i < size; i++) {
        assertEquals(new JsonNumber(i), o.get(keys.get(i)), "key " + i + " of " + size);
        assertTrue(o.has(keys.get(i)));
      }
      assertNull(o.get("absent"));
      assertFalse(o.has("\ud83d\ude01"));
    }
  }

  @Test
  void keepsKeysInCodePointOrder() {
    List<String> reversed = new ArrayList<>(KEYS);
    java.util.Collections.reverse(reversed);

    assertEquals(KEYS, numbered(reversed).keys());
  }

  @Test
  void builderKeepsTheLastValuePutForAKey() {
    JsonObject o = JsonObject.builder().put("a", 1).put("b", 2).put("a", 3).build();

    assertEquals(2, o.size());
    assertEquals(new JsonNumber(3), o.get("a"));
  }

  @Test
  void builderRefusesKeysWithLoneSurrogates() {
    JsonObject.Builder b = JsonObject.builder();

    assertThrows(IllegalArgumentException.class, () -> b.put("\ud800", 1));
    assertThrows(IllegalArgumentException.class, () -> b.put("a\udc00", 1));
  }

  @Test
  void builderRefusesNullKeysAndValues() {
    JsonObject.Builder b = JsonObject.builder();

    assertThrows(NullPointerException.class, () -> b.put(null, JsonNull.INSTANCE));
    assertThrows(NullPointerException.class, () -> b.put("a", (JsonValue) null));
  }

  @Test
  void ofCopiesAMapInCanonicalOrder() {
    Map<String, JsonValue> map = new LinkedHashMap<>();
    map.put("b", new JsonNumber(1));
    map.put("a", new JsonNumber(2));

    JsonObject o = JsonObject.of(map);

    assertEquals(List.of("a", "b"), o.keys());
    assertEquals(new JsonNumber(2), o.valueAt(0));
  }

  @Test
  void toBuilderStartsFromTheMembersAndLeavesTheOriginalAlone() {
    JsonObject original = JsonObject.builder().put("a", 1).put("b", 2).build();

    JsonObject changed = original.toBuilder().remove("a").put("c", 3).putAll(original).build();

    assertEquals(List.of("a", "b", "c"), changed.keys());
    assertEquals(List.of("a", "b"), original.keys());
  }

  @Test
  void withoutDropsNamedMembersAndReturnsItselfWhenNothingMatches() {
    JsonObject o = JsonObject.builder().put("a", 1).put("b", 2).put("c", 3).build();

    assertEquals(JsonObject.builder().put("b", 2).build(), o.without(Set.of("a", "c", "x")));
    assertSame(o, o.without(Set.of("x")));
  }

  @Test
  void asMapIsAReadOnlyViewInCanonicalOrder() {
    JsonObject o = numbered(List.of("b", "a"));

    Map<String, JsonValue> map = o.asMap();

    assertEquals(List.of("a", "b"), new ArrayList<>(map.keySet()));
    assertEquals(new JsonNumber(0), map.get("b"));
    assertTrue(map.containsKey("a"));
    assertFalse(map.containsKey(1));
    assertEquals(Map.of("a", new JsonNumber(1), "b", new JsonNumber(0)), map);
    assertThrows(UnsupportedOperationException.class, () -> map.put("c", JsonNull.INSTANCE));
    assertThrows(
        UnsupportedOperationException.class,
        () -> map.entrySet().iterator().next().setValue(JsonNull.INSTANCE));
  }

  @Test
  void keysListCannotBeChanged() {
    JsonObject o = numbered(List.of("a"));

    assertThrows(UnsupportedOperationException.class, () -> o.keys().set(0, "b"));
  }

  @Test
  void equalObjectsHaveEqualHashesWhateverTheInsertionOrder() {
    JsonObject x = JsonObject.builder().put("a", 1).put("b", "2").build();
    JsonObject y = JsonObject.builder().put("b", "2").put("a", 1).build();

    assertEquals(x, y);
    assertEquals(x.hashCode(), y.hashCode());
    assertNotEquals(x, JsonObject.builder().put("a", 1).put("b", 2).build());
  }

  @Test
  void toStringIsTheCanonicalForm() {
    assertEquals(
        "{\"a\":[1,\"\n\"],\"b\":{}}",
        JsonObject.builder()
            .put("b", JsonObject.EMPTY)
            .put("a", JsonArray.of(new JsonNumber(1), new JsonString("\n")))
            .build()
            .toString());
  }

  @Test
  void ofUnsortedReportsTheDuplicateKeyInsteadOfBuilding() {
    String[] keys = {"b", "x", "a", "x", "c"};
    JsonValue[] values = new JsonValue[5];
    java.util.Arrays.fill(values, JsonNull.INSTANCE);
    String[] duplicate = new String[1];

    assertNull(JsonObject.ofUnsorted(keys, values, 0, 5, duplicate));
    assertEquals("x", duplicate[0]);
  }

  @Test
  void ofUnsortedReadsOnlyItsSliceOfTheArrays() {
    String[] keys = {"zz", "b", "a", "zz"};
    JsonValue[] values = {
      JsonNull.INSTANCE, new JsonNumber(1), new JsonNumber(2), JsonNull.INSTANCE
    };

    JsonObject o = JsonObject.ofUnsorted(keys, values, 1, 2, new String[1]);

    assertEquals(JsonObject.builder().put("a", 2).put("b", 1).build(), o);
  }
}
