package dev.podlife.faults;

import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/** Progress lines on standard error; the figures go to standard output and RESULTS.md. */
final class Progress {
  private Progress() {}

  static void say(String line) {
    System.err.println("[faults " + LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + "] " + line);
    System.err.flush();
  }
}
