package dev.podlife.analyzer.startup;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Arrays;

/**
 * The latencies of one transition over one group of pods, as they stream in, and their statistics
 * computed exactly as PostgreSQL's {@code count}, {@code percentile_disc}, {@code min}, {@code max}
 * and {@code round(avg(…), 1)::float8} would: percentiles are the value at 1-based position {@code
 * max(1, ceil(p·n))} of the ascending order (nearest rank), found by a radix selection in O(n)
 * instead of a sort.
 *
 * <p>Values are kept as {@code int}s while they fit (4 bytes a pod), as {@code long}s after.
 */
final class TransitionValues {
  /** Buckets of one radix pass: 2^16 counters fit the L2 cache. */
  private static final int RADIX_BITS = 16;

  private int[] ints = new int[16];
  private long[] longs;
  private int size;
  private long min = Long.MAX_VALUE;
  private long max = Long.MIN_VALUE;
  private long sum;
  private BigInteger overflowedSum;

  void add(long value) {
    if (longs == null && (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE)) {
      longs = new long[Math.max(16, ints.length)];
      for (int i = 0; i < size; i++) {
        longs[i] = ints[i];
      }
      ints = null;
    }
    if (longs == null) {
      if (size == ints.length) {
        ints = Arrays.copyOf(ints, grow(size));
      }
      ints[size] = (int) value;
    } else {
      if (size == longs.length) {
        longs = Arrays.copyOf(longs, grow(size));
      }
      longs[size] = value;
    }
    size++;
    min = Math.min(min, value);
    max = Math.max(max, value);
    if (overflowedSum == null) {
      long next = sum + value;
      if (((sum ^ next) & (value ^ next)) < 0) {
        overflowedSum = BigInteger.valueOf(sum).add(BigInteger.valueOf(value));
      } else {
        sum = next;
      }
    } else {
      overflowedSum = overflowedSum.add(BigInteger.valueOf(value));
    }
  }

  /** Appends all of {@code other}'s values (the two halves of a parallel read). */
  void addAll(TransitionValues other) {
    for (int i = 0; i < other.size; i++) {
      add(other.longs == null ? other.ints[i] : other.longs[i]);
    }
  }

  private static int grow(int size) {
    if (size >= Integer.MAX_VALUE - 16) {
      throw new IllegalStateException("too many values for one transition: " + size);
    }
    return (int) Math.min(Integer.MAX_VALUE - 8L, size + (size >> 1) + 16L);
  }

  long count() {
    return size;
  }

  /** The statistics, or null without values (the transition is then absent from the report). */
  Transition transition() {
    if (size == 0) {
      return null;
    }
    long[] p = percentiles(0.5, 0.9, 0.99);
    BigDecimal total =
        overflowedSum != null ? new BigDecimal(overflowedSum) : BigDecimal.valueOf(sum);
    double mean = total.divide(BigDecimal.valueOf(size), 1, RoundingMode.HALF_UP).doubleValue();
    return new Transition(size, p[0], p[1], p[2], min, max, mean);
  }

  /** {@code percentile_disc(fractions)}: the fractions ascending, each in [0, 1]. */
  long[] percentiles(double... fractions) {
    int[] ranks = new int[fractions.length];
    for (int i = 0; i < fractions.length; i++) {
      // as PostgreSQL's percentile_disc: row ceil(p·n) (1-based), at least the first
      long row = Math.max(1, (long) Math.ceil(fractions[i] * size));
      ranks[i] = (int) row - 1;
    }
    return select(ranks);
  }

  /** The values at the given 0-based ranks (ascending) of the sorted values. */
  private long[] select(int[] ranks) {
    if (longs == null) {
      long[] found = new long[ranks.length];
      if (min == max) {
        Arrays.fill(found, min);
        return found;
      }
      int shift = shift(min, max);
      int[] counts = new int[(int) ((max - min) >>> shift) + 1];
      for (int i = 0; i < size; i++) {
        counts[(int) ((ints[i] - min) >>> shift)]++;
      }
      return resolve(
          ranks,
          counts,
          shift,
          min,
          (bucket, into) -> {
            int n = 0;
            for (int i = 0; i < size; i++) {
              if ((int) ((ints[i] - min) >>> shift) == bucket) {
                into[n++] = ints[i];
              }
            }
          });
    }
    return select(longs, size, min, max, ranks);
  }

  private static long[] select(long[] values, int size, long min, long max, int[] ranks) {
    long[] found = new long[ranks.length];
    if (min == max) {
      Arrays.fill(found, min);
      return found;
    }
    int shift = shift(min, max);
    int[] counts = new int[(int) ((max - min) >>> shift) + 1];
    for (int i = 0; i < size; i++) {
      counts[(int) ((values[i] - min) >>> shift)]++;
    }
    return resolve(
        ranks,
        counts,
        shift,
        min,
        (bucket, into) -> {
          int n = 0;
          for (int i = 0; i < size; i++) {
            if ((int) ((values[i] - min) >>> shift) == bucket) {
              into[n++] = values[i];
            }
          }
        });
  }

  /** Copies the values of one bucket into an array of exactly its count. */
  private interface Gather {
    void into(int bucket, long[] into);
  }

  /**
   * From one radix pass's bucket counts: the bucket of each rank; a bucket holding one value (shift
   * 0) answers directly, any other is gathered once and selected in recursively.
   */
  private static long[] resolve(int[] ranks, int[] counts, int shift, long min, Gather gather) {
    long[] found = new long[ranks.length];
    int i = 0;
    int bucket = 0;
    long before = 0;
    while (i < ranks.length) {
      while (before + counts[bucket] <= ranks[i]) {
        before += counts[bucket++];
      }
      int j = i;
      while (j < ranks.length && ranks[j] < before + counts[bucket]) {
        j++;
      }
      if (shift == 0) {
        for (int k = i; k < j; k++) {
          found[k] = min + bucket;
        }
      } else {
        long[] inBucket = new long[counts[bucket]];
        gather.into(bucket, inBucket);
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        for (long v : inBucket) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
        int[] within = new int[j - i];
        for (int k = i; k < j; k++) {
          within[k - i] = (int) (ranks[k] - before);
        }
        long[] values = select(inBucket, inBucket.length, lo, hi, within);
        System.arraycopy(values, 0, found, i, j - i);
      }
      i = j;
    }
    return found;
  }

  /** The right shift that maps {@code [min, max]} onto at most 2^16 buckets. */
  private static int shift(long min, long max) {
    // max - min may exceed Long.MAX_VALUE: treat it as unsigned
    int bits = 64 - Long.numberOfLeadingZeros(max - min);
    return Math.max(0, bits - RADIX_BITS);
  }
}
