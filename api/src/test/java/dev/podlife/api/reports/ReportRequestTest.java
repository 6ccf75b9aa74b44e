package dev.podlife.api.reports;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.podlife.api.problem.ProblemException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportRequestTest {
  private static final List<String> GROUPINGS = List.of("workload", "namespace", "cluster");

  @Test
  void readsFiltersTheHalfOpenWindowAndTheDefaultGrouping() {
    ReportRequest request =
        ReportRequest.from(
            Map.of(
                "cluster", List.of("prod"),
                "workload", List.of("Deployment/checkout"),
                "from", List.of("2026-11-18T00:00:00Z"),
                "to", List.of("2026-11-25T00:00:00+00:00")),
            GROUPINGS,
            Set.of());

    assertThat(request)
        .isEqualTo(
            new ReportRequest(
                "prod",
                null,
                "Deployment",
                "checkout",
                Instant.parse("2026-11-18T00:00:00Z"),
                Instant.parse("2026-11-25T00:00:00Z"),
                "workload"));
  }

  @Test
  void anEmptyOrInvertedWindowIsABadRequest() {
    assertThatThrownBy(
            () ->
                ReportRequest.from(
                    Map.of(
                        "from",
                        List.of("2026-11-25T00:00:00Z"),
                        "to",
                        List.of("2026-11-25T00:00:00Z")),
                    GROUPINGS,
                    Set.of()))
        .isInstanceOf(ProblemException.class)
        .hasMessageContaining("[from, to) is empty");
  }

  @Test
  void anUnknownGroupingOrParameterIsABadRequest() {
    assertThatThrownBy(
            () -> ReportRequest.from(Map.of("groupBy", List.of("pod")), GROUPINGS, Set.of()))
        .isInstanceOf(ProblemException.class)
        .hasMessageContaining("must be one of cluster, namespace, workload");
    assertThatThrownBy(
            () -> ReportRequest.from(Map.of("window", List.of("7d")), GROUPINGS, Set.of()))
        .isInstanceOf(ProblemException.class)
        .hasMessageContaining("Unknown query parameter 'window'");
  }

  @Test
  void csvHasAHeaderAndQuotesWhatNeedsIt() {
    String csv =
        Tabular.csv(
            List.of("workload", "count", "p99_ms"),
            List.of(Arrays.asList("Deployment/web", 3, 5120), Arrays.asList("Job/a,b", 1, null)));
    assertThat(csv.lines())
        .containsExactly("workload,count,p99_ms", "Deployment/web,3,5120", "\"Job/a,b\",1,");
    assertThat(Tabular.wantsCsv("text/csv")).isTrue();
    assertThat(Tabular.wantsCsv("application/json, */*")).isFalse();
  }
}
