package dev.podlife.analyzer.startup;

import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PulledMessageTest {

  @Test
  void readsThePullTimeOfTheOlderForm() {
    assertThat(PulledMessage.pullMillis("Successfully pulled image \"nginx:1.25\" in 2.345678s"))
        .isEqualTo(OptionalLong.of(2346));
  }

  @Test
  void readsThePullTimeNotTheWaitOfTheNewerForm() {
    assertThat(
            PulledMessage.pullMillis(
                "Successfully pulled image \"nginx:1.25\" in 1.2s (3.4s including waiting)"))
        .isEqualTo(OptionalLong.of(1200));
    assertThat(
            PulledMessage.pullMillis(
                "Successfully pulled image \"ghcr.io/podlife/loap:1.4.2\" in 612ms (612ms including"
                    + " waiting). Image size: 48213451 bytes."))
        .isEqualTo(OptionalLong.of(612));
  }

  @Test
  void anImageAlreadyPresentTookNoPull() {
    assertThat(
            PulledMessage.pullMillis("Container image \"busybox:1.36\" already present on machine"))
        .isEqualTo(OptionalLong.of(0));
  }

  @Test
  void readsEveryUnitOfGoDurations() {
    assertThat(
            PulledMessage.pullMillis(
                "Successfully pulled image \"big\" in 1m2.5s (1m10s including waiting)"))
        .isEqualTo(OptionalLong.of(62_500));
    assertThat(PulledMessage.pullMillis("Successfully pulled image \"big\" in 1h0m1s"))
        .isEqualTo(OptionalLong.of(3_601_000));
    assertThat(PulledMessage.pullMillis("Successfully pulled image \"tiny\" in 850.5µs"))
        .isEqualTo(OptionalLong.of(1));
  }

  @Test
  void otherMessagesHaveNoPullTime() {
    assertThat(PulledMessage.pullMillis("Pulling image \"nginx\"")).isEmpty();
    assertThat(PulledMessage.pullMillis("Successfully pulled image \"nginx\" in forever"))
        .isEmpty();
    assertThat(PulledMessage.pullMillis(null)).isEmpty();
  }
}
