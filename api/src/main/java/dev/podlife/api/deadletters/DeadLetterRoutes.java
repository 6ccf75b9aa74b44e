package dev.podlife.api.deadletters;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import org.jdbi.v3.core.Jdbi;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import dev.podlife.api.query.CursorToken;
import dev.podlife.api.query.QueryParameters;

/** The dead-letter listing: newest first, keyset-paged by id, optionally of one topic. */
public final class DeadLetterRoutes {
  public static final String DEAD_LETTERS = "/api/v1/dead-letters";
  static final Set<String> LIST_PARAMETERS = Set.of("topic", "limit", "cursor");
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;
  static final int MAX_VALUE_BYTES = 4096;

  /**
   * One page: the JSON shape {@code {"items": […], "nextCursor": …}} of every keyset-paged list.
   */
  record Page(List<DeadLetterEntry> items, String nextCursor) {}

  private final Jdbi jdbi;

  public DeadLetterRoutes(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  public void register(RoutesConfig routes) {
    routes.get(DEAD_LETTERS, this::list);
  }

  private void list(Context ctx) {
    QueryParameters query = new QueryParameters(ctx.queryParamMap(), LIST_PARAMETERS);
    String topic = query.optional("topic").orElse(null);
    Long before = query.optional("cursor").map(DeadLetterRoutes::idOf).orElse(null);
    int limit = query.limit(DEFAULT_LIMIT, MAX_LIMIT);
    // one row more than asked tells whether a next page exists without a count
    List<DeadLetterEntry> rows =
        jdbi.withHandle(
            handle ->
                handle
                    .createQuery(
                        """
                        SELECT id, topic, partition, "offset", record_key, error, octet_length(record_value) AS value_bytes,
                               CASE WHEN octet_length(record_value) <= :maxValue THEN record_value END AS small_value, received_at
                        FROM dead_letter
                        WHERE (CAST(:topic AS text) IS NULL OR topic = :topic) AND (CAST(:before AS bigint) IS NULL OR id < :before)
                        ORDER BY id DESC
                        LIMIT :limit
                        """)
                    .bind("topic", topic)
                    .bind("before", before)
                    .bind("maxValue", MAX_VALUE_BYTES)
                    .bind("limit", limit + 1)
                    .map(
                        (rs, c) ->
                            new DeadLetterEntry(
                                rs.getLong("id"),
                                rs.getString("topic"),
                                rs.getInt("partition"),
                                rs.getLong("offset"),
                                rs.getString("record_key"),
                                rs.getString("error"),
                                (Integer) rs.getObject("value_bytes"),
                                text(rs.getBytes("small_value")),
                                rs.getTimestamp("received_at").toInstant()))
                    .list());
    List<DeadLetterEntry> items = rows.size() > limit ? List.copyOf(rows.subList(0, limit)) : rows;
    String next = rows.size() > limit ? CursorToken.encode(List.of(items.getLast().id())) : null;
    ctx.jsonStream(new Page(items, next));
  }

  /** The id a token of this listing carries; any other token is a 400 on {@code cursor}. */
  private static long idOf(String token) {
    var node = CursorToken.decode(token);
    if (!node.isArray() || node.size() != 1 || !node.get(0).isIntegralNumber()) {
      throw CursorToken.malformed();
    }
    return node.get(0).asLong();
  }

  /** The value as text when it is valid UTF-8, else null (binary values are only counted). */
  private static String text(byte[] value) {
    if (value == null) {
      return null;
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(value))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
