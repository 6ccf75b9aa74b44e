package dev.podlife.analyzer.coverage;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;

import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.podlife.analyzer.ScratchDatabase;
import dev.podlife.events.CollectorHeartbeat;
import dev.podlife.testing.PostgresExtension;
import dev.podlife.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V151 derives the gaps of the heartbeats a database stored before it, as the analyzer keeps them
 * from then on: an existing database's pod histories show the same "not observed" entries.
 */
@ExtendWith(PostgresExtension.class)
class CoverageGapMigrationIT {
  private static final Instant T0 = Instant.parse("2026-11-25T17:00:00Z");

  private final ScratchDatabase v150;

  CoverageGapMigrationIT(TestDatabase db) {
    this.v150 = new ScratchDatabase(db, "podlife_v150");
  }

  @AfterEach
  void dropDatabase() {
    v150.close();
  }

  @Test
  void theGapsOfHeartbeatsStoredBeforeV151AreThoseTheAnalyzerDerives() {
    v150.flyway("150").migrate();
    Jdbi jdbi = v150.jdbi();
    Random random = new Random(3);
    List<CollectorHeartbeat> day = HeartbeatDays.ofRestarts(T0, random);
    jdbi.useHandle(
        h -> {
          var insert =
              h.prepareBatch(
                  "INSERT INTO collector_heartbeat (cluster, sent_at, instance, heartbeat_interval,"
                      + " started_at, resumed, received_at) VALUES (:cluster, :sentAt, :instance,"
                      + " :ms * interval '1 millisecond', :startedAt, :resumed, now())");
          for (CollectorHeartbeat beat : day) {
            insert
                .bind("cluster", beat.cluster())
                .bind("sentAt", beat.sentAt())
                .bind("instance", beat.instance())
                .bind("ms", beat.interval().toMillis())
                .bind("startedAt", beat.startedAt())
                .bind("resumed", beat.resumed())
                .add();
          }
          insert.execute();
        });

    v150.flyway("latest").migrate();

    Coverage coverage = new Coverage(jdbi);
    Instant last = day.stream().map(CollectorHeartbeat::sentAt).max(Instant::compareTo).get();
    List<Gap> derived = coverage.report("prod", T0, last, last).orElseThrow().gaps();
    assertThat(derived).hasSizeGreaterThan(10);
    assertThat(coverage.gaps("prod", T0, last, last)).isEqualTo(derived);
    for (int i = 0; i < 100; i++) {
      Instant from = T0.plusSeconds(random.nextLong(0, Duration.between(T0, last).toSeconds()));
      Instant to = from.plusSeconds(random.nextLong(1, 7200));
      assertThat(coverage.gaps("prod", from, to, last))
          .isEqualTo(coverage.report("prod", from, to, last).orElseThrow().gaps());
    }
  }
}
