package dev.podlife.api.query;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import dev.podlife.api.problem.ProblemException;

/**
 * The query parameters of one request, read strictly: a parameter the route does not know, one
 * given twice or given empty is a 400 problem rather than silently ignored (a typo in a filter must
 * not widen the result).
 */
public final class QueryParameters {
  private final Map<String, List<String>> values;

  public QueryParameters(Map<String, List<String>> values, Set<String> allowed) {
    this.values = values;
    for (String name : values.keySet()) {
      if (!allowed.contains(name)) {
        throw ProblemException.invalidParameter(
            name,
            "Unknown query parameter '"
                + name
                + "'; this route accepts: "
                + String.join(", ", new TreeSet<>(allowed)));
      }
    }
  }

  public Optional<String> optional(String name) {
    List<String> given = values.get(name);
    if (given == null || given.isEmpty()) {
      return Optional.empty();
    }
    if (given.size() > 1) {
      throw ProblemException.invalidParameter(
          name, "Query parameter '" + name + "' is given " + given.size() + " times; give it once");
    }
    String value = given.getFirst();
    if (value.isBlank()) {
      throw ProblemException.invalidParameter(
          name, "Query parameter '" + name + "' is empty; leave it out or give a value");
    }
    return Optional.of(value);
  }

  /** One of {@code choices}, matched exactly. */
  public Optional<String> choice(String name, Set<String> choices) {
    return optional(name)
        .map(
            value -> {
              if (!choices.contains(value)) {
                throw ProblemException.invalidParameter(
                    name,
                    "Query parameter '"
                        + name
                        + "' must be one of "
                        + String.join(", ", new TreeSet<>(choices))
                        + ", not '"
                        + value
                        + "'");
              }
              return value;
            });
  }

  /**
   * The optional half-open window {@code [from, to)} of parameters {@code from} and {@code to}; an
   * empty one is a 400.
   */
  public TimeWindow window() {
    Instant from = instant("from").orElse(null);
    Instant to = instant("to").orElse(null);
    if (from != null && to != null && !from.isBefore(to)) {
      throw ProblemException.invalidParameter(
          "to",
          "The window [from, to) is empty: 'from' (" + from + ") must be before 'to' (" + to + ")");
    }
    return new TimeWindow(from, to);
  }

  public int limit(int defaultLimit, int max) {
    return optional("limit")
        .map(
            value -> {
              int limit;
              try {
                limit = Integer.parseInt(value);
              } catch (NumberFormatException e) {
                throw ProblemException.invalidParameter(
                    "limit",
                    "Query parameter 'limit' must be an integer from 1 to "
                        + max
                        + ", not '"
                        + value
                        + "'");
              }
              if (limit < 1 || limit > max) {
                throw ProblemException.invalidParameter(
                    "limit", "Query parameter 'limit' must be from 1 to " + max + ", not " + limit);
              }
              return limit;
            })
        .orElse(defaultLimit);
  }

  /** An RFC 3339 date-time with an offset, e.g. {@code 2026-11-25T17:00:00Z}. */
  public Optional<Instant> instant(String name) {
    return optional(name)
        .map(
            value -> {
              try {
                return OffsetDateTime.parse(value).toInstant();
              } catch (DateTimeParseException e) {
                throw ProblemException.invalidParameter(
                    name,
                    "Query parameter '"
                        + name
                        + "' must be an RFC 3339 date-time such as 2026-11-25T17:00:00Z, not '"
                        + value
                        + "' (encode a '+' offset as %2B)");
              }
            });
  }

  /**
   * {@code workload} as {@code Kind/name} (e.g. {@code Deployment/web}) or a bare name (kind then
   * null).
   */
  public Optional<WorkloadParameter> workload(String name) {
    return optional(name)
        .map(
            workload -> {
              int slash = workload.indexOf('/');
              if (slash < 0) {
                return new WorkloadParameter(null, workload);
              }
              String kind = workload.substring(0, slash);
              String workloadName = workload.substring(slash + 1);
              if (kind.isBlank() || workloadName.isBlank() || workloadName.contains("/")) {
                throw ProblemException.invalidParameter(
                    name,
                    "Query parameter '"
                        + name
                        + "' must be Kind/name (e.g. Deployment/web) or a name, not '"
                        + workload
                        + "'");
              }
              return new WorkloadParameter(kind, workloadName);
            });
  }

  /** A workload filter: {@code kind} null matches any kind. */
  public record WorkloadParameter(String kind, String name) {}
}
