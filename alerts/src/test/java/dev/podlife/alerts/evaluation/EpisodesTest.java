package dev.podlife.alerts.evaluation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.podlife.alerts.rules.Condition;
import dev.podlife.alerts.rules.ConditionType;
import dev.podlife.alerts.rules.RuleSpec;
import dev.podlife.alerts.rules.Severity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class EpisodesTest {
  private static final Instant T = Instant.parse("2026-11-20T10:00:00Z");

  private static RuleSpec rule(ConditionType type, Duration window, int threshold) {
    Condition condition =
        type == ConditionType.STARTUP_P99
            ? new Condition(type, Set.of(), Set.of(), Duration.ofSeconds(5))
            : new Condition(type, Set.of("OOMKilled"), Set.of(), null);
    return new RuleSpec(
        "r", null, null, condition, window, threshold, Severity.WARNING, null, null, null, true);
  }

  private static Occurrence at(int minute, String workload, String pod) {
    return new Occurrence(
        T.plus(Duration.ofMinutes(minute)),
        "prod",
        "shop",
        "Deployment",
        workload,
        pod + "-uid",
        pod,
        "app",
        "OOMKilled",
        null);
  }

  private static Occurrence started(int second, double sliMs) {
    return new Occurrence(
        T.plusSeconds(second),
        "prod",
        "shop",
        "Deployment",
        "web",
        "uid-" + second,
        "web-" + second,
        null,
        "StartupLatency",
        sliMs);
  }

  @Test
  void withThresholdOneRepeatsWithinTheWindowExtendTheEpisodeWhichEndsAWindowAfterTheLast() {
    List<Episode> episodes =
        Episodes.of(
            rule(ConditionType.TERMINATION_REASON, Duration.ofMinutes(10), 1),
            List.of(at(0, "web", "a"), at(7, "web", "b"), at(16, "web", "c"), at(40, "web", "d")));

    assertThat(episodes)
        .extracting(
            Episode::startsAt,
            Episode::endsAt,
            Episode::occurrences,
            e -> e.first().podName(),
            e -> e.last().podName())
        .containsExactly(
            tuple(T, T.plus(Duration.ofMinutes(26)), 3, "a", "c"),
            tuple(T.plus(Duration.ofMinutes(40)), T.plus(Duration.ofMinutes(50)), 1, "d", "d"));
  }

  @Test
  void aThresholdOfThreeOpensAtTheThirdWithinTheWindowAndEndsWhenTheWindowHoldsTwo() {
    RuleSpec threeIn10m = rule(ConditionType.RESTARTS, Duration.ofMinutes(10), 3);

    assertThat(Episodes.of(threeIn10m, List.of(at(0, "web", "a"), at(5, "web", "b")))).isEmpty();
    // 0, 5, 8: fires at 8; 9 keeps it going (four in the window); it ends when 5 leaves the window
    assertThat(
            Episodes.of(
                threeIn10m,
                List.of(
                    at(0, "web", "a"), at(5, "web", "b"), at(8, "web", "c"), at(9, "web", "d"))))
        .extracting(Episode::startsAt, Episode::endsAt, Episode::occurrences, Episode::value)
        .containsExactly(
            tuple(T.plus(Duration.ofMinutes(8)), T.plus(Duration.ofMinutes(15)), 4, 4.0));
    // at 10 the first leaves: the window holds two and the episode ends; 12 makes three again (5,
    // 8, 12)
    assertThat(
            Episodes.of(
                threeIn10m,
                List.of(
                    at(0, "web", "a"), at(5, "web", "b"), at(8, "web", "c"), at(12, "web", "d"))))
        .extracting(Episode::startsAt, Episode::endsAt, Episode::occurrences)
        .containsExactly(
            tuple(T.plus(Duration.ofMinutes(8)), T.plus(Duration.ofMinutes(10)), 3),
            tuple(T.plus(Duration.ofMinutes(12)), T.plus(Duration.ofMinutes(15)), 3));
    // the first one left the window exactly as the third came: not three within 10 minutes
    assertThat(
            Episodes.of(
                threeIn10m, List.of(at(0, "web", "a"), at(5, "web", "b"), at(10, "web", "c"))))
        .isEmpty();
  }

  @Test
  void eachWorkloadIsItsOwnGroup() {
    List<Episode> episodes =
        Episodes.of(
            rule(ConditionType.TERMINATION_REASON, Duration.ofMinutes(10), 1),
            List.of(at(0, "web", "a"), at(1, "api", "b"), at(2, "web", "c")));

    assertThat(episodes)
        .extracting(e -> e.group().workloadName(), Episode::occurrences)
        .containsExactly(tuple("web", 2), tuple("api", 1));
    assertThat(episodes.get(0).group().fingerprint())
        .hasSize(64)
        .isNotEqualTo(episodes.get(1).group().fingerprint());
  }

  @Test
  void startupP99OpensAboveTheLatencyAndEndsWithThePodThatBringsItBack() {
    RuleSpec p99Over5s = rule(ConditionType.STARTUP_P99, Duration.ofMinutes(5), 2);
    List<Occurrence> pods =
        List.of(
            started(0, 6_000), // one pod: fewer than the two the rule needs
            started(10, 7_000), // two pods, p99 7 s > 5 s: opens
            started(200, 1_000), // a fast one, but the p99 of the window (0, 10, 200) is still 7 s
            started(320, 1_000), // the slow ones left the window (200, 320): p99 1 s, ends here
            started(
                400,
                9_000)); // (200, 320, 400): p99 9 s, opens again; no pod follows: ends a window
    // after it

    assertThat(Episodes.of(p99Over5s, pods))
        .extracting(Episode::startsAt, Episode::endsAt, Episode::occurrences, Episode::value)
        .containsExactly(
            tuple(T.plusSeconds(10), T.plusSeconds(320), 2, 7_000.0),
            tuple(T.plusSeconds(400), T.plusSeconds(700), 1, 9_000.0));
  }

  @Test
  void theP99IsTheNearestRank() {
    List<Occurrence> hundred =
        java.util.stream.IntStream.rangeClosed(1, 100).mapToObj(i -> started(i, i)).toList();
    assertThat(Episodes.nearestRankP99(hundred)).isEqualTo(99.0);
    assertThat(Episodes.nearestRankP99(hundred.subList(0, 10))).isEqualTo(10.0);
  }

  @Test
  void theSlidingP99GivesTheEpisodesOfSortingTheWholeWindowAtEveryPod() {
    // 2,000 pods at random times and latencies, duplicates included, under several limits: the
    // episodes must be
    // those of the plain definition (sort the pods created in the trailing window at every pod)
    java.util.Random random = new java.util.Random(42);
    List<Occurrence> pods = new java.util.ArrayList<>();
    int second = 0;
    for (int i = 0; i < 2_000; i++) {
      second += random.nextInt(4);
      pods.add(
          new Occurrence(
              T.plusSeconds(second),
              "prod",
              "shop",
              "Deployment",
              "web",
              "uid-" + i,
              "web-" + i,
              null,
              "StartupLatency",
              (double) (random.nextInt(60) * 250)));
    }
    Duration window = Duration.ofMinutes(2);
    int compared = 0;
    for (long limitMs : new long[] {13_000, 14_000, 14_500, 14_700}) {
      RuleSpec rule =
          new RuleSpec(
              "p99",
              null,
              null,
              new Condition(
                  ConditionType.STARTUP_P99, Set.of(), Set.of(), Duration.ofMillis(limitMs)),
              window,
              5,
              Severity.WARNING,
              null,
              null,
              null,
              true);
      List<Episode> expected = p99EpisodesBySorting(pods, window, 5, limitMs);
      assertThat(Episodes.of(rule, pods)).as("limit %d ms", limitMs).isEqualTo(expected);
      compared += expected.size();
    }
    assertThat(compared).as("episodes compared").isGreaterThan(10);
  }

  /** The definition, slowly: at each pod, sort the values of the pods in the trailing window. */
  private static List<Episode> p99EpisodesBySorting(
      List<Occurrence> pods, Duration window, int threshold, long limitMs) {
    List<Episode> episodes = new java.util.ArrayList<>();
    Occurrence first = null;
    Occurrence last = null;
    int count = 0;
    double value = 0;
    for (int i = 0; i < pods.size(); i++) {
      Occurrence o = pods.get(i);
      if (first != null && !o.at().isBefore(last.at().plus(window))) {
        episodes.add(
            new Episode(o.group(), first.at(), last.at().plus(window), count, first, last, value));
        first = null;
      }
      List<Double> inWindow =
          pods.subList(0, i + 1).stream()
              .filter(p -> p.at().isAfter(o.at().minus(window)))
              .map(Occurrence::value)
              .sorted()
              .toList();
      double p99 = inWindow.get(Math.max((int) Math.ceil(0.99 * inWindow.size()), 1) - 1);
      if (first != null) {
        if (p99 <= limitMs) {
          episodes.add(new Episode(o.group(), first.at(), o.at(), count, first, last, value));
          first = null;
        } else {
          last = o;
          count++;
          value = p99;
        }
      } else if (inWindow.size() >= threshold && p99 > limitMs) {
        first = o;
        last = o;
        count = 1;
        value = p99;
      }
    }
    if (first != null) {
      episodes.add(
          new Episode(
              first.group(), first.at(), last.at().plus(window), count, first, last, value));
    }
    return episodes;
  }
}
