package dev.podlife.cli.services;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.podlife.api.auth.ApiTokens;
import dev.podlife.api.auth.Principal;
import dev.podlife.api.auth.Role;
import dev.podlife.cli.Cli;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code podlife token} prints a new token once and the line that makes the API accept it. */
class TokenCommandTest {
  @TempDir Path tmp;

  @Test
  void printsTheTokenOnceAndATokensFileLineThatAuthenticatesIt() throws Exception {
    Cli.Run run = Cli.run("token", "--name", "grafana", "--role", "read");

    assertThat(run.exitCode()).as(run.err()).isZero();
    List<String> lines = run.out().lines().toList();
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0)).isEqualTo("Token for grafana (read), shown only this once:");
    String token = lines.get(1).strip();
    assertThat(token).matches("plt_[A-Za-z0-9_-]{43}");
    assertThat(lines.get(2)).contains("--api-tokens-file", "PODLIFE_API_TOKENS");
    String line = lines.get(3).strip();
    assertThat(line).matches("grafana read sha256:[0-9a-f]{64}").doesNotContain(token);
    assertThat(run.out().split(token, -1)).as("the token is printed once").hasSize(2);

    Path file = tmp.resolve("tokens");
    Files.writeString(file, "# added by podlife token\n" + line + "\n");
    ApiTokens configured = ApiCommand.tokens(file, null);
    assertThat(configured.authenticate(token)).contains(new Principal("grafana", Role.READ));
    assertThat(configured.authenticate(token.substring(1))).isEmpty();
  }

  @Test
  void eachRunMakesANewAdminTokenWhenAsked() {
    String first = Cli.run("token", "--name", "ops", "--role", "ADMIN").out();
    String second = Cli.run("token", "--name", "ops", "--role", "admin").out();
    assertThat(first.lines().toList().get(3)).startsWith("  ops admin sha256:");
    assertThat(first.lines().toList().get(1)).isNotEqualTo(second.lines().toList().get(1));
  }

  @Test
  void aBadNameOrRoleIsAUsageError() {
    Cli.Run badName = Cli.run("token", "--name", "has space", "--role", "read");
    assertThat(badName.exitCode()).isEqualTo(2);
    assertThat(badName.err()).startsWith("podlife token: --name: a token name has 1 to 64 letters");
    Cli.Run badRole = Cli.run("token", "--name", "ci", "--role", "root");
    assertThat(badRole.exitCode()).isEqualTo(2);
    assertThat(badRole.err()).contains("--role", "root");
  }

  @Test
  void theApiRefusesToStartWithoutTokensSayingHowToConfigureThem() throws Exception {
    Path comments = tmp.resolve("tokens");
    Files.writeString(comments, "# nobody yet\n");
    Cli.Run run = apiWithTokensFile(comments);
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip())
        .isEqualTo("podlife api: " + ApiCommand.NO_TOKENS)
        .contains(
            "podlife token --name NAME --role admin", "--api-tokens-file", "PODLIFE_API_TOKENS");
  }

  @Test
  void aMalformedTokensFileStopsTheApiWithFileAndLine() throws Exception {
    Path file = tmp.resolve("tokens");
    Files.writeString(file, "ci read plt_secret\n");
    Cli.Run run = apiWithTokensFile(file);
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .startsWith("podlife api: " + file + ":1: the hash must start with sha256:")
        .doesNotContain("plt_secret");
    assertThat(run.err().strip().lines()).hasSize(1);
  }

  /** The API started with {@code file} as its tokens file, against a database it never gets to. */
  private static Cli.Run apiWithTokensFile(Path file) {
    return Cli.run(
        "api",
        "--jdbc-url",
        "jdbc:postgresql://127.0.0.1:1/none",
        "--api-tokens-file",
        file.toString());
  }
}
