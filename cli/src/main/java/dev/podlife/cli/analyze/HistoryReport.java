package dev.podlife.cli.analyze;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jdbi.v3.core.Jdbi;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import dev.podlife.analyzer.history.History;
import dev.podlife.analyzer.history.PodHistoryEntry;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code history} report: each captured pod incarnation (UID) with its merged, time-ordered
 * history of facts and Events and the kubectl STATUS after each. Incarnations of one namespace/name
 * come newest first. The JSON shape is a contract: keep it stable.
 */
final class HistoryReport {
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private HistoryReport() {}

  /**
   * One history entry: {@code kind} is the fact type (EventObserved for an Event), {@code detail}
   * its summary.
   */
  @JsonPropertyOrder({"at", "kind", "detail", "status"})
  record Entry(Instant at, String kind, String detail, String status) {}

  @JsonPropertyOrder({"uid", "namespace", "name", "entries"})
  record Incarnation(String uid, String namespace, String name, List<Entry> entries) {}

  static List<Incarnation> of(Jdbi jdbi, String cluster, Collection<String> uids) {
    Map<String, Incarnation> byUid = new LinkedHashMap<>();
    for (PodHistoryEntry row : new History(jdbi).ofPods(cluster, uids)) {
      byUid
          .computeIfAbsent(
              row.uid(), uid -> new Incarnation(uid, row.namespace(), row.pod(), new ArrayList<>()))
          .entries()
          .add(new Entry(row.at(), row.type(), row.summary(), row.status()));
    }
    return List.copyOf(byUid.values());
  }

  static String json(List<Incarnation> incarnations) {
    return JSON.writeValueAsString(incarnations);
  }

  /** Per incarnation a heading, then one line per entry: time, STATUS after it, what happened. */
  static String table(List<Incarnation> incarnations) {
    StringBuilder out = new StringBuilder();
    for (Incarnation incarnation : incarnations) {
      if (!out.isEmpty()) {
        out.append('\n');
      }
      out.append(incarnation.namespace())
          .append('/')
          .append(incarnation.name())
          .append("  uid ")
          .append(incarnation.uid())
          .append('\n');
      List<String[]> lines = new ArrayList<>();
      lines.add(new String[] {"AT", "STATUS", "WHAT"});
      for (Entry entry : incarnation.entries()) {
        lines.add(new String[] {entry.at().toString(), entry.status(), entry.detail()});
      }
      out.append(TextTable.alignStripped(lines));
    }
    return out.toString();
  }
}
