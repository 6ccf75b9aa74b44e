package dev.podlife.analyzer;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jdbi.v3.core.Jdbi;

import io.micrometer.core.instrument.MeterRegistry;

import dev.podlife.analyzer.store.FactStore;
import dev.podlife.analyzer.store.IngestResult;
import dev.podlife.analyzer.store.SourcedFact;
import dev.podlife.events.Fact;
import dev.podlife.testing.TestDatabase;

/**
 * The real {@link FactStore} over a test class's database, usually with its clock stopped: what the
 * projection ITs append facts to and read rows back from.
 */
public final class StoreUnderTest {
  private final TestDatabase db;
  private final FactStore store;

  public StoreUnderTest(TestDatabase db, Instant now) {
    this(db, Clock.fixed(now, ZoneOffset.UTC));
  }

  public StoreUnderTest(TestDatabase db, Clock clock) {
    this.db = db;
    this.store = new FactStore(db.jdbi(), clock);
  }

  /**
   * On the system clock, counting into {@code registry} what the analyzer exports on {@code
   * /metrics}.
   */
  public StoreUnderTest(TestDatabase db, MeterRegistry registry) {
    this.db = db;
    this.store = new FactStore(db.jdbi(), Clock.systemUTC(), registry);
  }

  public FactStore store() {
    return store;
  }

  public Jdbi jdbi() {
    return db.jdbi();
  }

  /** Every table empty again, for the next test. */
  public void empty() {
    db.truncateAll();
  }

  /** Stores the facts as read from no topic. */
  public IngestResult append(List<Fact> facts) {
    return store.append(offline(facts));
  }

  public List<Map<String, Object>> rows(String sql) {
    return db.jdbi()
        .withHandle(
            h -> h.createQuery(sql).mapToMap().stream().map(StoreUnderTest::comparable).toList());
  }

  /**
   * The row with {@code pod_startup.packed_times} (V120: a bytea PostgreSQL generates from the
   * row's typed columns) as hex text, so that rows compare by value; other bytea columns stay
   * byte[].
   */
  private static Map<String, Object> comparable(Map<String, Object> row) {
    Map<String, Object> copy = new LinkedHashMap<>();
    row.forEach(
        (column, value) ->
            copy.put(
                column,
                column.equals("packed_times") && value instanceof byte[] b
                    ? HexFormat.of().formatHex(b)
                    : value));
    return copy;
  }

  /** The facts as the analyzer stores them when read from no topic. */
  public static List<SourcedFact> offline(List<Fact> facts) {
    return facts.stream().map(SourcedFact::offline).toList();
  }
}
