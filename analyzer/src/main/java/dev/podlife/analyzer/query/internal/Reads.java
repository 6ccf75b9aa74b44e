package dev.podlife.analyzer.query.internal;

import java.util.Objects;
import java.util.function.Function;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/**
 * Runs a read model's statements through its package-private SqlObject interface {@code R}: on a
 * handle of their own per call (a {@link Jdbi}), or on a caller's handle, so a reader inside a
 * transaction reads what it sees.
 */
public abstract class Reads<R> {
  private Reads() {}

  /** Calls {@code read} with {@code R} attached to some handle, returning what it returns. */
  public abstract <T> T apply(Function<R, T> read);

  /** Each call on a handle of its own. */
  public static <R> Reads<R> of(Jdbi jdbi, Class<R> type) {
    Objects.requireNonNull(jdbi, "jdbi").installPlugin(new SqlObjectPlugin());
    Objects.requireNonNull(type, "type");
    return new Reads<>() {
      @Override
      public <T> T apply(Function<R, T> read) {
        return jdbi.withExtension(type, read::apply);
      }
    };
  }

  /** Every call on {@code handle}, whose Jdbi must have the {@link SqlObjectPlugin} installed. */
  public static <R> Reads<R> on(Handle handle, Class<R> type) {
    R rows = Objects.requireNonNull(handle, "handle").attach(type);
    return new Reads<>() {
      @Override
      public <T> T apply(Function<R, T> read) {
        return read.apply(rows);
      }
    };
  }
}
