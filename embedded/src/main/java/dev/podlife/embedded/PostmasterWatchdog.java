package dev.podlife.embedded;

import java.io.IOException;
import java.util.List;

/**
 * A small shell process beside a postmaster that stops it when the JVM that started it is gone,
 * however it went: the shell blocks reading a pipe from this JVM, and the read ends only when the
 * JVM exits (a SIGKILL runs no shutdown hook, but the kernel closes the pipe). It is the JVM's
 * child, not in the JVM's fate: a SIGKILL of the JVM does not reach it. It ignores SIGINT (a Ctrl-C
 * reaches the whole process group, and the JVM stops the server itself then). {@link #close()} ends
 * it while the JVM lives, after a normal stop.
 */
final class PostmasterWatchdog implements AutoCloseable {
  // $1 = postmaster pid. SIGINT = fast shutdown; SIGQUIT (immediate) if that takes over 20 s; give
  // up after 40 s.
  private static final String SCRIPT =
      """
      trap '' INT
      while read -r _; do :; done
      kill -INT "$1" 2>/dev/null || exit 0
      i=0
      while kill -0 "$1" 2>/dev/null; do
        i=$((i + 1))
        if [ "$i" -eq 100 ]; then kill -QUIT "$1" 2>/dev/null; fi
        if [ "$i" -ge 200 ]; then exit 1; fi
        sleep 0.2
      done
      """;

  private final Process process;

  private PostmasterWatchdog(Process process) {
    this.process = process;
  }

  static PostmasterWatchdog watch(ProcessHandle postmaster) throws IOException {
    Process process =
        new ProcessBuilder(
                List.of(
                    "sh",
                    "-c",
                    SCRIPT,
                    "podlife-postgres-watchdog",
                    Long.toString(postmaster.pid())))
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    return new PostmasterWatchdog(process);
  }

  long pid() {
    return process.pid();
  }

  @Override
  public void close() {
    // SIGKILL: the script would otherwise react to the pipe closing by signalling a pid that may be
    // reused
    process.destroyForcibly();
  }
}
