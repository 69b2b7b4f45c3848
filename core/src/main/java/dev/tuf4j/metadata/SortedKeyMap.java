package dev.tuf4j.metadata;

import dev.tuf4j.json.CanonicalJson;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An immutable map over keys already in canonical (code point) order, as a parsed {@code
 * targets} object holds them: two arrays, looked up by binary search. Parsing a 16,000-entry
 * targets file no longer hashes every (long) target path to fill a hash map that most clients
 * query for one or two paths; iteration is in canonical order, as before.
 *
 * @param <V> the value type
 */
final class SortedKeyMap<V> extends AbstractMap<String, V> {
  private final String[] keys;
  private final V[] values;

  /** Takes ownership of the arrays; {@code keys} must be strictly increasing in code point order. */
  SortedKeyMap(String[] keys, V[] values) {
    if (keys.length != values.length) {
      throw new IllegalArgumentException(keys.length + " keys but " + values.length + " values");
    }
    this.keys = keys;
    this.values = values;
  }

  private int indexOf(@Nullable Object key) {
    if (!(key instanceof String s)) {
      return -1;
    }
    int lo = 0;
    int hi = keys.length - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = CanonicalJson.KEY_ORDER.compare(keys[mid], s);
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
  public @Nullable V get(@Nullable Object key) {
    int i = indexOf(key);
    return i < 0 ? null : values[i];
  }

  @Override
  public boolean containsKey(@Nullable Object key) {
    return indexOf(key) >= 0;
  }

  @Override
  public int size() {
    return keys.length;
  }

  @Override
  public Set<Entry<String, V>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Entry<String, V>> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < keys.length;
          }

          @Override
          public Entry<String, V> next() {
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
}
