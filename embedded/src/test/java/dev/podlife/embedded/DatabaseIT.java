package dev.podlife.embedded;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.zaxxer.hikari.HikariDataSource;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseIT {
  @TempDir Path dataDir;

  @Test
  void migratesTheEmbeddedDatabaseToThePodlifeSchemaAndAgainWithoutChange() throws Exception {
    try (LocalPostgres postgres = LocalPostgres.start(dataDir);
        HikariDataSource pool =
            Database.connect(postgres.jdbcUrl(), postgres.user(), postgres.password())) {
      Database.migrate(pool);
      Database.migrate(pool);

      try (Connection c = pool.getConnection();
          Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public' AND"
                      + " table_name IN ('fact', 'pod', 'pod_history', 'dead_letter')")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(4);
      }
    }
  }
}
