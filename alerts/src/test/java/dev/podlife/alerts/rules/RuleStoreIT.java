package dev.podlife.alerts.rules;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.podlife.testing.PostgresExtension;
import dev.podlife.testing.TestClock;
import dev.podlife.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rules and their audit trail in a real PostgreSQL migrated by Flyway. */
@ExtendWith(PostgresExtension.class)
class RuleStoreIT {
  private static final String SECRET = "whsec-0123456789abcdef";
  private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

  /** Each reading one step later than the last: every change gets its own, known time. */
  private final TestClock clock = TestClock.stepping(T0, Duration.ofMinutes(1));

  private Jdbi jdbi;
  private RuleStore store;

  @BeforeEach
  void emptyStore(TestDatabase db) {
    db.truncateAll();
    jdbi = db.jdbi();
    store = new RuleStore(jdbi, clock);
  }

  static RuleSpec rule(String name, int threshold) {
    return RuleSpecs.parse(
        """
        {"name": "%s", "condition": {"type": "termination_reason", "reasons": ["OOMKilled"]}, "window": "10m",
         "threshold": %d, "webhooks": [{"url": "https://hooks.example/podlife", "secret": "%s"}]}
        """
            .formatted(name, threshold, SECRET),
        null);
  }

  @Test
  void everyChangeIsAVersionWithWhoAndWhen() {
    AlertRule created = store.create(rule("oom", 1), "alice");
    AlertRule updated = store.update(created.id(), rule("oom", 3), "bob");

    assertThat(created.version()).isEqualTo(1);
    assertThat(created.createdAt()).isEqualTo(T0);
    assertThat(updated.version()).isEqualTo(2);
    assertThat(updated.createdAt()).isEqualTo(T0);
    assertThat(updated.updatedAt()).isEqualTo(T0.plusSeconds(60));
    assertThat(store.find(created.id())).contains(updated);
    assertThat(store.versions(created.id()))
        .extracting(
            RuleVersion::version,
            RuleVersion::change,
            RuleVersion::changedBy,
            RuleVersion::changedAt)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, "created", "alice", T0),
            org.assertj.core.groups.Tuple.tuple(2, "updated", "bob", T0.plusSeconds(60)));
    assertThat(store.versions(created.id()))
        .extracting(v -> v.spec().threshold())
        .containsExactly(1, 3);
  }

  @Test
  void whatAChangeReturnsIsWhatALaterReadReturns() {
    // timestamptz keeps microseconds; a clock with nanoseconds must not make the two differ
    RuleStore precise =
        new RuleStore(
            jdbi, Clock.fixed(Instant.parse("2026-11-20T10:00:00.123456789Z"), ZoneOffset.UTC));
    AlertRule created = precise.create(rule("precise", 1), "alice");
    assertThat(precise.find(created.id())).contains(created);
    AlertRule updated = precise.update(created.id(), rule("precise", 2), "alice");
    assertThat(precise.find(created.id())).contains(updated);
    assertThat(precise.versions(created.id()).getLast().changedAt()).isEqualTo(updated.updatedAt());
  }

  @Test
  void theStoredSpecKeepsTheWebhookSecretToSignWith() {
    AlertRule created = store.create(rule("signed", 1), "alice");

    assertThat(store.find(created.id()).orElseThrow().spec().webhooks().getFirst().secret())
        .isEqualTo(SECRET);
    String stored =
        jdbi.withHandle(
            h ->
                h.createQuery(
                        "SELECT spec->'webhooks'->0->>'secret' FROM alert_rule WHERE id = :id")
                    .bind("id", created.id())
                    .mapTo(String.class)
                    .one());
    assertThat(stored).isEqualTo(SECRET);
  }

  @Test
  void aLiveRuleNameCantBeTakenTwiceAndTheRefusalLeavesNoTrace() {
    AlertRule first = store.create(rule("oom", 1), "alice");
    AlertRule other = store.create(rule("other", 1), "alice");

    assertThatThrownBy(() -> store.create(rule("oom", 2), "bob"))
        .isInstanceOf(DuplicateRuleNameException.class)
        .hasMessageContaining("'oom'");
    assertThatThrownBy(() -> store.update(other.id(), rule("oom", 2), "bob"))
        .isInstanceOf(DuplicateRuleNameException.class);

    assertThat(store.list()).extracting(AlertRule::name).containsExactly("oom", "other");
    assertThat(store.versions(other.id())).hasSize(1);
    assertThat(store.find(other.id()).orElseThrow().name()).isEqualTo("other");
    assertThat(store.versions(first.id())).hasSize(1);
  }

  @Test
  void deletingKeepsTheTrailAndFreesTheName() {
    AlertRule old = store.create(rule("oom", 1), "alice");
    store.update(old.id(), rule("oom", 2), "bob");

    store.delete(old.id(), "carol");

    assertThat(store.find(old.id())).isEmpty();
    assertThat(store.list()).isEmpty();
    assertThat(store.versions(old.id()))
        .extracting(RuleVersion::version, RuleVersion::change, RuleVersion::changedBy)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, "created", "alice"),
            org.assertj.core.groups.Tuple.tuple(2, "updated", "bob"),
            org.assertj.core.groups.Tuple.tuple(3, "deleted", "carol"));
    // the deleted version records the spec it had when deleted
    assertThat(store.versions(old.id()).getLast().spec().threshold()).isEqualTo(2);
    assertThatThrownBy(() -> store.update(old.id(), rule("oom", 3), "bob"))
        .isInstanceOf(NoSuchRuleException.class);
    assertThatThrownBy(() -> store.delete(old.id(), "bob")).isInstanceOf(NoSuchRuleException.class);

    AlertRule reused = store.create(rule("oom", 5), "dave");
    assertThat(reused.id()).isNotEqualTo(old.id());
    assertThat(store.list()).containsExactly(reused);
    assertThat(store.versions(reused.id()))
        .extracting(RuleVersion::changedBy)
        .containsExactly("dave");
    assertThat(store.versions(old.id())).hasSize(3);
    long rows =
        jdbi.withHandle(
            h ->
                h.createQuery("SELECT count(*) FROM alert_rule WHERE name = 'oom'")
                    .mapTo(Long.class)
                    .one());
    assertThat(rows).isEqualTo(2);
  }

  @Test
  void unknownIdsAreNoSuchRule() {
    assertThat(store.find(424242)).isEmpty();
    assertThat(store.versions(424242)).isEmpty();
    assertThatThrownBy(() -> store.update(424242, rule("x", 1), "bob"))
        .isInstanceOf(NoSuchRuleException.class)
        .hasMessageContaining("424242");
    assertThatThrownBy(() -> store.delete(424242, "bob")).isInstanceOf(NoSuchRuleException.class);
  }

  @Test
  void theEvaluatorReadsOnlyLiveEnabledRules() {
    AlertRule live = store.create(rule("live", 1), "alice");
    RuleSpec disabledSpec =
        RuleSpecs.parse(
            RuleSpecs.toStoredJson(rule("disabled", 1))
                .replace("\"enabled\":true", "\"enabled\":false"),
            null);
    store.create(disabledSpec, "alice");
    AlertRule deleted = store.create(rule("deleted", 1), "alice");
    store.delete(deleted.id(), "alice");

    assertThat(jdbi.withHandle(RuleStore::enabled))
        .extracting(AlertRule::id)
        .containsExactly(live.id());
    assertThat(store.list()).extracting(AlertRule::name).containsExactly("live", "disabled");
  }
}
