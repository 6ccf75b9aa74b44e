package dev.podlife.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.podlife.analyzer.store.FactStoreException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class StoreFailuresTest {

  private static FactStoreException storeFailure(Throwable cause) {
    return new FactStoreException("Couldn't store a batch", new RuntimeException("jdbi", cause));
  }

  @Test
  void aPoolWithoutConnectionsIsAnOutage() {
    assertThat(StoreFailures.isTransient(storeFailure(new SQLTransientConnectionException("Connection is not available"))))
        .isTrue();
  }

  @Test
  void aBrokenConnectionIsAnOutage() {
    assertThat(StoreFailures.isTransient(storeFailure(new SQLException("An I/O error occurred", "08006")))).isTrue();
  }

  @Test
  void anAdministratorShutdownIsAnOutage() {
    assertThat(StoreFailures.isTransient(storeFailure(new SQLException("terminating connection", "57P01")))).isTrue();
  }

  @Test
  void aFullDiskIsAnOutage() {
    assertThat(StoreFailures.isTransient(storeFailure(new SQLException("could not extend file", "53100")))).isTrue();
  }

  @Test
  void aDeadlockIsWorthRetrying() {
    assertThat(StoreFailures.isTransient(storeFailure(new SQLException("deadlock detected", "40P01")))).isTrue();
  }

  @Test
  void aRefusedConnectionIsAnOutage() {
    assertThat(StoreFailures.isTransient(storeFailure(new SQLException("refused", null, new ConnectException())))).isTrue();
  }

  @Test
  void invalidDataIsNotAnOutage() {
    assertThat(StoreFailures.isTransient(storeFailure(new SQLException("invalid input syntax for type json", "22P02"))))
        .isFalse();
  }

  @Test
  void aConstraintViolationIsNotAnOutage() {
    assertThat(StoreFailures.isTransient(storeFailure(new SQLException("null value violates not-null", "23502"))))
        .isFalse();
  }

  @Test
  void aMissingTableIsNotAnOutage() {
    assertThat(StoreFailures.isTransient(storeFailure(new SQLException("relation \"fact\" does not exist", "42P01"))))
        .isFalse();
  }
}
