package dev.podlife.api.alerts;

import java.util.List;

import org.jdbi.v3.sqlobject.config.RegisterColumnMapper;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** The read side of the {@code alert} and {@code alert_notification} tables. */
@RegisterConstructorMapper(Alert.class)
@RegisterConstructorMapper(Delivery.class)
@RegisterColumnMapper(JsonColumnMapper.class)
interface AlertQueries {

  /** A page, newest first; {@code where} comes from {@link AlertFilter#whereClause()}. */
  @SqlQuery(
      """
      SELECT id, rule_id, rule_name, rule_version, state, severity,
             cluster AS group_cluster, namespace AS group_namespace, workload_kind AS group_workload_kind,
             workload_name AS group_workload_name, reason AS group_reason,
             starts_at, ends_at, occurrences, last_at,
             pod_uid AS first_uid, pod_name AS first_pod, container AS first_container,
             last_pod_uid AS last_uid, last_pod_name AS last_pod, last_container AS last_container,
             value, labels::text AS labels, annotations::text AS annotations
      FROM alert WHERE <where>
      ORDER BY starts_at DESC, id DESC
      LIMIT :limit\
      """)
  List<Alert> list(
      @Define("where") String where, @BindMethods AlertFilter filter, @Bind("limit") int limit);

  /** A page, newest first; {@code where} comes from {@link DeliveryFilter#whereClause()}. */
  @SqlQuery(
      """
      SELECT id, alert_id, receiver_kind, receiver_url, status, state, attempts, last_status, last_error, created_at,
             next_attempt_at, delivered_at
      FROM alert_notification WHERE <where>
      ORDER BY created_at DESC, id DESC
      LIMIT :limit\
      """)
  List<Delivery> deliveries(
      @Define("where") String where, @BindMethods DeliveryFilter filter, @Bind("limit") int limit);
}
