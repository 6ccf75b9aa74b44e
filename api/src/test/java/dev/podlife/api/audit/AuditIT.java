package dev.podlife.api.audit;

import java.net.http.HttpRequest;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.podlife.analyzer.audit.Audit;
import dev.podlife.analyzer.audit.Finding;
import dev.podlife.analyzer.pods.WorkloadPodFilter;
import dev.podlife.analyzer.store.FactStore;
import dev.podlife.analyzer.store.SourcedFact;
import dev.podlife.api.ApiServer;
import dev.podlife.api.ApiTestSupport;
import dev.podlife.api.Http;
import dev.podlife.api.StoredPods;
import dev.podlife.testing.PostgresExtension;
import dev.podlife.testing.TestDatabase;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The audit over what the analyzer projected from real pod objects: workloads missing probes or a
 * preStop hook, one whose pods are SIGKILLed at the end of their grace period, one whose init
 * container fails and dominates startup, one that follows every practice, and a Job. The API server
 * writes {@code terminationMessagePolicy: File} on every container unless told otherwise: only the
 * well-behaved workload and the migrating init container ask for {@code FallbackToLogsOnError}.
 */
@ExtendWith(PostgresExtension.class)
class AuditIT {
  private static final String LOG_TAIL = "terminationMessagePolicyNotFallbackToLogsOnError";
  private static Jdbi jdbi;
  private static ApiServer server;
  private static Http http;

  @BeforeAll
  static void seedAndStart(TestDatabase db) {
    jdbi = db.jdbi();
    FactStore store = new FactStore(jdbi, Clock.systemUTC());
    store.append(life("api-1-running"));
    store.append(life("worker-1-running"));
    store.append(life("good-1-running", "good-2-terminating", "good-3-exited"));
    store.append(life("stubborn-1-1-running", "stubborn-1-2-terminating", "stubborn-1-3-killed"));
    store.append(life("stubborn-2-1-running", "stubborn-2-2-terminating", "stubborn-2-3-killed"));
    store.append(
        life(
            "migrating-1-init-running",
            "migrating-2-init-failed",
            "migrating-3-init-running-again",
            "migrating-4-ready"));
    store.append(life("report-1-completed"));
    server = ApiTestSupport.start(jdbi);
    http = new Http(server);
  }

  @AfterAll
  static void stop() {
    ApiTestSupport.stop(server);
  }

  private static List<SourcedFact> life(String... versions) {
    return StoredPods.life("east", "audit", versions).offline();
  }

  private static Audit.Result audit() {
    return new Audit(jdbi).run(new WorkloadPodFilter(null, null, null, null, null, null, null));
  }

  private static Finding finding(Audit.Result result, String workload, String check) {
    return result.workloads().stream()
        .filter(w -> w.workload().name().equals(workload))
        .flatMap(w -> w.findings().stream())
        .filter(f -> f.check().equals(check))
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("no " + check + " for " + workload + " in " + result));
  }

  @Test
  void eachWorkloadGetsTheFindingsItsSpecAndLifeShow() {
    Audit.Result result = audit();

    assertThat(result.workloads())
        .extracting(
            w -> w.workload().name(), w -> w.findings().stream().map(Finding::check).toList())
        .containsExactlyInAnyOrder(
            tuple("api", List.of("missingLivenessProbe", "noPreStopHook", LOG_TAIL)),
            tuple("worker", List.of("missingLivenessProbe", "missingReadinessProbe", LOG_TAIL)),
            tuple("stubborn", List.of("gracePeriodTooShort", LOG_TAIL)),
            tuple(
                "migrating",
                List.of("initContainerFails", "initContainersDominateStartup", LOG_TAIL)),
            tuple("report", List.of(LOG_TAIL)));
    assertThat(result.byCheck())
        .isEqualTo(
            Map.of(
                "missingLivenessProbe",
                2L,
                "missingReadinessProbe",
                1L,
                "noPreStopHook",
                1L,
                "gracePeriodTooShort",
                1L,
                "initContainerFails",
                1L,
                "initContainersDominateStartup",
                1L,
                LOG_TAIL,
                5L));
    assertThat(result.notChecked()).isEmpty();
  }

  @Test
  void findingsCarryTheirEvidence() {
    Audit.Result result = audit();

    Finding grace = finding(result, "stubborn", "gracePeriodTooShort");
    assertThat(grace.evidence())
        .containsEntry("deletedPods", 2L)
        .containsEntry("p99TimeToExitSeconds", 31.0)
        .containsEntry("gracePeriodSeconds", 30.0)
        // the shutdown projection's verdict: both pods exited 137 at the end of their 30 s grace
        // period
        .containsEntry("killedAfterGrace", 2L);
    assertThat(grace.fix()).contains("SIGTERM", "30.0 s");
    Finding init = finding(result, "migrating", "initContainerFails");
    assertThat(init.containers()).containsExactly("migrate");
    assertThat(init.evidence()).containsEntry("failures", 1L).containsEntry("reasons", "Error");
    Finding share = finding(result, "migrating", "initContainersDominateStartup");
    assertThat(share.evidence())
        .containsEntry("p50InitSeconds", 40.0)
        .containsEntry("p50StartupSeconds", 50.0)
        .containsEntry("p50InitShare", 0.8);
    assertThat(finding(result, "api", "noPreStopHook").containers()).containsExactly("app");
  }

  @Test
  void containersWithoutTheLogTailPolicyAreFoundWithTheirEmptyTerminationMessages() {
    Audit.Result result = audit();

    // both stubborn pods were SIGKILLed after their grace period without writing a termination
    // message
    Finding stubborn = finding(result, "stubborn", LOG_TAIL);
    assertThat(stubborn.containers()).containsExactly("app");
    assertThat(stubborn.evidence())
        .containsEntry("terminationMessagePolicies", Map.of("app", "File"))
        .containsEntry("abnormalTerminationsWithEmptyMessage", 2L);
    assertThat(stubborn.fix())
        .contains("terminationMessagePolicy: FallbackToLogsOnError", "last log lines");
    // migrate already falls back to its logs (and its failure has a message): only app is named
    Finding migrating = finding(result, "migrating", LOG_TAIL);
    assertThat(migrating.containers()).containsExactly("app");
    assertThat(migrating.evidence()).doesNotContainKey("abnormalTerminationsWithEmptyMessage");
    // a Job that only completed: the policy is still worth fixing, with no empty message to show
    // yet
    Finding report = finding(result, "report", LOG_TAIL);
    assertThat(report.containers()).containsExactly("app");
    assertThat(report.evidence()).doesNotContainKey("abnormalTerminationsWithEmptyMessage");
  }

  @Test
  void theRouteAnswersJsonOrOneCsvLinePerFindingAndFilters() {
    Http.Response json = http.get("/api/v1/reports/audit?workload=Deployment/stubborn");
    assertThat(json.status()).as(json.body()).isEqualTo(200);
    JsonNode workloads = json.json().get("workloads");
    assertThat(workloads).hasSize(1);
    assertThat(
            workloads
                .get(0)
                .get("findings")
                .get(0)
                .get("evidence")
                .get("p99TimeToExitSeconds")
                .asDouble())
        .isEqualTo(31.0);

    Http.Response csv =
        http.send(
            HttpRequest.newBuilder(http.uri("/api/v1/reports/audit?namespace=shop"))
                .header("Accept", "text/csv")
                .GET());
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.body().lines().toList())
        .hasSize(1 + 7 + 5)
        .first()
        .isEqualTo("cluster,namespace,workload,check,containers,evidence,fix");

    assertThat(http.get("/api/v1/reports/audit?groupBy=node").status()).isEqualTo(400);
  }
}
