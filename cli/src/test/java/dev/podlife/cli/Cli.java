package dev.podlife.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

/** Runs {@code podlife <args>} in this JVM and keeps what it printed. */
public final class Cli {
  private Cli() {}

  /** The exit code, stdout and stderr of one run. */
  public record Run(int exitCode, String out, String err) {}

  public static Run run(String... args) {
    PrintStream originalOut = System.out;
    PrintStream originalErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    int exitCode;
    try {
      exitCode = PodlifeCommand.execute(args);
    } finally {
      System.setOut(originalOut);
      System.setErr(originalErr);
    }
    return new Run(exitCode, withoutLog(out), withoutLog(err));
  }

  // the test classpath's logback writes to the console too: keep only what the command printed
  private static String withoutLog(ByteArrayOutputStream printed) {
    return printed
        .toString(StandardCharsets.UTF_8)
        .lines()
        .filter(line -> !line.matches("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} .*"))
        .collect(Collectors.joining("\n", "", "\n"));
  }
}
