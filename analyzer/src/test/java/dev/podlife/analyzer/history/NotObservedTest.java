package dev.podlife.analyzer.history;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.podlife.analyzer.coverage.Gap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class NotObservedTest {
  private static final Instant T0 = Instant.parse("2026-11-20T09:00:00Z");

  private static HistoryEntry fact(int second, long id, String status) {
    return new HistoryEntry(
        T0.plusSeconds(second), "PhaseChanged", "", "Phase " + status, status, "0/1", 0, id, "{}");
  }

  private final List<HistoryEntry> facts =
      List.of(fact(0, 1, "Pending"), fact(60, 2, "Running"), fact(300, 3, "Terminating"));
  private final Gap beforeTheFirstFact = new Gap(T0.minusSeconds(30), T0.plusSeconds(20), false);
  private final Gap between = new Gap(T0.plusSeconds(100), T0.plusSeconds(200), false);
  private final Gap sinceTheLast = new Gap(T0.plusSeconds(400), T0.plusSeconds(900), true);

  @Test
  void eachGapSitsAtItsStartWithTheColumnsAndFactIdOfTheFactBeforeIt() {
    List<HistoryEntry> merged =
        NotObserved.among(facts, List.of(sinceTheLast, between, beforeTheFirstFact), null, null);

    assertThat(merged)
        .extracting(HistoryEntry::type, HistoryEntry::status, HistoryEntry::factId)
        .containsExactly(
            tuple("NotObserved", null, 0L),
            tuple("PhaseChanged", "Pending", 1L),
            tuple("PhaseChanged", "Running", 2L),
            tuple("NotObserved", "Running", 2L),
            tuple("PhaseChanged", "Terminating", 3L),
            tuple("NotObserved", "Terminating", 3L));
    assertThat(merged.get(3).summary())
        .isEqualTo("not observed between 2026-11-20T09:01:40Z and 2026-11-20T09:03:20Z");
    assertThat(merged.get(3).fact()).isNull();
  }

  @Test
  void aPageTakesOnlyTheGapsStartingAfterItsCursorAndUpToItsLastFact() {
    List<HistoryEntry> firstPage =
        NotObserved.among(
            facts.subList(0, 2), List.of(beforeTheFirstFact, between), null, T0.plusSeconds(60));
    List<HistoryEntry> lastPage =
        NotObserved.among(
            facts.subList(2, 3), List.of(beforeTheFirstFact, between), T0.plusSeconds(60), null);

    assertThat(firstPage).extracting(HistoryEntry::type).containsOnlyOnce("NotObserved");
    assertThat(firstPage.getFirst().type()).isEqualTo("NotObserved");
    assertThat(lastPage)
        .extracting(HistoryEntry::type)
        .containsExactly("NotObserved", "PhaseChanged");
    assertThat(lastPage.getFirst().at()).isEqualTo(between.from());
  }
}
