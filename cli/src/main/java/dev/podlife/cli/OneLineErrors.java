package dev.podlife.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import picocli.CommandLine;

/**
 * Failures become one line on stderr: exit 2 for what the user can fix, 1 for the rest (details in
 * the log).
 */
final class OneLineErrors implements CommandLine.IExecutionExceptionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(OneLineErrors.class);

  @Override
  public int handleExecutionException(
      Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
    String command = commandLine.getCommandName();
    if (e instanceof UserError) {
      commandLine.getErr().println("podlife " + command + ": " + e.getMessage());
      return 2;
    }
    LOG.debug("podlife {} failed", command, e);
    commandLine.getErr().println("podlife " + command + ": " + describe(e));
    return 1;
  }

  private static String describe(Throwable e) {
    StringBuilder line = new StringBuilder(String.valueOf(e.getMessage()));
    for (Throwable cause = e.getCause();
        cause != null && cause != cause.getCause();
        cause = cause.getCause()) {
      if (cause.getMessage() != null && !line.toString().contains(cause.getMessage())) {
        line.append(": ").append(cause.getMessage());
      }
    }
    return line.toString().replace('\n', ' ');
  }
}
