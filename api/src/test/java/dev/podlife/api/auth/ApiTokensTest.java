package dev.podlife.api.auth;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.javalin.http.HandlerType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiTokensTest {
  private static final GeneratedToken GRAFANA = GeneratedToken.generate("grafana", Role.READ);
  private static final GeneratedToken OPS = GeneratedToken.generate("ops", Role.ADMIN);

  @TempDir Path tmp;

  @Test
  void aTokensFileWithCommentsAndBlankLinesConfiguresEachEntry() throws Exception {
    Path file = tmp.resolve("tokens");
    Files.writeString(
        file,
        "# podlife API tokens\n\n"
            + GRAFANA.entry().line()
            + "   # dashboards\n  \n"
            + "ops ADMIN SHA256:"
            + OPS.entry().sha256().toUpperCase()
            + "\n");

    ApiTokens tokens = ApiTokens.load(file, null);

    assertThat(tokens.tokens()).containsExactly(GRAFANA.entry(), OPS.entry());
    assertThat(tokens.authenticate(GRAFANA.token())).contains(new Principal("grafana", Role.READ));
    assertThat(tokens.authenticate(OPS.token())).contains(new Principal("ops", Role.ADMIN));
    assertThat(tokens.authenticate(OPS.token() + " ")).isEmpty();
    assertThat(tokens.authenticate(OPS.entry().sha256())).as("a hash is not a token").isEmpty();
  }

  @Test
  void theEnvironmentTakesEntriesSeparatedByCommasOrNewlinesBesideTheFile() throws Exception {
    Path file = tmp.resolve("tokens");
    Files.writeString(file, GRAFANA.entry().line());
    GeneratedToken ci = GeneratedToken.generate("ci", Role.READ);

    ApiTokens tokens = ApiTokens.load(file, OPS.entry().line() + ",\n" + ci.entry().line() + ",");

    assertThat(tokens.tokens()).extracting(ApiToken::name).containsExactly("grafana", "ops", "ci");
    assertThat(ApiTokens.load(null, "  ").isEmpty()).isTrue();
    assertThat(ApiTokens.load(null, null).isEmpty()).isTrue();
  }

  @Test
  void aMalformedLineIsNamedByFileAndLineWithoutQuotingIt() throws Exception {
    Path file = tmp.resolve("tokens");
    Files.writeString(
        file, "# ok\n" + GRAFANA.entry().line() + "\n" + "ops admin " + OPS.token() + "\n");

    assertThatThrownBy(() -> ApiTokens.load(file, null))
        .isInstanceOf(TokenConfigException.class)
        .hasMessage(
            file
                + ":3: the hash must start with sha256: (configure the token's hash, never the"
                + " token); expected '<name> <read|admin> sha256:<64 hex digits>'")
        .hasMessageNotContaining(OPS.token());
    assertThatThrownBy(() -> ApiTokens.parse("tokens", "ops admin sha256:abc"))
        .hasMessageStartingWith("tokens:1: the hash must be sha256: followed by 64 hex digits");
    assertThatThrownBy(() -> ApiTokens.parse("tokens", "\n\n" + OPS.token()))
        .hasMessageStartingWith("tokens:3: 1 fields instead of 3")
        .hasMessageNotContaining(OPS.token());
    assertThatThrownBy(
            () -> ApiTokens.parse("tokens", "ops, admin " + OPS.entry().line().split(" ")[2]))
        .hasMessageStartingWith("tokens:1: the name must have");
    assertThatThrownBy(() -> ApiTokens.load(null, GRAFANA.entry().line() + "," + "ops admin"))
        .hasMessageStartingWith("PODLIFE_API_TOKENS entry 2: 2 fields instead of 3");
  }

  @Test
  void anUnknownRoleIsAnError() {
    String hash = OPS.entry().line().split(" ")[2];
    assertThatThrownBy(() -> ApiTokens.parse("/etc/podlife/tokens", "# ops\nops root " + hash))
        .isInstanceOf(TokenConfigException.class)
        .hasMessageStartingWith(
            "/etc/podlife/tokens:2: unknown role (the roles are read and admin)");
  }

  @Test
  void aNameOrATokenConfiguredTwiceIsAnError() {
    assertThatThrownBy(
            () ->
                ApiTokens.parse(
                    "tokens",
                    GRAFANA.entry().line()
                        + "\n"
                        + GRAFANA.entry().line().replace("grafana", "other")))
        .hasMessageStartingWith("tokens:2: the same token is already configured at tokens:1");
    assertThatThrownBy(
            () ->
                ApiTokens.parse(
                    "tokens",
                    GRAFANA.entry().line() + "\n" + OPS.entry().line().replace("ops", "grafana")))
        .hasMessageStartingWith("tokens:2: the name is already used at tokens:1");
  }

  @Test
  void anUnreadableFileIsAnErrorNamingIt() {
    Path missing = tmp.resolve("missing");
    assertThatThrownBy(() -> ApiTokens.load(missing, null))
        .isInstanceOf(TokenConfigException.class)
        .hasMessageStartingWith("Couldn't read the API tokens file " + missing);
  }

  @Test
  void generatedTokensAreRandomUrlSafeAndHashedWithSha256() {
    GeneratedToken token = GeneratedToken.generate("ci", Role.ADMIN);
    assertThat(token.token())
        .matches("plt_[A-Za-z0-9_-]{43}")
        .isNotEqualTo(GeneratedToken.generate("ci", Role.ADMIN).token());
    // sha256("abc"), the FIPS 180-2 test vector
    assertThat(ApiToken.hashing("x", Role.READ, "abc").sha256())
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(token.entry().line()).matches("ci admin sha256:[0-9a-f]{64}");
    assertThat(token.toString()).doesNotContain(token.token());
  }

  @Test
  void routesNeedTheirRegisteredRoleElseReadForSafeMethodsAndAdminForTheRest() {
    assertThat(AccessControl.requiredRole(Set.of(), HandlerType.GET)).isEqualTo(Role.READ);
    assertThat(AccessControl.requiredRole(Set.of(), HandlerType.HEAD)).isEqualTo(Role.READ);
    assertThat(AccessControl.requiredRole(Set.of(), HandlerType.OPTIONS)).isEqualTo(Role.READ);
    for (HandlerType method :
        Set.of(HandlerType.POST, HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE)) {
      assertThat(AccessControl.requiredRole(Set.of(), method)).isEqualTo(Role.ADMIN);
    }
    assertThat(AccessControl.requiredRole(Set.of(Role.READ), HandlerType.POST))
        .isEqualTo(Role.READ);
    assertThat(AccessControl.requiredRole(Set.of(Role.ADMIN), HandlerType.GET))
        .isEqualTo(Role.ADMIN);
    assertThat(Role.ADMIN.allows(Role.READ)).isTrue();
    assertThat(Role.READ.allows(Role.ADMIN)).isFalse();
  }
}
