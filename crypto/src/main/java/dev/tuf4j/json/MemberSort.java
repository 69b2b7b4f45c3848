package dev.tuf4j.json;

/**
 * Sorts an object's members (keys and values in parallel arrays) by {@link CodePointOrder}. A merge
 * sort over the two arrays in step, so neither an index array of boxed integers nor an entry object
 * per member is needed. Equal keys end up next to each other, which is how the caller finds
 * duplicates.
 */
final class MemberSort {
  private static final int INSERTION_SORT_MAX = 16;

  private MemberSort() {}

  static void sort(String[] keys, JsonValue[] values) {
    int n = keys.length;
    if (n <= INSERTION_SORT_MAX) {
      insertionSort(keys, values, 0, n);
      return;
    }
    String[] keyTmp = keys.clone();
    JsonValue[] valueTmp = values.clone();
    // Sort the copies into the originals.
    mergeSort(keyTmp, valueTmp, keys, values, 0, n);
  }

  /**
   * Sorts {@code src[lo..hi)} into {@code dst[lo..hi)}. Both pairs start with the same content;
   * each level swaps their roles, so there is one copy up front and none per level.
   */
  private static void mergeSort(
      String[] srcKeys,
      JsonValue[] srcValues,
      String[] dstKeys,
      JsonValue[] dstValues,
      int lo,
      int hi) {
    if (hi - lo <= INSERTION_SORT_MAX) {
      insertionSort(dstKeys, dstValues, lo, hi);
      return;
    }
    int mid = (lo + hi) >>> 1;
    mergeSort(dstKeys, dstValues, srcKeys, srcValues, lo, mid);
    mergeSort(dstKeys, dstValues, srcKeys, srcValues, mid, hi);
    int i = lo;
    int j = mid;
    for (int out = lo; out < hi; out++) {
      if (j >= hi || (i < mid && CodePointOrder.INSTANCE.compare(srcKeys[i], srcKeys[j]) <= 0)) {
        dstKeys[out] = srcKeys[i];
        dstValues[out] = srcValues[i++];
      } else {
        dstKeys[out] = srcKeys[j];
        dstValues[out] = srcValues[j++];
      }
    }
  }

  private static void insertionSort(String[] keys, JsonValue[] values, int lo, int hi) {
    for (int i = lo + 1; i < hi; i++) {
      String key = keys[i];
      JsonValue value = values[i];
      int j = i - 1;
      while (j >= lo && CodePointOrder.INSTANCE.compare(keys[j], key) > 0) {
        keys[j + 1] = keys[j];
        values[j + 1] = values[j];
        j--;
      }
      keys[j + 1] = key;
      values[j + 1] = value;
    }
  }
}
