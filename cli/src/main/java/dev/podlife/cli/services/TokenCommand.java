package dev.podlife.cli.services;

import java.io.PrintStream;
import java.util.concurrent.Callable;

import dev.podlife.api.auth.ApiTokens;
import dev.podlife.api.auth.GeneratedToken;
import dev.podlife.api.auth.Role;
import dev.podlife.cli.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Makes a new API token: prints it once, and the line that configures its hash. */
@Command(
    name = "token",
    mixinStandardHelpOptions = true,
    description = {
      "Generate a random API token (256 bits) and print it once, with the line to add to the API's"
          + " tokens file.",
      "Only the line (the token's SHA-256) is stored; keep the token itself where its user keeps"
          + " secrets."
    })
public final class TokenCommand implements Callable<Integer> {
  @Option(
      names = "--name",
      required = true,
      paramLabel = "NAME",
      description =
          "Who holds the token, e.g. grafana or ci; recorded as the caller (letters, digits, . _ @"
              + " -).")
  String name;

  @Option(
      names = "--role",
      required = true,
      paramLabel = "ROLE",
      description = "read (GET routes) or admin (every route).")
  Role role;

  @Override
  public Integer call() {
    GeneratedToken token;
    try {
      token = GeneratedToken.generate(name, role);
    } catch (IllegalArgumentException e) {
      throw new UserError("--name: " + e.getMessage(), e);
    }
    PrintStream out = System.out;
    out.println("Token for " + name + " (" + role.label() + "), shown only this once:");
    out.println("  " + token.token());
    out.println(
        "Add this line to the tokens file (--api-tokens-file, env PODLIFE_API_TOKENS_FILE) or to"
            + " env "
            + ApiTokens.ENVIRONMENT_VARIABLE
            + ":");
    out.println("  " + token.entry().line());
    return 0;
  }
}
