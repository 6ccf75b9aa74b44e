package dev.podlife.analyzer.startup;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * One group's row of the startup report as PostgreSQL computed it.
 *
 * @param transitions in {@link Transition#NAMES} order, only those with at least one pod having
 *     both ends
 */
record GroupStatistics(
    String cluster, String groupKey, long pods, long started, Map<String, Transition> transitions) {

  /**
   * The aggregates of every transition over its typed column {@code <name>_ms}: one {@code
   * percentile_disc} with the three fractions sorts each column once. Built from {@link
   * Transition#NAMES} only (fixed fragments).
   */
  static final String COLUMNS =
      Transition.NAMES.stream()
          .map(
              name ->
                  """
                  count(p.%1$s_ms) AS %1$s_count,
                  percentile_disc(ARRAY[0.5, 0.9, 0.99]) WITHIN GROUP (ORDER BY p.%1$s_ms) AS %1$s_pct,
                  min(p.%1$s_ms) AS %1$s_min, max(p.%1$s_ms) AS %1$s_max, round(avg(p.%1$s_ms), 1)::float8 AS %1$s_mean\
                  """
                      .formatted(name))
          .collect(Collectors.joining(",\n"));

  /** Reads the columns of {@link #COLUMNS} (public: JDBI instantiates it). */
  public static final class Mapper implements RowMapper<GroupStatistics> {
    public Mapper() {}

    @Override
    public GroupStatistics map(ResultSet rs, StatementContext ctx) throws SQLException {
      Map<String, Transition> transitions = new LinkedHashMap<>();
      for (String name : Transition.NAMES) {
        long count = rs.getLong(name + "_count");
        if (count == 0) {
          continue;
        }
        Array pct = rs.getArray(name + "_pct");
        Long[] percentiles = (Long[]) pct.getArray();
        pct.free();
        transitions.put(
            name,
            new Transition(
                count,
                percentiles[0],
                percentiles[1],
                percentiles[2],
                rs.getLong(name + "_min"),
                rs.getLong(name + "_max"),
                rs.getDouble(name + "_mean")));
      }
      return new GroupStatistics(
          rs.getString("cluster"),
          rs.getString("group_key"),
          rs.getLong("pods"),
          rs.getLong("started"),
          transitions);
    }
  }
}
