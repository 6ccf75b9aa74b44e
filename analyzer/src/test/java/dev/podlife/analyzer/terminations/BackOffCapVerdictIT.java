package dev.podlife.analyzer.terminations;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.podlife.analyzer.StoreUnderTest;
import dev.podlife.events.Fact;
import dev.podlife.testing.PostgresExtension;
import dev.podlife.testing.TestDatabase;

import static dev.podlife.analyzer.terminations.PodVersions.WEB_LIFE;
import static dev.podlife.analyzer.terminations.PodVersions.offline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The stored verdict {@code crash_loop_episode.back_off_cap_reached}: set by the projection once
 * the kubelet announced its 300 s cap, whether the pod's versions arrive one batch each or all at
 * once, the same after a rebuild, and what {@link CrashLoops} reads.
 */
@ExtendWith(PostgresExtension.class)
class BackOffCapVerdictIT {
  private static final String VERDICTS =
      "SELECT started_at, max_back_off_seconds, back_off_cap_reached FROM crash_loop_episode ORDER"
          + " BY started_at";

  private final StoreUnderTest tables;

  BackOffCapVerdictIT(TestDatabase db) {
    this.tables = new StoreUnderTest(db, Instant.parse("2026-11-21T00:00:00Z"));
  }

  @BeforeEach
  void emptyTables() {
    tables.empty();
  }

  private List<Map<String, Object>> verdicts() {
    return tables.rows(VERDICTS);
  }

  @Test
  void anEpisodeWhoseBackOffReachedTheCapIsStoredSo() {
    for (List<Fact> version : PodVersions.factsPerVersion(WEB_LIFE)) {
      tables.store().append(offline(version));
    }

    assertThat(verdicts())
        .extracting(r -> r.get("max_back_off_seconds"), r -> r.get("back_off_cap_reached"))
        .containsExactly(tuple(CrashLoops.BACK_OFF_CAP_SECONDS, true), tuple(10, false));
  }

  @Test
  void theVerdictIsTheSameWhenTheWholeLifeArrivesInOneBatchAndAfterARebuild() {
    for (List<Fact> version : PodVersions.factsPerVersion(WEB_LIFE)) {
      tables.store().append(offline(version));
    }
    List<Map<String, Object>> perVersion = verdicts();
    tables.empty();
    tables.store().append(offline(WEB_LIFE));
    assertThat(verdicts()).isEqualTo(perVersion);

    tables.store().rebuildProjections();

    assertThat(verdicts()).isEqualTo(perVersion).hasSize(2);
  }

  @Test
  void theReadModelReturnsTheStoredVerdict() {
    tables.store().append(offline(WEB_LIFE));

    List<CrashLoopEpisode> episodes =
        new CrashLoops(tables.jdbi())
            .startedBetween(
                Instant.parse("2026-11-20T00:00:00Z"), Instant.parse("2026-11-21T00:00:00Z"));

    assertThat(episodes)
        .extracting(CrashLoopEpisode::maxBackOffSeconds, CrashLoopEpisode::backOffCapReached)
        .containsExactly(tuple(300, true), tuple(10, false));
  }
}
