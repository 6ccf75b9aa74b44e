package dev.podlife.api.ui;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** What the pages read besides pods and their history (read through {@code analyzer.pods} and {@code analyzer.history}). */
@RegisterConstructorMapper(UiQueries.TerminationRow.class)
interface UiQueries {
  record TerminationRow(
      Instant at, String cluster, String namespace, String podName, String podUid, String container, String reason,
      Integer exitCode, String signalName, String message) {}

  @SqlQuery(
      """
      SELECT at, cluster, namespace, pod_name, pod_uid, container, reason, exit_code, signal_name, message
      FROM termination ORDER BY at DESC, id DESC LIMIT :limit""")
  List<TerminationRow> recentTerminations(@Bind("limit") int limit);
}
