package dev.podlife.embedded;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseTest {
  @Test
  void anUnreachableServerIsReportedWithItsUrlButNeverThePassword() {
    String url =
        "jdbc:postgresql://localhost:" + FreePorts.pick() + "/podlife?password=s3cret&ssl=false";

    assertThatThrownBy(() -> Database.connect(url, "podlife", "an0ther-s3cret"))
        .isInstanceOf(DatabaseUnavailableException.class)
        .hasMessageContaining("Couldn't connect to PostgreSQL at jdbc:postgresql://localhost:")
        .hasMessageContaining("password=***&ssl=false")
        .hasMessageContaining("as user 'podlife'")
        .hasMessageContaining("Check that the server is running")
        .message()
        .doesNotContain("s3cret");
  }

  @Test
  void installingTheJulBridgeTwiceInstallsItOnce() {
    Logging.bridgeJul();
    Logging.bridgeJul();

    assertThat(java.util.logging.LogManager.getLogManager().getLogger("").getHandlers())
        .filteredOn(h -> h instanceof org.slf4j.bridge.SLF4JBridgeHandler)
        .hasSize(1);
  }
}
