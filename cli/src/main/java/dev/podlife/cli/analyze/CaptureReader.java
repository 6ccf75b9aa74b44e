package dev.podlife.cli.analyze;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import dev.podlife.collector.extract.EventFacts;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads what kubectl prints: a {@code List} ({@code kubectl get pods,events -A -o json}, Events of
 * core/v1 or events.k8s.io/v1 — {@code kubectl get events.events.k8s.io}), single Pod or Event
 * objects, or a watch stream ({@code --watch --output-watch-events -o json}: concatenated
 * {"type","object"} documents), in any mix. Everything is read before anything is analysed, so a
 * malformed document stops the run with nothing half-written.
 */
final class CaptureReader {
  private static final String EVENTS_V1 = "events.k8s.io/v1";
  // Documents follow each other in one stream, so a document's end is not the input's end.
  private static final ObjectMapper JSON =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
  private final KubernetesSerialization kubernetes = new KubernetesSerialization();
  private final List<Capture.Observation> observations = new ArrayList<>();
  private final Map<String, Integer> skipped = new TreeMap<>();

  /** Reads the files in order; {@code -} is standard input. */
  static Capture read(List<String> files, InputStream stdin) {
    CaptureReader reader = new CaptureReader();
    for (String file : files) {
      if (file.equals("-")) {
        reader.readDocuments("<stdin>", stdin);
      } else {
        Path path = Path.of(file);
        if (!Files.isReadable(path)) {
          throw new MalformedCaptureException(file + ": cannot read file");
        }
        try (InputStream in = Files.newInputStream(path)) {
          reader.readDocuments(file, in);
        } catch (IOException e) {
          throw new MalformedCaptureException(file + ": cannot read file: " + e.getMessage(), e);
        }
      }
    }
    return new Capture(List.copyOf(reader.observations), Map.copyOf(reader.skipped));
  }

  private void readDocuments(String source, InputStream in) {
    try (JsonParser parser = JSON.createParser(in)) {
      while (true) {
        JsonToken token = parser.nextToken();
        if (token == null) {
          return;
        }
        TokenStreamLocation start = parser.currentTokenLocation();
        String where = source + ":" + start.getLineNr() + ":" + start.getColumnNr();
        if (token != JsonToken.START_OBJECT) {
          throw new MalformedCaptureException(
              where
                  + ": expected a JSON object (a List, Pod, Event or watch event), found "
                  + token);
        }
        JsonNode document = JSON.readTree(parser);
        accept(where, document);
      }
    } catch (JacksonException e) {
      TokenStreamLocation at = e.getLocation();
      String position = at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr();
      throw new MalformedCaptureException(
          source + position + ": malformed JSON: " + e.getOriginalMessage(), e);
    }
  }

  private void accept(String where, JsonNode document) {
    if (document.has("object") && document.has("type") && !document.has("kind")) {
      String type = document.path("type").asString("");
      switch (type) {
        case "ADDED", "MODIFIED", "DELETED" ->
            acceptObject(where, document.get("object"), type.equals("DELETED"));
        case "BOOKMARK" -> {}
        case "ERROR" ->
            throw new MalformedCaptureException(
                where + ": the watch stream reports an error: " + document.get("object"));
        default ->
            throw new MalformedCaptureException(
                where + ": unknown watch event type '" + type + "'");
      }
      return;
    }
    String kind = document.path("kind").asString("");
    if (kind.endsWith("List") && document.has("items")) {
      JsonNode items = document.get("items");
      if (!items.isArray()) {
        throw new MalformedCaptureException(where + ": " + kind + ".items is not an array");
      }
      for (int i = 0; i < items.size(); i++) {
        acceptObject(where + " items[" + i + "]", items.get(i), false);
      }
      return;
    }
    acceptObject(where, document, false);
  }

  private void acceptObject(String where, JsonNode object, boolean deleted) {
    if (object == null || !object.isObject()) {
      throw new MalformedCaptureException(where + ": expected a Kubernetes object");
    }
    String kind = object.path("kind").asString("");
    String apiVersion = object.path("apiVersion").asString("v1");
    Class<? extends HasMetadata> type =
        switch (kind) {
          case "Pod" -> Pod.class;
          case "Event" ->
              switch (apiVersion) {
                case "v1" -> Event.class;
                case EVENTS_V1 -> io.fabric8.kubernetes.api.model.events.v1.Event.class;
                default -> null;
              };
          default -> null;
        };
    if (type == null) {
      skipped.merge(kind.isEmpty() ? "<no kind>" : kind + apiGroupSuffix(object), 1, Integer::sum);
      return;
    }
    HasMetadata parsed;
    try {
      parsed = kubernetes.convertValue(object, type);
    } catch (RuntimeException e) {
      throw new MalformedCaptureException(
          where + ": not a valid " + kind + ": " + e.getMessage(), e);
    }
    if (parsed.getMetadata() == null || parsed.getMetadata().getUid() == null) {
      throw new MalformedCaptureException(where + ": " + kind + " has no metadata.uid");
    }
    if (parsed instanceof io.fabric8.kubernetes.api.model.events.v1.Event event) {
      parsed =
          EventFacts.asCoreEvent(
              event); // the same object as core/v1 shows it: one extraction for both
    }
    observations.add(new Capture.Observation(where, parsed, deleted));
  }

  private static String apiGroupSuffix(JsonNode object) {
    String apiVersion = object.path("apiVersion").asString("v1");
    return apiVersion.equals("v1") ? "" : " (" + apiVersion + ")";
  }
}
