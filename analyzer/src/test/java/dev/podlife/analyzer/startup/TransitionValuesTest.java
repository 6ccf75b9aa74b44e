package dev.podlife.analyzer.startup;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TransitionValuesTest {

  /** percentile_disc by its definition: the sorted values' row max(1, ceil(p·n)), 1-based. */
  private static long nearestRank(long[] sorted, double p) {
    return sorted[(int) Math.max(1, (long) Math.ceil(p * sorted.length)) - 1];
  }

  private static void assertExact(long[] values) {
    TransitionValues t = new TransitionValues();
    for (long v : values) {
      t.add(v);
    }
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    double[] fractions = {0, 0.01, 0.5, 0.9, 0.99, 0.999, 1};
    long[] expected = Arrays.stream(fractions).mapToLong(p -> nearestRank(sorted, p)).toArray();
    assertThat(t.percentiles(fractions)).as("%d values", values.length).containsExactly(expected);
    Transition stats = t.transition();
    assertThat(stats.count()).isEqualTo(values.length);
    assertThat(stats.minMs()).isEqualTo(sorted[0]);
    assertThat(stats.maxMs()).isEqualTo(sorted[sorted.length - 1]);
    BigDecimal sum =
        Arrays.stream(values)
            .mapToObj(BigDecimal::valueOf)
            .reduce(BigDecimal.ZERO, BigDecimal::add);
    assertThat(stats.meanMs())
        .isEqualTo(
            sum.divide(BigDecimal.valueOf(values.length), 1, RoundingMode.HALF_UP).doubleValue());
  }

  @Test
  void selectsExactlyWhatSortingSelects() {
    SplittableRandom random = new SplittableRandom(12);
    for (int n : new int[] {1, 2, 3, 10, 99, 100, 101, 1_000, 65_537, 200_000}) {
      assertExact(random.longs(n, 0, 30_000).toArray());
      // many duplicates, one far outlier: the radix buckets are wide, then narrowed recursively
      long[] skewed = random.longs(n, 0, 3).toArray();
      skewed[n / 2] = 5_000_000_000_000L;
      assertExact(skewed);
      // beyond int: the values are kept as longs
      assertExact(random.longs(n, 0, Long.MAX_VALUE / 2).toArray());
    }
  }

  @Test
  void equalValuesAndTheExtremesOfLong() {
    assertExact(new long[] {7, 7, 7, 7});
    assertExact(new long[] {Long.MIN_VALUE, -1, 0, 1, Long.MAX_VALUE});
    assertExact(new long[] {Long.MAX_VALUE, Long.MAX_VALUE, 3});
  }

  @Test
  void meansRoundHalfAwayFromZeroAsPostgres() {
    TransitionValues t = new TransitionValues();
    t.add(1);
    t.add(2);
    t.add(2);
    t.add(2); // 1.75 → 1.8
    assertThat(t.transition().meanMs()).isEqualTo(1.8);
  }

  @Test
  void packedTimesRoundLikeStartupMs() {
    assertThat(StartupSample.startupMs(0, 1_499)).isEqualTo(1);
    assertThat(StartupSample.startupMs(0, 1_500)).isEqualTo(2);
    assertThat(StartupSample.startupMs(1_000, 0)).isZero();
    assertThat(StartupSample.startupMs(5, 5)).isZero();
  }
}
