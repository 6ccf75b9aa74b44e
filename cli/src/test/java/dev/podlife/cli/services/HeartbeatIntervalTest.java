package dev.podlife.cli.services;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import picocli.CommandLine.TypeConversionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HeartbeatIntervalTest {
  private final CollectorCommand.HeartbeatInterval converter =
      new CollectorCommand.HeartbeatInterval();

  @Test
  void readsDurationsAsPeopleWriteThem() {
    assertThat(converter.convert("10s")).isEqualTo(Duration.ofSeconds(10));
    assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(converter.convert("2m")).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void refusesWhatIsNoDurationOrTooShortWithAOneLineReason() {
    assertThatThrownBy(() -> converter.convert("ten"))
        .isInstanceOf(TypeConversionException.class)
        .hasMessage("'ten' is not a duration such as 10s, 500ms, 1m or 1h");
    assertThatThrownBy(() -> converter.convert("5ms"))
        .isInstanceOf(TypeConversionException.class)
        .hasMessage("'5ms' is shorter than 100ms");
  }
}
