package dev.podlife.analyzer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import dev.podlife.collector.extract.EventFacts;
import dev.podlife.collector.extract.PodSnapshots;
import dev.podlife.events.Fact;
import dev.podlife.events.FactDiff;
import dev.podlife.events.PodSnapshot;
import dev.podlife.testing.KubeJson;
import dev.podlife.testing.PostgresExtension;
import dev.podlife.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The migrations that store the startup and probes verdicts (V75 {@code pod_startup.slo_eligible},
 * V76 {@code probe_restart.cause}) backfill the rows of a database projected before them with what
 * the projection now stores: an existing database converts without a rebuild.
 */
@ExtendWith(PostgresExtension.class)
class VerdictBackfillIT {
  private static final String CLUSTER = "test";
  private static final String BEFORE = "before_verdicts";
  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  private final TestDatabase db;
  private final StoreUnderTest tables;

  VerdictBackfillIT(TestDatabase db) {
    this.db = db;
    this.tables = new StoreUnderTest(db, Instant.parse("2026-11-20T12:00:00Z"));
  }

  @Test
  void theMigrationsBackfillWhatTheProjectionsStore() {
    tables.empty();
    tables.append(facts("startup/", "restart-1-running", "restart-2-restarted"));
    tables.append(facts("startup/", "unschedulable"));
    tables.append(
        facts(
            "probes/pod-",
            "1-running-not-ready",
            "2-ready",
            "3-readiness-lost",
            "4-ready-again",
            "5-restarted-after-liveness-kill",
            "6-restart-count-jumped"));
    Event kill =
        JSON.unmarshal(KubeJson.resource("probes/event-killing-liveness.json"), Event.class);
    tables.append(List.of(EventFacts.of(CLUSTER, kill, uid -> null, null).orElseThrow()));

    String startup = "SELECT uid, slo_eligible FROM %s.pod_startup ORDER BY uid";
    String restarts =
        "SELECT pod_uid, container, restart_number, cause FROM %s.probe_restart ORDER BY 1, 2, 3";
    String current =
        db.jdbi()
            .withHandle(h -> h.createQuery("SELECT current_schema()").mapTo(String.class).one());
    List<Map<String, Object>> projectedStartup = tables.rows(startup.formatted(current));
    List<Map<String, Object>> projectedRestarts = tables.rows(restarts.formatted(current));
    assertThat(projectedStartup).extracting(r -> r.get("slo_eligible")).contains(true, false);
    assertThat(projectedRestarts)
        .extracting(r -> r.get("cause"))
        .contains("liveness", "unobserved", "termination");

    // the same rows in a schema as it was before the verdict columns, then migrated
    MigrationVersion verdicts = MigrationVersion.fromVersion("75");
    MigrationVersion justBefore =
        Arrays.stream(flyway().load().info().all())
            .map(MigrationInfo::getVersion)
            .filter(v -> v.compareTo(verdicts) < 0)
            .max(Comparator.naturalOrder())
            .orElseThrow();
    flyway().target(justBefore).load().migrate();
    db.jdbi()
        .useHandle(
            h -> {
              for (String table : List.of("fact", "pod_startup", "probe_event", "probe_restart")) {
                copy(h, current, table);
              }
            });
    flyway().load().migrate();

    assertThat(tables.rows(startup.formatted(BEFORE))).isEqualTo(projectedStartup);
    assertThat(tables.rows(restarts.formatted(BEFORE))).isEqualTo(projectedRestarts);
    db.jdbi().useHandle(h -> h.execute("DROP SCHEMA " + BEFORE + " CASCADE"));
  }

  /** Flyway over a schema of the test database of its own. */
  private FluentConfiguration flyway() {
    return Flyway.configure()
        .dataSource(db.jdbcUrl(), db.user(), db.password())
        .schemas(BEFORE)
        .createSchemas(true)
        .locations("classpath:db/migration");
  }

  /**
   * Copies the table's rows into {@link #BEFORE}, through the columns it has there (not the
   * generated ones).
   */
  private static void copy(Handle h, String from, String table) {
    List<String> columns =
        h.createQuery(
                """
                SELECT column_name FROM information_schema.columns
                WHERE table_schema = :schema AND table_name = :table AND is_generated = 'NEVER'
                ORDER BY ordinal_position\
                """)
            .bind("schema", BEFORE)
            .bind("table", table)
            .mapTo(String.class)
            .list();
    String list = String.join(", ", columns);
    h.execute(
        "INSERT INTO %s.%s (%s) OVERRIDING SYSTEM VALUE SELECT %s FROM %s.%s"
            .formatted(BEFORE, table, list, list, from, table));
  }

  /**
   * The facts of a pod's successive objects, from the shared resources {@code prefix + name +
   * .json}.
   */
  private static List<Fact> facts(String prefix, String... names) {
    List<Fact> facts = new ArrayList<>();
    PodSnapshot previous = null;
    for (String name : names) {
      PodSnapshot current =
          PodSnapshots.of(
              CLUSTER, JSON.unmarshal(KubeJson.resource(prefix + name + ".json"), Pod.class));
      facts.addAll(FactDiff.between(previous, current, null));
      previous = current;
    }
    return facts;
  }
}
