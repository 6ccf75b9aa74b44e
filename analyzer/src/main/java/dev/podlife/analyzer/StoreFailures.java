package dev.podlife.analyzer;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * Tells a database outage, worth retrying the same batch later, from the database refusing the data itself, which no
 * retry fixes. Walks the cause chain for SQL exceptions and their SQLState classes.
 */
final class StoreFailures {
  /**
   * SQLState classes of an unreachable or overloaded server: 08 connection exception, 53 insufficient resources, 57
   * operator intervention (shutdown, cancel), 58 system error, 40 transaction rollback (serialization, deadlock), and
   * HY timeouts some drivers use.
   */
  private static final Set<String> TRANSIENT_CLASSES = Set.of("08", "53", "57", "58", "40");

  private StoreFailures() {}

  static boolean isTransient(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLTransientException
          || t instanceof SQLRecoverableException
          || t instanceof SQLNonTransientConnectionException) {
        return true;
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().length() >= 2) {
        if (TRANSIENT_CLASSES.contains(sql.getSQLState().substring(0, 2))) {
          return true;
        }
      }
      if (t instanceof java.io.IOException) {
        return true;
      }
    }
    return false;
  }
}
