package dev.podlife.alerts.evaluation;

import java.time.Instant;
import java.util.Objects;

/**
 * One span during which a rule's condition held for a group: it starts at the occurrence that met
 * the condition and ends when the condition cleared (see {@link Episodes} for the exact rules).
 * {@code endsAt} may be in the future: the episode is then still open and ends then unless new
 * occurrences extend it. {@code occurrences} counts the occurrences that made it (those in the
 * window when it started, and every later one); {@code value} is the count in the window at the
 * latest occurrence, or for startup_p99 the p99 in ms.
 */
public record Episode(
    Group group,
    Instant startsAt,
    Instant endsAt,
    int occurrences,
    Occurrence first,
    Occurrence last,
    double value) {

  public Episode {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(startsAt, "startsAt");
    Objects.requireNonNull(endsAt, "endsAt");
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(last, "last");
    if (endsAt.isBefore(startsAt)) {
      throw new IllegalArgumentException(
          "An episode can't end (" + endsAt + ") before it starts (" + startsAt + ")");
    }
  }

  /** Still holding at {@code now}: started, and not ended yet. */
  public boolean isOpenAt(Instant now) {
    return !startsAt.isAfter(now) && endsAt.isAfter(now);
  }
}
