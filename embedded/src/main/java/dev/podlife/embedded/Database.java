package dev.podlife.embedded;

import java.time.Duration;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;

import dev.podlife.migrations.Migrations;

/** Connection pools to a PostgreSQL database, and bringing its schema up to date. */
public final class Database {
  private static final int MAX_POOL_SIZE = 8;

  private Database() {}

  /**
   * A small HikariCP pool on {@code jdbcUrl}, tested with one connection before it is returned.
   *
   * @throws DatabaseUnavailableException when no connection can be made
   */
  public static HikariDataSource connect(String jdbcUrl, String user, String password) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("podlife-db");
    config.setJdbcUrl(jdbcUrl);
    config.setUsername(user);
    config.setPassword(password == null || password.isEmpty() ? null : password);
    config.setMaximumPoolSize(MAX_POOL_SIZE);
    config.setMinimumIdle(1);
    config.setConnectionTimeout(Duration.ofSeconds(10).toMillis());
    config.setValidationTimeout(Duration.ofSeconds(3).toMillis());
    config.setIdleTimeout(Duration.ofMinutes(5).toMillis());
    config.setMaxLifetime(Duration.ofMinutes(30).toMillis());
    // fail here, with our message, rather than on the first query
    config.setInitializationFailTimeout(Duration.ofSeconds(5).toMillis());
    config.addDataSourceProperty("connectTimeout", "5");
    config.addDataSourceProperty("ApplicationName", "podlife");
    try {
      return new HikariDataSource(config);
    } catch (HikariPool.PoolInitializationException e) {
      throw new DatabaseUnavailableException(
          jdbcUrl, user, e.getCause() == null ? e : e.getCause());
    } catch (RuntimeException e) {
      throw new DatabaseUnavailableException(jdbcUrl, user, e);
    }
  }

  /**
   * Applies the pending podlife Flyway migrations; a database already up to date is left as it is.
   */
  public static void migrate(DataSource dataSource) {
    Migrations.migrate(dataSource);
  }
}
