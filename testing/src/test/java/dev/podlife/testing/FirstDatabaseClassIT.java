package dev.podlife.testing;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(PostgresExtension.class)
class FirstDatabaseClassIT {
  private static String database;

  @BeforeAll
  static void claimTheSameRowEveryClassClaims(TestDatabase db) {
    // both classes insert this very key: only separate databases let both succeed
    db.jdbi()
        .useHandle(
            h ->
                h.execute(
                    "INSERT INTO dead_letter (topic, partition, \"offset\", error) VALUES ('t', 0,"
                        + " 0, 'claim')"));
    database =
        db.jdbi()
            .withHandle(h -> h.createQuery("SELECT current_database()").mapTo(String.class).one());
  }

  @Test
  void getsAFreshMigratedDatabaseOfItsOwn(TestDatabase db) {
    assertThat(database).startsWith("podlife_test_");
    assertThat(SeenByTestClasses.databases).doesNotContain(database);
    assertThat(db.jdbcUrl()).endsWith("/" + database);
    int migrations = count(db, "SELECT count(*) FROM flyway_schema_history WHERE success");
    assertThat(migrations).isGreaterThanOrEqualTo(1);
    assertThat(count(db, "SELECT count(*) FROM dead_letter")).isEqualTo(1);
    SeenByTestClasses.databases.add(database);
  }

  @Test
  void truncateAllEmptiesTheTablesAndRestartsIdentities(TestDatabase db) {
    db.truncateAll();
    long id =
        db.jdbi()
            .withHandle(
                h ->
                    h.createQuery(
                            "INSERT INTO dead_letter (topic, partition, \"offset\", error) VALUES"
                                + " ('t', 1, 1, 'x') RETURNING id")
                        .mapTo(Long.class)
                        .one());
    assertThat(id).isEqualTo(1L);
    db.truncateAll();
    assertThat(count(db, "SELECT count(*) FROM dead_letter")).isZero();
    assertThat(count(db, "SELECT count(*) FROM flyway_schema_history")).isPositive();
  }

  @Nested
  class NestedTests {
    @Test
    void shareTheDatabaseOfTheirEnclosingClass(TestDatabase db) {
      assertThat(db.jdbcUrl()).endsWith("/" + database);
    }
  }

  private static int count(TestDatabase db, String sql) {
    return db.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Integer.class).one());
  }
}
