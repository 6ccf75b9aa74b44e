package dev.podlife.analyzer;

import java.sql.SQLException;

/**
 * Tells the database refusing the data itself (no retry will store it, so the record becomes a dead
 * letter) from everything else: an outage, a missing grant or table, a server shutdown — failures
 * an operator or time fixes, so the batch is retried and nothing is skipped. Walks the cause chain
 * for the SQLState.
 */
final class StoreFailures {
  private StoreFailures() {}

  /**
   * True when a SQLState of class 22 (data exception) or 23 (integrity constraint violation) is in
   * the chain.
   */
  static boolean refusesData(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.startsWith("22") || state.startsWith("23")) {
          return true;
        }
      }
    }
    return false;
  }
}
