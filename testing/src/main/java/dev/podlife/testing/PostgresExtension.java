package dev.podlife.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

import com.zaxxer.hikari.HikariDataSource;

import dev.podlife.embedded.Database;
import dev.podlife.embedded.LocalPostgres;

/**
 * Gives each test class a fresh PostgreSQL database ({@code podlife_test_<random>}) migrated by
 * Flyway, as a {@link TestDatabase} parameter; it is dropped after the class. The server is shared
 * by the test JVM and chosen in this order: the one named by {@value #URL_ENV} (with {@value
 * #USER_ENV}, {@value #PASSWORD_ENV}); a Testcontainers PostgreSQL when Docker is available; the
 * embedded PostgreSQL in a temporary directory. Never skips: without a server the tests fail,
 * saying how to provide one.
 */
public final class PostgresExtension implements BeforeAllCallback, ParameterResolver {
  public static final String URL_ENV = "PODLIFE_TEST_JDBC_URL";
  public static final String USER_ENV = "PODLIFE_TEST_JDBC_USER";
  public static final String PASSWORD_ENV = "PODLIFE_TEST_JDBC_PASSWORD";

  private static final Logger LOG = LoggerFactory.getLogger(PostgresExtension.class);
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(PostgresExtension.class);
  private static final String CONTAINER_IMAGE = "postgres:16-alpine";
  private static final Pattern JDBC_URL =
      Pattern.compile("^(jdbc:postgresql://[^/?]*)(/[^?]*)?(\\?.*)?$");

  @Override
  public void beforeAll(ExtensionContext context) {
    database(context);
  }

  @Override
  public boolean supportsParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    return parameterContext.getParameter().getType() == TestDatabase.class;
  }

  @Override
  public Object resolveParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    return database(extensionContext);
  }

  /**
   * The test class's database, created on first use; a nested class shares its enclosing class's
   * database.
   */
  private static TestDatabase database(ExtensionContext context) {
    ExtensionContext classContext = context;
    while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
      classContext = classContext.getParent().get();
    }
    Server server =
        context
            .getRoot()
            .getStore(NAMESPACE)
            .getOrComputeIfAbsent(Server.class, k -> Server.start(), Server.class);
    return classContext
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            ClassDatabase.class, k -> ClassDatabase.create(server), ClassDatabase.class)
        .database;
  }

  /**
   * A PostgreSQL server reachable with a role that may create databases; {@code adminUrl} names one
   * to connect to.
   */
  private record Server(
      String adminUrl, String user, String password, String description, AutoCloseable owned)
      implements AutoCloseable {

    static Server start() {
      String url = System.getenv(URL_ENV);
      if (url != null && !url.isBlank()) {
        return given(url);
      }
      if (dockerAvailable()) {
        return container();
      }
      return embedded();
    }

    @SuppressWarnings("try") // the connection only proves the server answers
    private static Server given(String url) {
      String user = System.getenv(USER_ENV);
      String password = System.getenv(PASSWORD_ENV);
      Server server =
          new Server(url, user, password, redacted(url) + " (from " + URL_ENV + ")", null);
      try (Connection ignored = server.connect(url)) {
        LOG.info("Test databases on {}", server.description);
        return server;
      } catch (SQLException e) {
        throw new FixtureException(
            "Couldn't connect to the test PostgreSQL at "
                + redacted(url)
                + " given by "
                + URL_ENV
                + " as user '"
                + user
                + "': "
                + e.getMessage()
                + ". Start that server, or correct "
                + URL_ENV
                + "/"
                + USER_ENV
                + "/"
                + PASSWORD_ENV
                + " (the role needs CREATEDB), or unset "
                + URL_ENV
                + " to use Docker or the embedded PostgreSQL.",
            e);
      }
    }

    private static boolean dockerAvailable() {
      if (!dockerConfigured()) {
        return false;
      }
      try {
        return DockerClientFactory.instance().isDockerAvailable();
      } catch (RuntimeException | LinkageError e) {
        return false;
      }
    }

    /**
     * Whether a Docker endpoint could be there at all; saves probing Testcontainers (and its ERROR
     * logging) on a machine with no daemon.
     */
    private static boolean dockerConfigured() {
      Path home = Path.of(System.getProperty("user.home"));
      return System.getenv("DOCKER_HOST") != null
          || Files.exists(Path.of("/var/run/docker.sock"))
          || Files.exists(home.resolve(".docker/run/docker.sock"))
          || Files.exists(home.resolve(".testcontainers.properties"))
          || System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win");
    }

    private static Server container() {
      PostgreSQLContainer<?> container =
          new PostgreSQLContainer<>(DockerImageName.parse(CONTAINER_IMAGE));
      try {
        container.start();
      } catch (RuntimeException e) {
        container.close();
        throw new FixtureException(
            unavailableMessage(
                "Docker is available but the "
                    + CONTAINER_IMAGE
                    + " container didn't start: "
                    + e.getMessage()),
            e);
      }
      Server server =
          new Server(
              container.getJdbcUrl(),
              container.getUsername(),
              container.getPassword(),
              "a Testcontainers " + CONTAINER_IMAGE,
              container);
      LOG.info("Test databases on {}", server.description);
      return server;
    }

    private static Server embedded() {
      Path dir;
      try {
        dir = Files.createTempDirectory("podlife-test-pg-");
      } catch (IOException e) {
        throw new FixtureException(
            unavailableMessage("no temporary directory for the embedded PostgreSQL"), e);
      }
      LocalPostgres postgres;
      try {
        postgres = LocalPostgres.start(dir);
      } catch (RuntimeException e) {
        KafkaExtension.deleteRecursively(dir);
        throw new FixtureException(
            unavailableMessage(
                "Docker isn't available and the embedded PostgreSQL didn't start: "
                    + e.getMessage()),
            e);
      }
      AutoCloseable owned =
          () -> {
            postgres.close();
            KafkaExtension.deleteRecursively(dir);
          };
      Server server =
          new Server(
              postgres.jdbcUrl(),
              postgres.user(),
              postgres.password(),
              "the embedded " + postgres,
              owned);
      LOG.info("Test databases on {}", server.description);
      return server;
    }

    private static String unavailableMessage(String why) {
      return "No PostgreSQL for the tests: "
          + why
          + ". Provide one: set "
          + URL_ENV
          + " (e.g. jdbc:postgresql://127.0.0.1:5432/postgres), "
          + USER_ENV
          + " and "
          + PASSWORD_ENV
          + " for a role with CREATEDB; or make Docker available to Testcontainers.";
    }

    /** A JDBC URL may carry {@code password=…}; it must not reach a log or a failure message. */
    private static String redacted(String url) {
      return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    Connection connect(String url) throws SQLException {
      Properties props = new Properties();
      if (user != null) {
        props.setProperty("user", user);
      }
      if (password != null && !password.isEmpty()) {
        props.setProperty("password", password);
      }
      props.setProperty("connectTimeout", "10");
      return DriverManager.getConnection(url, props);
    }

    String urlOf(String database) {
      Matcher m = JDBC_URL.matcher(adminUrl);
      if (!m.matches()) {
        throw new FixtureException(
            "Not a PostgreSQL JDBC URL: "
                + adminUrl
                + " (expected jdbc:postgresql://host:port/db)");
      }
      return m.group(1) + "/" + database + (m.group(3) == null ? "" : m.group(3));
    }

    void execute(String sql) {
      try (Connection c = connect(adminUrl);
          Statement s = c.createStatement()) {
        s.execute(sql);
      } catch (SQLException e) {
        throw new FixtureException(
            "Couldn't run `" + sql + "` on the test PostgreSQL (" + description + ")", e);
      }
    }

    @Override
    public void close() {
      if (owned != null) {
        try {
          owned.close();
        } catch (Exception e) {
          throw new FixtureException("Couldn't stop the test PostgreSQL (" + description + ")", e);
        }
      }
    }

    @Override
    public String toString() {
      return "Server[" + description + "]";
    }
  }

  /** One test class's database and its pool; closing drops the database. */
  private static final class ClassDatabase implements AutoCloseable {
    private final Server server;
    private final String name;
    private final HikariDataSource pool;
    private final TestDatabase database;

    private ClassDatabase(Server server, String name, HikariDataSource pool) {
      this.server = server;
      this.name = name;
      this.pool = pool;
      this.database =
          new TestDatabase(
              pool.getJdbcUrl(), server.user(), server.password(), pool, Jdbi.create(pool));
    }

    static ClassDatabase create(Server server) {
      String name =
          "podlife_test_"
              + UUID.randomUUID()
                  .toString()
                  .replace("-", "")
                  .substring(0, 12)
                  .toLowerCase(Locale.ROOT);
      server.execute("CREATE DATABASE " + name);
      HikariDataSource pool = null;
      try {
        pool = Database.connect(server.urlOf(name), server.user(), server.password());
        Database.migrate(pool);
        return new ClassDatabase(server, name, pool);
      } catch (RuntimeException e) {
        if (pool != null) {
          pool.close();
        }
        server.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        throw new FixtureException(
            "Couldn't prepare the test database " + name + " on " + server.description(), e);
      }
    }

    @Override
    public void close() {
      pool.close();
      server.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
  }
}
