package dev.podlife.api.query;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.podlife.analyzer.query.KeysetCursor;
import dev.podlife.api.problem.ProblemException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeysetCursorTokenTest {
  @Test
  void theTokenIsBase64urlOfTheJsonArrayOfTimeAndId() {
    // the wire format the history, termination and pod history routes have always issued
    assertThat(CursorToken.encode(new KeysetCursor(Instant.parse("2026-11-25T17:00:00Z"), 1)))
        .isEqualTo("WyIyMDI2LTExLTI1VDE3OjAwOjAwWiIsMV0");
    assertThat(CursorToken.keysetCursor("WyIyMDI2LTExLTI1VDE3OjAwOjAwWiIsMV0"))
        .isEqualTo(new KeysetCursor(Instant.parse("2026-11-25T17:00:00Z"), 1));
  }

  @Test
  void anOversizedTokenIsABadCursorParameter() {
    assertThatThrownBy(() -> CursorToken.keysetCursor("A".repeat(5000)))
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> assertThat(e.toProblem("/x").extensions()).containsEntry("parameter", "cursor"));
  }
}
