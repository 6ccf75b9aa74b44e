package dev.podlife.analyzer.history;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HistoryWindowTest {
  @Test
  void aHistoryWindowBoundsFromInclusiveAndToExclusive() {
    assertThat(new HistoryWindow(java.time.Instant.EPOCH, java.time.Instant.MAX, null).whereClause())
        .isEqualTo("h.at >= :fromTime AND :toTime > h.at");
    assertThat(new HistoryWindow(null, null, null).whereClause()).isEqualTo("TRUE");
  }
}
