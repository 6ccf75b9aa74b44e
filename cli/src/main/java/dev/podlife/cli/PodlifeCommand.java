package dev.podlife.cli;

import dev.podlife.cli.analyze.AnalyzeCommand;
import dev.podlife.cli.demo.DemoCommand;
import dev.podlife.cli.demo.SimulateCommand;
import dev.podlife.cli.services.AnalyzerCommand;
import dev.podlife.cli.services.ApiCommand;
import dev.podlife.cli.services.CollectorCommand;
import dev.podlife.cli.services.TokenCommand;
import dev.podlife.embedded.Logging;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code podlife} command: the demo, offline analysis, and the three production services. */
@Command(
    name = "podlife",
    mixinStandardHelpOptions = true,
    versionProvider = PodlifeCommand.Version.class,
    description = "Event-sourced audit and analytics for the life of Kubernetes pods.",
    subcommands = {
      DemoCommand.class,
      SimulateCommand.class,
      AnalyzeCommand.class,
      CollectorCommand.class,
      AnalyzerCommand.class,
      ApiCommand.class,
      TokenCommand.class,
      CommandLine.HelpCommand.class
    })
public final class PodlifeCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line and returns the exit code (2 for bad usage or input, 1 for failures). */
  public static int execute(String... args) {
    boolean interactive = args.length > 0 && (args[0].equals("analyze") || args[0].equals("demo"));
    if (interactive && System.getenv("PODLIFE_LOG_LEVEL") == null) {
      // stdout is the report or the demo's tour; the log (stderr) only says what needs attention.
      System.setProperty("PODLIFE_LOG_LEVEL", "WARN");
    }
    Logging.bridgeJul();
    return new CommandLine(new PodlifeCommand())
        .setExecutionExceptionHandler(new OneLineErrors())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = PodlifeCommand.class.getPackage().getImplementationVersion();
      return new String[] {"podlife " + (version == null ? "development build" : version)};
    }
  }
}
