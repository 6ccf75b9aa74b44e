package dev.podlife.api.ui;

import java.time.Clock;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.podlife.analyzer.store.FactStore;
import dev.podlife.api.ApiServer;
import dev.podlife.api.ApiTestSupport;
import dev.podlife.api.Http;
import dev.podlife.api.StoredPods;
import dev.podlife.testing.PostgresExtension;
import dev.podlife.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTML pages over a crash-looping pod's projected life. */
@ExtendWith(PostgresExtension.class)
class UiRoutesIT {
  private static final String WEB = "4d1f0e2a-7b3c-4e5d-9f60-0000000000a1";
  private static ApiServer server;
  private static Http http;

  @BeforeAll
  static void seedAndStart(TestDatabase db) {
    FactStore store = new FactStore(db.jdbi(), Clock.systemUTC());
    store.append(StoredPods.crashLoopingWeb("east").offline());
    store.append(
        StoredPods.life(
                "east",
                "audit",
                "migrating-1-init-running",
                "migrating-2-init-failed",
                "migrating-3-init-running-again",
                "migrating-4-ready")
            .offline());
    server = ApiTestSupport.start(db.jdbi());
    http = new Http(server);
  }

  @AfterAll
  static void stop() {
    ApiTestSupport.stop(server);
  }

  private static String html(String path) {
    Http.Response response = http.get(path);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    assertThat(response.contentType()).startsWith("text/html");
    // plain HTML and inline SVG: nothing to run, nothing to fetch
    assertThat(response.body()).doesNotContain("<script", "<link", "src=", "@import", "url(");
    return response.body();
  }

  private static long count(String html, String regex) {
    return Pattern.compile(regex).matcher(html).results().count();
  }

  @Test
  void theIndexListsRecentTerminationsWithLinksToTheirTimelines() {
    String page = html("/ui");

    assertThat(page)
        .contains(
            "/ui/pods/" + WEB + "?cluster=east",
            "OOMKilled",
            "heap exhausted while loading catalog");
    assertThat(count(page, "<tr><td>")).isEqualTo(5);
  }

  @Test
  void aPodsTimelineDrawsEachRunRestartWaitAndTheGraceWindow() {
    String page = html("/ui/pods/" + WEB);

    assertThat(page).contains("<svg", "shop/web-6d4b9c7f8-k2x9q");
    // the four failed runs, each once, however many updates showed them
    assertThat(count(page, "<rect [^>]*fill=\"#d64545\"[^>]*><title>")).isEqualTo(4);
    assertThat(page)
        .contains("<title>OOMKilled, exit 137</title>", "<title>Error, exit 139</title>");
    // back-offs in web-5 and web-6 follow each other with no run observed between them: one waiting
    // span
    assertThat(count(page, "<title>CrashLoopBackOff</title>")).isEqualTo(3);
    assertThat(page).contains("Restart #8", "Deletion requested, grace 30s", "grace 30s");
  }

  @Test
  void initContainersGetTheFirstLane() {
    String page = html("/ui/pods/7c2e4a6b-8d0f-4a1c-9e3b-0000000a0006");

    assertThat(page.indexOf(">migrate</text>"))
        .isPositive()
        .isLessThan(page.indexOf(">app</text>"));
    assertThat(page).contains("<title>Error, exit 1</title>", "<title>Completed, exit 0</title>");
  }

  @Test
  void anUnknownPodIsNotFound() {
    assertThat(http.get("/ui/pods/no-such-uid").status()).isEqualTo(404);
    assertThat(http.get("/ui?x=1").status()).isEqualTo(400);
  }
}
