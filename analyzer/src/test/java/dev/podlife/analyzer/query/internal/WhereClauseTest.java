package dev.podlife.analyzer.query.internal;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.podlife.analyzer.query.KeysetCursor;

import static org.assertj.core.api.Assertions.assertThat;

class WhereClauseTest {
  private static final KeysetCursor CURSOR = new KeysetCursor(Instant.EPOCH, 7);

  @Test
  void noConditionIsTrue() {
    assertThat(
            new WhereClause().scope("p", null, null, null, null).window("h.at", null, null).sql())
        .isEqualTo("TRUE");
  }

  @Test
  void theScopeQualifiesItsColumnsWithTheAliasOnlyWhenGiven() {
    assertThat(new WhereClause().scope("p", "c", "ns", "Deployment", "web").sql())
        .isEqualTo(
            "p.cluster = :cluster AND p.namespace = :namespace AND p.workload_kind = :workloadKind"
                + " AND p.workload_name = :workloadName");
    assertThat(new WhereClause().scope("", "c", null, null, "web").sql())
        .isEqualTo("cluster = :cluster AND workload_name = :workloadName");
  }

  @Test
  void theWindowIncludesFromAndExcludesTo() {
    assertThat(new WhereClause().window("at", Instant.EPOCH, Instant.MAX).sql())
        .isEqualTo("at >= :fromTime AND :toTime > at");
  }

  @Test
  void aCursorContinuesInTheDirectionOfThePage() {
    assertThat(
            new WhereClause().after("h.at", "h.fact_id", CURSOR, WhereClause.Order.ASCENDING).sql())
        .isEqualTo("(h.at, h.fact_id) > (:afterAt, :afterId)");
    assertThat(new WhereClause().after("at", "id", CURSOR, WhereClause.Order.NEWEST_FIRST).sql())
        .isEqualTo("(at, id) < (:afterAt, :afterId)");
    assertThat(new WhereClause().after("at", "id", null, WhereClause.Order.NEWEST_FIRST).sql())
        .isEqualTo("TRUE");
  }
}
