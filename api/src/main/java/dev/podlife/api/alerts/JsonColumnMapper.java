package dev.podlife.api.alerts;

import java.sql.ResultSet;
import java.sql.SQLException;

import org.jdbi.v3.core.mapper.ColumnMapper;
import org.jdbi.v3.core.statement.StatementContext;

import dev.podlife.events.FactSerde;
import tools.jackson.databind.JsonNode;

/** A jsonb column selected as text, answered as the JSON it holds (labels, annotations). */
public final class JsonColumnMapper implements ColumnMapper<JsonNode> {
  @Override
  public JsonNode map(ResultSet r, int columnNumber, StatementContext ctx) throws SQLException {
    String json = r.getString(columnNumber);
    return json == null ? null : FactSerde.mapper().readTree(json);
  }
}
