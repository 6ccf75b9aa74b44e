package dev.podlife.analyzer.pods;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PodFilterTest {
  @Test
  void noFilterListsTheExistingPodsAsKubectlWould() {
    assertThat(new PodFilter(null, null, null, null, null, null, null, null, null).whereClause())
        .isEqualTo("deleted_at IS NULL");
  }

  @Test
  void deletedAnySelectsEveryPod() {
    assertThat(
            new PodFilter(null, null, null, null, null, null, null, PodFilter.Deleted.ANY, null)
                .whereClause())
        .isEqualTo("TRUE");
  }

  @Test
  void eachFilterAddsABoundConditionNeverItsValue() {
    PodFilter filter =
        new PodFilter(
            "c'; DROP TABLE pod; --",
            "ns",
            "n",
            "Deployment",
            "web",
            "Running",
            "Running",
            PodFilter.Deleted.FALSE,
            new ListingCursor("c", "ns", "n", "u"));
    assertThat(filter.whereClause())
        .isEqualTo(
            "cluster = :cluster AND namespace = :namespace AND name = :name AND workload_kind ="
                + " :workloadKind AND workload_name = :workloadName AND phase = :phase AND status ="
                + " :status AND deleted_at IS NULL AND (cluster, namespace, name, uid) >"
                + " (:afterCluster, :afterNamespace, :afterName, :afterUid)");
    assertThat(filter.afterUid()).isEqualTo("u");
  }

  @Test
  void deletedTrueSelectsOnlyPodsWhoseObjectIsGone() {
    assertThat(
            new PodFilter(null, null, null, null, null, null, null, PodFilter.Deleted.TRUE, null)
                .whereClause())
        .isEqualTo("deleted_at IS NOT NULL");
  }
}
