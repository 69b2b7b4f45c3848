package dev.tuf4j.json;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An immutable JSON object. Members are held in canonical order (keys sorted by Unicode code
 * point), so encoding is a single pass and two equal objects iterate alike. Keys are unique: the
 * parser rejects duplicates, and {@link Builder} keeps the last value put.
 */
public final class JsonObject implements JsonValue {
  public static final JsonObject EMPTY = new JsonObject(new String[0], new JsonValue[0]);

  private final String[] keys;
  private final JsonValue[] values;

  /** Takes ownership of the arrays; {@code keys} must be sorted and unique. */
  private JsonObject(String[] keys, JsonValue[] values) {
    this.keys = keys;
    this.values = values;
  }

  /**
   * Builds from members {@code from..from+size-1} of parallel arrays that may be in any order; the
   * arrays are copied, not kept. Returns {@code null} and stores the key in {@code duplicate[0]} if
   * a key repeats, instead of throwing, so the parser can report it with its path.
   */
  static @Nullable JsonObject ofUnsorted(
      String[] keys, JsonValue[] values, int from, int size, String[] duplicate) {
    return ofUnsorted(keys, values, from, size, duplicate, new boolean[1]);
  }

  /**
   * As {@link #ofUnsorted(String[], JsonValue[], int, int, String[])}, and sets {@code
   * wasSorted[0]} to whether the members were given in canonical order already (keys strictly
   * increasing).
   */
  static @Nullable JsonObject ofUnsorted(
      String[] keys,
      JsonValue[] values,
      int from,
      int size,
      String[] duplicate,
      boolean[] wasSorted) {
    duplicate[0] = null;
    wasSorted[0] = true;
    if (size == 0) {
      return EMPTY;
    }
    String[] k = Arrays.copyOfRange(keys, from, from + size);
    JsonValue[] v = Arrays.copyOfRange(values, from, from + size);
    // Writers that sort their keys (python-tuf, go-tuf, our own) give sorted input: one pass.
    boolean sorted = true;
    for (int i = 1; i < size; i++) {
      if (CodePointOrder.INSTANCE.compare(k[i - 1], k[i]) >= 0) {
        sorted = false;
        break;
      }
    }
    wasSorted[0] = sorted;
    if (!sorted) {
      MemberSort.sort(k, v);
      for (int i = 1; i < size; i++) {
        if (k[i - 1].equals(k[i])) {
          duplicate[0] = k[i];
          return null;
        }
      }
    }
    return new JsonObject(k, v);
  }

  /** An object holding the given members; later duplicates replace earlier ones. */
  public static JsonObject of(Map<String, ? extends JsonValue> members) {
    Builder b = builder();
    members.forEach(b::put);
    return b.build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts with this object's members. */
  public Builder toBuilder() {
    Builder b = new Builder();
    for (int i = 0; i < keys.length; i++) {
      b.members.put(keys[i], values[i]);
    }
    return b;
  }

  public int size() {
    return keys.length;
  }

  public boolean isEmpty() {
    return keys.length == 0;
  }

  public boolean has(String key) {
    return indexOf(key) >= 0;
  }

  /** The member's value, or {@code null} if absent. */
  public @Nullable JsonValue get(String key) {
    int i = indexOf(key);
    return i < 0 ? null : values[i];
  }

  /** Keys in canonical (code point) order. */
  public List<String> keys() {
    return Collections.unmodifiableList(Arrays.asList(keys));
  }

  /** The i-th key in canonical order. */
  public String keyAt(int i) {
    return keys[i];
  }

  /** The i-th value in canonical order. */
  public JsonValue valueAt(int i) {
    return values[i];
  }

  /** A read-only map view in canonical key order. */
  public Map<String, JsonValue> asMap() {
    return new AbstractMap<>() {
      @Override
      public Set<Entry<String, JsonValue>> entrySet() {
        return new AbstractSet<>() {
          @Override
          public Iterator<Entry<String, JsonValue>> iterator() {
            return new Iterator<>() {
              private int next;

              @Override
              public boolean hasNext() {
                return next < keys.length;
              }

              @Override
              public Entry<String, JsonValue> next() {
                if (next >= keys.length) {
                  throw new NoSuchElementException();
                }
                int i = next++;
                return new SimpleImmutableEntry<>(keys[i], values[i]);
              }
            };
          }

          @Override
          public int size() {
            return keys.length;
          }
        };
      }

      @Override
      public @Nullable JsonValue get(Object key) {
        return key instanceof String s ? JsonObject.this.get(s) : null;
      }

      @Override
      public boolean containsKey(Object key) {
        return key instanceof String s && has(s);
      }

      @Override
      public int size() {
        return keys.length;
      }
    };
  }

  /** This object without the named members (absent names are ignored). */
  public JsonObject without(Set<String> names) {
    List<String> k = new ArrayList<>(keys.length);
    List<JsonValue> v = new ArrayList<>(keys.length);
    for (int i = 0; i < keys.length; i++) {
      if (!names.contains(keys[i])) {
        k.add(keys[i]);
        v.add(values[i]);
      }
    }
    if (k.size() == keys.length) {
      return this;
    }
    return new JsonObject(k.toArray(new String[0]), v.toArray(new JsonValue[0]));
  }

  private int indexOf(String key) {
    if (keys.length <= 8) {
      for (int i = 0; i < keys.length; i++) {
        if (keys[i].equals(key)) {
          return i;
        }
      }
      return -1;
    }
    int lo = 0;
    int hi = keys.length - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = CodePointOrder.INSTANCE.compare(keys[mid], key);
      if (c < 0) {
        lo = mid + 1;
      } else if (c > 0) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -1;
  }

  @Override
  public String typeName() {
    return "object";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof JsonObject other
        && Arrays.equals(keys, other.keys)
        && Arrays.equals(values, other.values);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(keys) + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return CanonicalJson.encodeToString(this);
  }

  /** Collects members; {@link #build()} sorts them into canonical order. */
  public static final class Builder {
    private final LinkedHashMap<String, JsonValue> members = new LinkedHashMap<>();

    private Builder() {}

    public Builder put(String key, JsonValue value) {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
      int bad = JsonString.indexOfLoneSurrogate(key);
      if (bad >= 0) {
        throw new IllegalArgumentException("key has a lone UTF-16 surrogate at index " + bad);
      }
      members.put(key, value);
      return this;
    }

    public Builder put(String key, String value) {
      return put(key, new JsonString(value));
    }

    public Builder put(String key, long value) {
      return put(key, new JsonNumber(value));
    }

    public Builder put(String key, boolean value) {
      return put(key, JsonBoolean.of(value));
    }

    /** Adds every member of {@code other}, replacing members with the same key. */
    public Builder putAll(JsonObject other) {
      for (int i = 0; i < other.keys.length; i++) {
        members.put(other.keys[i], other.values[i]);
      }
      return this;
    }

    public Builder remove(String key) {
      members.remove(key);
      return this;
    }

    public JsonObject build() {
      int n = members.size();
      String[] k = members.keySet().toArray(new String[n]);
      JsonValue[] v = members.values().toArray(new JsonValue[n]);
      JsonObject o = ofUnsorted(k, v, 0, n, new String[1]);
      // The keys of a map are unique, so there is never a duplicate.
      return Objects.requireNonNull(o);
    }
  }
}
