package dev.podlife.alerts.rules;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Alert rules in Postgres: the current version in alert_rule, every version (created, updated,
 * deleted) with who and when in alert_rule_version, written in one transaction. Deleting keeps the
 * row (marked deleted) so that alerts raised by the rule still name it.
 */
public final class RuleStore {
  private final Jdbi jdbi;
  private final Clock clock;

  public RuleStore(Jdbi jdbi, Clock clock) {
    this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public AlertRule create(RuleSpec spec, String changedBy) {
    Instant now = now();
    return inTransaction(
        spec.name(),
        h -> {
          long id =
              h.createUpdate(
                      "INSERT INTO alert_rule (name, version, spec, enabled, created_at,"
                          + " updated_at) VALUES (:name, 1, CAST(:spec AS jsonb), :enabled, :now,"
                          + " :now)")
                  .bind("name", spec.name())
                  .bind("spec", RuleSpecs.toStoredJson(spec))
                  .bind("enabled", spec.enabled())
                  .bind("now", utc(now))
                  .executeAndReturnGeneratedKeys("id")
                  .mapTo(Long.class)
                  .one();
          recordVersion(h, id, 1, "created", spec, changedBy, now);
          return new AlertRule(id, 1, spec, now, now);
        });
  }

  public AlertRule update(long id, RuleSpec spec, String changedBy) {
    Instant now = now();
    return inTransaction(
        spec.name(),
        h -> {
          AlertRule current = lockLive(h, id);
          int version = current.version() + 1;
          h.createUpdate(
                  "UPDATE alert_rule SET name = :name, version = :version, spec = CAST(:spec AS"
                      + " jsonb), enabled = :enabled, updated_at = :now WHERE id = :id")
              .bind("id", id)
              .bind("name", spec.name())
              .bind("version", version)
              .bind("spec", RuleSpecs.toStoredJson(spec))
              .bind("enabled", spec.enabled())
              .bind("now", utc(now))
              .execute();
          recordVersion(h, id, version, "updated", spec, changedBy, now);
          return new AlertRule(id, version, spec, current.createdAt(), now);
        });
  }

  /** Marks the rule deleted; its firing alerts are resolved by the next evaluation. */
  public void delete(long id, String changedBy) {
    Instant now = now();
    jdbi.useTransaction(
        h -> {
          AlertRule current = lockLive(h, id);
          int version = current.version() + 1;
          h.createUpdate(
                  "UPDATE alert_rule SET deleted = true, version = :version, updated_at = :now"
                      + " WHERE id = :id")
              .bind("id", id)
              .bind("version", version)
              .bind("now", utc(now))
              .execute();
          recordVersion(h, id, version, "deleted", current.spec(), changedBy, now);
        });
  }

  public Optional<AlertRule> find(long id) {
    return jdbi.withHandle(
        h ->
            h.createQuery(SELECT + " WHERE id = :id AND NOT deleted")
                .bind("id", id)
                .map(RuleStore::rule)
                .findOne());
  }

  /** Every live rule, by id. */
  public List<AlertRule> list() {
    return jdbi.withHandle(RuleStore::live);
  }

  /** The live, enabled rules, as the evaluator reads them inside its transaction. */
  public static List<AlertRule> enabled(Handle h) {
    return h.createQuery(SELECT + " WHERE NOT deleted AND enabled ORDER BY id")
        .map(RuleStore::rule)
        .list();
  }

  /** A rule's audit trail, oldest first; empty when there never was such a rule. */
  public List<RuleVersion> versions(long id) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT rule_id, version, change, spec::text AS spec, changed_by, changed_at"
                        + " FROM alert_rule_version WHERE rule_id = :id ORDER BY version")
                .bind("id", id)
                .map(
                    (rs, ctx) ->
                        new RuleVersion(
                            rs.getLong("rule_id"),
                            rs.getInt("version"),
                            rs.getString("change"),
                            RuleSpecs.fromStoredJson(rs.getString("spec")),
                            rs.getString("changed_by"),
                            instant(rs, "changed_at")))
                .list());
  }

  private static final String SELECT =
      "SELECT id, version, spec::text AS spec, created_at, updated_at FROM alert_rule";

  private static List<AlertRule> live(Handle h) {
    return h.createQuery(SELECT + " WHERE NOT deleted ORDER BY id").map(RuleStore::rule).list();
  }

  private static AlertRule lockLive(Handle h, long id) {
    return h.createQuery(SELECT + " WHERE id = :id AND NOT deleted FOR UPDATE")
        .bind("id", id)
        .map(RuleStore::rule)
        .findOne()
        .orElseThrow(() -> new NoSuchRuleException(id));
  }

  private static void recordVersion(
      Handle h, long id, int version, String change, RuleSpec spec, String changedBy, Instant at) {
    h.createUpdate(
            "INSERT INTO alert_rule_version (rule_id, version, change, spec, changed_by,"
                + " changed_at) VALUES (:id, :version, :change, CAST(:spec AS jsonb), :by, :at)")
        .bind("id", id)
        .bind("version", version)
        .bind("change", change)
        .bind("spec", RuleSpecs.toStoredJson(spec))
        .bind("by", changedBy)
        .bind("at", utc(at))
        .execute();
  }

  private <T> T inTransaction(
      String name, org.jdbi.v3.core.HandleCallback<T, RuntimeException> work) {
    try {
      return jdbi.inTransaction(work);
    } catch (UnableToExecuteStatementException e) {
      if (e.getCause() instanceof SQLException sql
          && "23505".equals(sql.getSQLState())
          && sql.getMessage().contains("alert_rule_live_name")) {
        throw new DuplicateRuleNameException(name);
      }
      throw e;
    }
  }

  private static AlertRule rule(ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
      throws SQLException {
    return new AlertRule(
        rs.getLong("id"),
        rs.getInt("version"),
        RuleSpecs.fromStoredJson(rs.getString("spec")),
        instant(rs, "created_at"),
        instant(rs, "updated_at"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  /**
   * The clock's time at the precision timestamptz keeps, so what a change returns is what a later
   * read returns.
   */
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
