package dev.podlife.analyzer;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;

import dev.podlife.analyzer.store.FactStoreException;

import static org.assertj.core.api.Assertions.assertThat;

class StoreFailuresTest {

  private static FactStoreException storeFailure(Throwable cause) {
    return new FactStoreException("Couldn't store a batch", new RuntimeException("jdbi", cause));
  }

  @Test
  void aPoolWithoutConnectionsIsRetried() {
    assertThat(
            StoreFailures.refusesData(
                storeFailure(new SQLTransientConnectionException("Connection is not available"))))
        .isFalse();
  }

  @Test
  void aBrokenConnectionIsRetried() {
    assertThat(
            StoreFailures.refusesData(
                storeFailure(new SQLException("An I/O error occurred", "08006"))))
        .isFalse();
  }

  @Test
  void anAdministratorShutdownIsRetried() {
    assertThat(
            StoreFailures.refusesData(
                storeFailure(new SQLException("terminating connection", "57P01"))))
        .isFalse();
  }

  @Test
  void aDeadlockIsRetried() {
    assertThat(
            StoreFailures.refusesData(storeFailure(new SQLException("deadlock detected", "40P01"))))
        .isFalse();
  }

  @Test
  void aRefusedConnectionIsRetried() {
    assertThat(
            StoreFailures.refusesData(
                storeFailure(new SQLException("refused", null, new ConnectException()))))
        .isFalse();
  }

  @Test
  void aMissingTableIsRetriedUntilTheSchemaIsFixed() {
    assertThat(
            StoreFailures.refusesData(
                storeFailure(new SQLException("relation \"fact\" does not exist", "42P01"))))
        .isFalse();
  }

  @Test
  void aMissingGrantIsRetriedUntilItIsGiven() {
    assertThat(
            StoreFailures.refusesData(
                storeFailure(new SQLException("permission denied for table fact", "42501"))))
        .isFalse();
  }

  @Test
  void invalidDataIsRefused() {
    assertThat(
            StoreFailures.refusesData(
                storeFailure(new SQLException("invalid byte sequence for encoding", "22021"))))
        .isTrue();
  }

  @Test
  void aConstraintViolationIsRefused() {
    assertThat(
            StoreFailures.refusesData(
                storeFailure(new SQLException("null value violates not-null", "23502"))))
        .isTrue();
  }
}
