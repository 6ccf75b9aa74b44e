package dev.podlife.faults;

import java.util.HashSet;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What {@code GET /api/v1/dead-letters} lists, as "partition/offset" of each item over every page.
 */
final class DeadLetterListing {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private DeadLetterListing() {}

  static Set<String> fetch(Stack stack) {
    Set<String> listed = new HashSet<>();
    String cursor = null;
    do {
      String url =
          stack.apiUrl()
              + "/api/v1/dead-letters?limit=100"
              + (cursor == null ? "" : "&cursor=" + cursor);
      JsonNode page;
      try {
        page = JSON.readTree(Http.get(url, stack.apiToken));
      } catch (FaultsException e) {
        Progress.say("the API does not list dead letters: " + e.getMessage());
        return listed;
      }
      for (JsonNode item : page.path("items")) {
        listed.add(item.path("partition").asInt() + "/" + item.path("offset").asLong());
      }
      JsonNode next = page.path("nextCursor");
      cursor =
          next.isNull() || next.isMissingNode()
              ? null
              : java.net.URLEncoder.encode(
                  next.asString(), java.nio.charset.StandardCharsets.UTF_8);
    } while (cursor != null);
    return listed;
  }

  static boolean lists(Set<String> listed, Poison.Sent sent) {
    return listed.contains(sent.partition() + "/" + sent.offset());
  }
}
