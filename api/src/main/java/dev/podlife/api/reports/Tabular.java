package dev.podlife.api.reports;

import java.util.List;

import io.javalin.http.Context;

import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * Answers a report as JSON, or as CSV when the client asks for {@code text/csv} in {@code Accept}:
 * the same rows, one line each, with a header line.
 */
public final class Tabular {
  private static final CsvMapper CSV = CsvMapper.builder().build();

  private Tabular() {}

  /**
   * @param json the report's JSON body
   * @param header the CSV column names
   * @param rows the CSV rows, each with one value per column (null → empty cell)
   */
  public static void respond(
      Context ctx, Object json, List<String> header, List<List<Object>> rows) {
    if (wantsCsv(ctx.header("Accept"))) {
      ctx.contentType("text/csv; charset=utf-8").result(csv(header, rows));
    } else {
      ctx.jsonStream(json);
    }
  }

  static String csv(List<String> header, List<List<Object>> rows) {
    CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
    header.forEach(schema::addColumn);
    return CSV.writer(schema.build()).writeValueAsString(rows);
  }

  static boolean wantsCsv(String accept) {
    return accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains("text/csv");
  }
}
