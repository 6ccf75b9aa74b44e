package dev.podlife.analyzer.terminations;

import dev.podlife.events.ContainerState;

/**
 * Signal numbers of terminated containers and their names, as Linux numbers them on amd64 and
 * arm64.
 */
public final class Signals {
  private static final String[] NAMES = {
    null,
    "SIGHUP",
    "SIGINT",
    "SIGQUIT",
    "SIGILL",
    "SIGTRAP",
    "SIGABRT",
    "SIGBUS",
    "SIGFPE",
    "SIGKILL",
    "SIGUSR1",
    "SIGSEGV",
    "SIGUSR2",
    "SIGPIPE",
    "SIGALRM",
    "SIGTERM",
    "SIGSTKFLT",
    "SIGCHLD",
    "SIGCONT",
    "SIGSTOP",
    "SIGTSTP",
    "SIGTTIN",
    "SIGTTOU",
    "SIGURG",
    "SIGXCPU",
    "SIGXFSZ",
    "SIGVTALRM",
    "SIGPROF",
    "SIGWINCH",
    "SIGIO",
    "SIGPWR",
    "SIGSYS"
  };

  private Signals() {}

  /**
   * The signal that ended the run: the runtime's own report, else inferred from a shell-style exit
   * code 128 + n (137 → 9). The inference says which signal, never why: 137 is SIGKILL from the OOM
   * killer, the kubelet after a grace period, or a process that chose exit(137).
   */
  public static Integer of(ContainerState.Terminated terminated) {
    if (terminated.signal() != null && terminated.signal() > 0) {
      return terminated.signal();
    }
    int code = terminated.exitCode();
    return code > 128 && code < 128 + NAMES.length ? code - 128 : null;
  }

  /** {@code SIGKILL} for 9; {@code SIG<n>} for numbers without a common name; null for null. */
  public static String name(Integer signal) {
    if (signal == null) {
      return null;
    }
    return signal > 0 && signal < NAMES.length ? NAMES[signal] : "SIG" + signal;
  }
}
