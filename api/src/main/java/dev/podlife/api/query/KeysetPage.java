package dev.podlife.api.query;

import java.util.List;
import java.util.function.Function;

import dev.podlife.analyzer.query.KeysetCursor;

/**
 * One page of a keyset-paged list, in the list's order, and the cursor of the next page (null on
 * the last): the JSON shape {@code {"items": […], "nextCursor": …}} of every such list.
 */
public record KeysetPage<T>(List<T> items, String nextCursor) {

  /**
   * The page from {@code rows}, queried with a limit of {@code limit + 1}: the extra row only tells
   * that a next page exists (no count query), and the last row kept is where that page continues.
   */
  public static <T> KeysetPage<T> of(List<T> rows, int limit, Function<T, KeysetCursor> cursorOf) {
    if (rows.size() <= limit) {
      return new KeysetPage<>(List.copyOf(rows), null);
    }
    List<T> items = List.copyOf(rows.subList(0, limit));
    return new KeysetPage<>(items, CursorToken.encode(cursorOf.apply(items.getLast())));
  }
}
