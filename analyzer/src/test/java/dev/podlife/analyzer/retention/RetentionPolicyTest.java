package dev.podlife.analyzer.retention;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The --retention and --max-storage values as a user writes them. */
class RetentionPolicyTest {
  @Test
  void agesAreWholeHoursDaysOrWeeks() {
    assertThat(RetentionPolicy.parseAge("30d")).isEqualTo(Duration.ofDays(30));
    assertThat(RetentionPolicy.parseAge("12h")).isEqualTo(Duration.ofHours(12));
    assertThat(RetentionPolicy.parseAge(" 2W ")).isEqualTo(Duration.ofDays(14));
    assertThat(RetentionPolicy.parseAge("")).isNull();
    assertThat(RetentionPolicy.parseAge(null)).isNull();
  }

  @Test
  void sizesAreDecimalOrBinaryUnits() {
    assertThat(RetentionPolicy.parseSize("50GB")).isEqualTo(50_000_000_000L);
    assertThat(RetentionPolicy.parseSize("512MiB")).isEqualTo(512L * 1024 * 1024);
    assertThat(RetentionPolicy.parseSize("1.5 tb")).isEqualTo(1_500_000_000_000L);
    assertThat(RetentionPolicy.parseSize("100B")).isEqualTo(100L);
    assertThat(RetentionPolicy.parseSize(null)).isNull();
  }

  @Test
  void aMalformedValueSaysWhatIsWrongInOneLine() {
    assertThatThrownBy(() -> RetentionPolicy.parseAge("30m"))
        .hasMessage("retention '30m' has an unknown unit 'm' (use h, d or w)");
    assertThatThrownBy(() -> RetentionPolicy.parseAge("0h"))
        .hasMessage("retention '0h' must be more than zero");
    assertThatThrownBy(() -> RetentionPolicy.parseSize("0.1B"))
        .hasMessage("max storage '0.1B' must be at least 1 byte");
    assertThatThrownBy(() -> RetentionPolicy.parseSize("99999999999TB"))
        .hasMessage("max storage '99999999999TB' is too large");
  }

  @Test
  void noLimitKeepsEverything() {
    assertThat(RetentionPolicy.KEEP_EVERYTHING.limited()).isFalse();
    assertThat(new RetentionPolicy(null, 1L).limited()).isTrue();
  }
}
