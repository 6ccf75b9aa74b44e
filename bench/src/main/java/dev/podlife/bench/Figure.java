package dev.podlife.bench;

import java.util.Objects;

/**
 * One figure of the benchmark: what was measured, its baseline from the same run, their ratio and
 * the target for it.
 *
 * @param name what the figure is, e.g. "ingest: analyzer vs raw COPY"
 * @param measured the subject's value with its unit, e.g. "10,400 facts/s"
 * @param baseline the baseline's value with its unit, or "—" when the target is absolute
 * @param ratio measured / baseline as the target states it, e.g. "0.63×"
 * @param target the target, e.g. ">= 0.60×"
 * @param pass whether the target is met
 * @param note how it was measured, in a few words
 */
public record Figure(
    String name,
    String measured,
    String baseline,
    String ratio,
    String target,
    boolean pass,
    String note) {
  public Figure {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(measured, "measured");
    Objects.requireNonNull(baseline, "baseline");
    Objects.requireNonNull(ratio, "ratio");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(note, "note");
  }

  public String verdict() {
    return pass ? "PASS" : "FAIL";
  }
}
