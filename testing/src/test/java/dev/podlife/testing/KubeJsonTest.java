package dev.podlife.testing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KubeJsonTest {
  @Test
  void readsATestResourceAsText() {
    assertThat(KubeJson.resource("pods/tiny.json"))
        .contains("\"uid\":\"0b7e6c4e-1d1c-4c1a-9c55-5a3a2f0e9d11\"");
    assertThat(KubeJson.resource("/pods/tiny.json")).isEqualTo(KubeJson.resource("pods/tiny.json"));
  }

  @Test
  void aMissingResourceFailsNamingItAndWhereItBelongs() {
    assertThatThrownBy(() -> KubeJson.resource("pods/missing.json"))
        .isInstanceOf(FixtureException.class)
        .hasMessageContaining("pods/missing.json")
        .hasMessageContaining("src/test/resources/pods/missing.json");
  }
}
