package dev.tuf4j.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tuf4j.json.CanonicalJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The map a parsed targets file and its hashes use behaves as the ordered hash map it replaced. */
class SortedKeyMapTest {
  @Provide
  Arbitrary<List<String>> keys() {
    // Characters on both sides of the surrogates, where UTF-16 and code point order differ.
    return Arbitraries.strings()
        .withChars("ab/\u00e9\uffff")
        .withChars("\ud83d\ude00".toCharArray())
        .ofMaxLength(4)
        .filter(s -> s.codePoints().allMatch(Character::isValidCodePoint) && noLoneSurrogate(s))
        .list()
        .ofMaxSize(30);
  }

  private static boolean noLoneSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  @Property(tries = 300, seed = "13")
  void answersLikeALinkedHashMapInCanonicalOrder(
      @ForAll("keys") List<String> raw, @ForAll("keys") List<String> probes) {
    TreeSet<String> sorted = new TreeSet<>(CanonicalJson.KEY_ORDER);
    sorted.addAll(raw);
    List<String> keys = new ArrayList<>(sorted);
    Map<String, Integer> expected = new LinkedHashMap<>();
    Integer[] values = new Integer[keys.size()];
    for (int i = 0; i < keys.size(); i++) {
      expected.put(keys.get(i), i);
      values[i] = i;
    }
    Map<String, Integer> map = new SortedKeyMap<>(keys.toArray(new String[0]), values);
    assertEquals(expected, map);
    assertEquals(expected.hashCode(), map.hashCode());
    assertEquals(new ArrayList<>(expected.entrySet()), new ArrayList<>(map.entrySet()));
    for (String p : probes) {
      assertEquals(expected.get(p), map.get(p), p);
      assertEquals(expected.containsKey(p), map.containsKey(p), p);
    }
  }

  @Test
  void refusesChangesAndOtherKeyTypes() {
    Map<String, String> map = new SortedKeyMap<>(new String[] {"a", "b"}, new String[] {"1", "2"});
    assertThrows(UnsupportedOperationException.class, () -> map.put("c", "3"));
    assertThrows(UnsupportedOperationException.class, () -> map.keySet().remove("a"));
    assertThrows(UnsupportedOperationException.class, map::clear);
    assertNull(((Map<?, ?>) map).get(1));
    assertFalse(((Map<?, ?>) map).containsKey(1));
  }
}
