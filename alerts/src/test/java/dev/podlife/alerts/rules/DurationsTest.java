package dev.podlife.alerts.rules;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Prometheus-style durations as rules write them. */
class DurationsTest {
  @ParameterizedTest(name = "{0} = {1} ms")
  @CsvSource({
    "250ms, 250",
    "30s, 30000",
    "10m, 600000",
    "1h30m, 5400000",
    "7d, 604800000",
    "2w, 1209600000",
    "1d12h, 129600000",
    "90s, 90000",
    "0s, 0",
    "1h0m, 3600000"
  })
  void readsEachUnitAndTheirSums(String text, long millis) {
    assertThat(Durations.parse(text)).contains(Duration.ofMillis(millis));
  }

  @ParameterizedTest(name = "''{0}''")
  @ValueSource(
      strings = {
        "",
        "10",
        "m",
        "1.5h",
        "-5m",
        "5 m",
        "5M",
        "1h 30m",
        "PT5M",
        "10mins",
        "99999999999999999999d",
        "9999999999999999d"
      })
  void rejectsWhatIsNotADuration(String text) {
    assertThat(Durations.parse(text)).isEmpty();
  }

  @Test
  void nullIsNotADuration() {
    assertThat(Durations.parse(null)).isEmpty();
  }

  @ParameterizedTest(name = "{0} ms → {1}")
  @CsvSource({
    "90000, 1m30s",
    "5400000, 1h30m",
    "604800000, 7d",
    "691200000, 8d",
    "250, 250ms",
    "1500, 1s500ms",
    "0, 0s",
    "86400000, 1d",
    "30000, 30s"
  })
  void formatsTheShortestForm(long millis, String text) {
    assertThat(Durations.format(Duration.ofMillis(millis))).isEqualTo(text);
  }

  @Test
  void formatAndParseRoundTrip() {
    for (long millis :
        new long[] {
          1,
          999,
          1000,
          59_999,
          61_000,
          3_599_999,
          3_600_000,
          86_399_999,
          2_592_000_000L,
          93_784_005L
        }) {
      Duration d = Duration.ofMillis(millis);
      assertThat(Durations.parse(Durations.format(d))).as(Durations.format(d)).contains(d);
    }
    for (String text : new String[] {"30s", "10m", "1h30m", "6d", "9d3h4m5s6ms", "30d"}) {
      assertThat(Durations.format(Durations.parse(text).orElseThrow())).isEqualTo(text);
    }
    // days are the largest unit written: a week reads back in days
    assertThat(Durations.format(Durations.parse("1w").orElseThrow())).isEqualTo("7d");
    assertThat(Durations.format(Durations.parse("90s").orElseThrow())).isEqualTo("1m30s");
  }
}
