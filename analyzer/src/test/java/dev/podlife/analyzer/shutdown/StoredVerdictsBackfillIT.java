package dev.podlife.analyzer.shutdown;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.podlife.testing.PostgresExtension;
import dev.podlife.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * V70 converts an existing database without a rebuild: rows stored before the verdict columns
 * existed get the verdict the projection stores today. The tables are created in a schema of their
 * own by the scripts before V70, as an older podlife left them.
 */
@ExtendWith(PostgresExtension.class)
class StoredVerdictsBackfillIT {
  private final TestDatabase db;

  StoredVerdictsBackfillIT(TestDatabase db) {
    this.db = db;
  }

  /** Runs the migration script {@code name} as Flyway would, on the handle's search path. */
  private static void script(Handle h, String name) {
    try (InputStream in =
        StoredVerdictsBackfillIT.class.getResourceAsStream("/db/migration/" + name)) {
      assertThat(in).as(name).isNotNull();
      h.createScript(new String(in.readAllBytes(), StandardCharsets.UTF_8)).execute();
    } catch (IOException e) {
      throw new UncheckedIOException("Couldn't read the migration " + name, e);
    }
  }

  @Test
  void rowsStoredBeforeV70GetTheStoredVerdicts() {
    db.jdbi()
        .useHandle(
            h -> {
              h.execute("CREATE SCHEMA before_v70");
              h.execute("SET search_path TO before_v70");
              try {
                script(h, "V1__event_store.sql");
                script(h, "V40__shutdown.sql");
                script(h, "V50__terminations.sql");
                h.execute(
                    """
                    INSERT INTO shutdown_pod (cluster, pod_uid, namespace, pod_name, deletion_requested_at,
                                              deletion_timestamp, grace_period_seconds, cause)
                    VALUES ('east', 'u1', 'shop', 'web-1', '2026-11-25T03:01:00Z', '2026-11-25T03:01:30Z', 30,
                            'api_deletion')\
                    """);
                h.execute(
                    """
                    INSERT INTO shutdown_container (cluster, pod_uid, container, position, exit_code, outcome)
                    VALUES ('east', 'u1', 'killed', 0, 137, 'killed_after_grace'),
                           ('east', 'u1', 'oom', 1, 137, 'oom_killed'),
                           ('east', 'u1', 'stopping', 2, NULL, NULL)\
                    """);
                h.execute(
                    """
                    INSERT INTO crash_loop_episode (cluster, pod_uid, namespace, pod_name, container, container_kind,
                                                    started_at, restarts_at_start, restarts_at_end,
                                                    max_back_off_seconds)
                    VALUES ('east', 'u1', 'shop', 'web-1', 'capped', 'REGULAR', '2026-11-25T01:00:00Z', 1, 7, 300),
                           ('east', 'u1', 'shop', 'web-1', 'short', 'REGULAR', '2026-11-25T02:00:00Z', 1, 2, 40),
                           ('east', 'u1', 'shop', 'web-1', 'unknown', 'REGULAR', '2026-11-25T03:00:00Z', 1, 1, NULL)\
                    """);

                script(h, "V70__stored_verdicts_shutdown_crash_loop.sql");

                assertThat(
                        h.createQuery(
                                "SELECT container, killed_after_grace FROM shutdown_container ORDER"
                                    + " BY position")
                            .mapToMap()
                            .list())
                    .extracting(r -> r.get("container"), r -> r.get("killed_after_grace"))
                    .containsExactly(
                        tuple("killed", true), tuple("oom", false), tuple("stopping", false));
                assertThat(
                        h.createQuery(
                                "SELECT container, back_off_cap_reached FROM crash_loop_episode"
                                    + " ORDER BY started_at")
                            .mapToMap()
                            .list())
                    .extracting(r -> r.get("container"), r -> r.get("back_off_cap_reached"))
                    .containsExactly(
                        tuple("capped", true), tuple("short", false), tuple("unknown", false));
              } finally {
                h.execute("RESET search_path");
                h.execute("DROP SCHEMA before_v70 CASCADE");
              }
            });
  }
}
