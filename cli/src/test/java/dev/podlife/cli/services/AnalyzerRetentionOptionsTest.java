package dev.podlife.cli.services;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.podlife.cli.Cli;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code podlife analyzer --retention / --max-storage}: a malformed limit is one line and exit 2,
 * before anything connects.
 */
class AnalyzerRetentionOptionsTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--retention|30x|--retention '30x' has an unknown unit 'x' (use h, d or w)",
        "--retention|0d|--retention '0d' must be more than zero",
        "--retention|-3d|--retention '-3d' must be more than zero",
        "--retention|thirty days|--retention 'thirty days' is not a whole number and a unit such as"
            + " 30d (units: h, d, w)",
        "--max-storage|50|--max-storage '50' needs a unit, such as 50GB",
        "--max-storage|50PB|--max-storage '50PB' has an unknown unit 'pb' (use B, KB, MB, GB, TB,"
            + " KiB, MiB, GiB or TiB)",
        "--max-storage|0GB|--max-storage '0GB' must be more than zero",
        "--max-storage|-1GB|--max-storage '-1GB' must be more than zero"
      })
  void aMalformedLimitIsOneLineAndExitTwo(String option, String value, String message) {
    Cli.Run run = Cli.run("analyzer", option, value);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip()).isEqualTo("podlife analyzer: " + message);
  }
}
