package dev.podlife.api.pods;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import dev.podlife.analyzer.pods.ListingCursor;
import dev.podlife.analyzer.query.KeysetCursor;
import dev.podlife.api.problem.ProblemException;
import dev.podlife.api.query.CursorToken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CursorTest {
  private static String token(String json) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aListingCursorSurvivesTheRoundTripWithAnyCharacters() {
    ListingCursor cursor =
        new ListingCursor("prod/eu \"1\"", "kube-system", "web-7f9c-ü", "0b7e-uid");
    String token = ListingTokens.encode(cursor);
    assertThat(token).matches("[A-Za-z0-9_-]+");
    assertThat(ListingTokens.decode(token)).isEqualTo(cursor);
  }

  @Test
  void aKeysetCursorSurvivesTheRoundTripToTheNanosecond() {
    KeysetCursor cursor =
        new KeysetCursor(Instant.parse("2026-11-25T10:00:00.123456789Z"), 9_000_000_001L);
    assertThat(CursorToken.keysetCursor(CursorToken.encode(cursor))).isEqualTo(cursor);
  }

  @Test
  void tokensThatAreNotCursorsOfTheirKindAreRefusedAsBadCursorParameters() {
    for (String token :
        new String[] {
          "***",
          token("not json"),
          token("{}"),
          token("[\"a\",\"b\",\"c\"]"),
          token("[\"a\",\"b\",\"c\",4]"),
          CursorToken.encode(new KeysetCursor(Instant.EPOCH, 1)),
          "A".repeat(5000)
        }) {
      assertThatThrownBy(() -> ListingTokens.decode(token))
          .as(token)
          .isInstanceOfSatisfying(
              ProblemException.class,
              e -> {
                assertThat(e.status()).isEqualTo(400);
                assertThat(e.toProblem("/x").extensions()).containsEntry("parameter", "cursor");
              });
    }
    for (String token :
        new String[] {
          token("[\"yesterday\",1]"),
          token("[\"2026-11-25T10:00:00Z\",\"1\"]"),
          ListingTokens.encode(new ListingCursor("a", "b", "c", "d"))
        }) {
      assertThatThrownBy(() -> CursorToken.keysetCursor(token))
          .as(token)
          .isInstanceOf(ProblemException.class);
    }
  }
}
