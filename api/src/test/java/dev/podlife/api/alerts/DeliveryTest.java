package dev.podlife.api.alerts;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A receiver's URL is shown without what may be a credential. */
class DeliveryTest {
  @Test
  void userInfoQueryAndFragmentAreLeftOut() {
    assertThat(Delivery.shown("https://bot:hunter2@hooks.example:8443/a/b?token=abc&x=1#frag"))
        .isEqualTo("https://hooks.example:8443/a/b");
    assertThat(Delivery.shown("http://alertmanager:9093/api/v2/alerts"))
        .isEqualTo("http://alertmanager:9093/api/v2/alerts");
    assertThat(Delivery.shown("https://hooks.example")).isEqualTo("https://hooks.example");
  }

  @Test
  void somethingThatIsNotAUrlIsNotEchoed() {
    assertThat(Delivery.shown("not a url with secret")).isEqualTo("(not a URL)");
    assertThat(Delivery.shown("relative/path?token=abc")).isEqualTo("(not a URL)");
  }

  @Test
  void theErrorLosesTheCredentialsOfTheUrlItQuotes() {
    Delivery delivery =
        new Delivery(
            1,
            2,
            "webhook",
            "https://u:p@h.example/x?t=1",
            "firing",
            "failed",
            3,
            null,
            "timeout calling https://u:p@h.example/x?t=1",
            null,
            null,
            null);
    assertThat(delivery.lastError()).isEqualTo("timeout calling https://h.example/x");
    assertThat(delivery.receiver().url()).isEqualTo("https://h.example/x");
  }
}
