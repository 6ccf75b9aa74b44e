package dev.podlife.analyzer.history;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HistoryWindowTest {
  @Test
  void aHistoryWindowBoundsFromInclusiveAndToExclusive() {
    assertThat(
            new HistoryWindow(java.time.Instant.EPOCH, java.time.Instant.MAX, null).whereClause())
        .isEqualTo("h.at >= :fromTime AND :toTime > h.at");
    assertThat(new HistoryWindow(null, null, null).whereClause()).isEqualTo("TRUE");
  }
}
