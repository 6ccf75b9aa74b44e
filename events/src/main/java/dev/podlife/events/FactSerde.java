package dev.podlife.events;

import com.fasterxml.jackson.annotation.JsonInclude;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON form of facts on the wire and in the store: {@code {"type":"PhaseChanged","v":1,...}}.
 * Readers ignore fields they do not know (a newer minor addition) and refuse a higher {@code v} (an
 * incompatible change).
 */
public final class FactSerde {
  /** The schema version this build writes and the highest it reads. */
  public static final int VERSION = 1;

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .changeDefaultPropertyInclusion(
              incl -> incl.withValueInclusion(JsonInclude.Include.NON_NULL))
          .build();

  private FactSerde() {}

  /**
   * The mapper facts and snapshots are written with: ISO-8601 instants, nulls omitted, unknown
   * fields ignored.
   */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static byte[] toBytes(Fact fact) {
    return MAPPER.writeValueAsBytes(toTree(fact));
  }

  public static String toJson(Fact fact) {
    return MAPPER.writeValueAsString(toTree(fact));
  }

  private static ObjectNode toTree(Fact fact) {
    ObjectNode node = MAPPER.valueToTree(fact);
    node.put("v", VERSION);
    return node;
  }

  public static Fact fromBytes(byte[] json) {
    if (json == null) {
      throw new UnreadableFactException("Fact record has no value (a tombstone?)");
    }
    try {
      return fromTree(MAPPER.readTree(json));
    } catch (JacksonException e) {
      throw new UnreadableFactException("Fact is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  public static Fact fromJson(String json) {
    try {
      return fromTree(MAPPER.readTree(json));
    } catch (JacksonException e) {
      throw new UnreadableFactException("Fact is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** A heartbeat as written on the facts topic: {@code {"type":"CollectorHeartbeat","v":1,...}}. */
  public static byte[] toBytes(CollectorHeartbeat heartbeat) {
    ObjectNode node = MAPPER.valueToTree(heartbeat);
    node.put("type", CollectorHeartbeat.TYPE);
    node.put("v", VERSION);
    return MAPPER.writeValueAsBytes(node);
  }

  /**
   * Reads any record value of the facts topic: a fact or a heartbeat.
   *
   * @throws UnreadableFactException as {@link #fromBytes} does
   */
  public static FactsTopicMessage messageFromBytes(byte[] json) {
    if (json == null) {
      throw new UnreadableFactException("Fact record has no value (a tombstone?)");
    }
    JsonNode node;
    try {
      node = MAPPER.readTree(json);
    } catch (JacksonException e) {
      throw new UnreadableFactException("Fact is not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (node != null && CollectorHeartbeat.TYPE.equals(node.path("type").asString(""))) {
      checkVersion(node);
      try {
        return MAPPER.treeToValue(node, CollectorHeartbeat.class);
      } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
        throw new UnreadableFactException("Heartbeat is invalid: " + e.getMessage(), e);
      }
    }
    return fromTree(node);
  }

  private static void checkVersion(JsonNode node) {
    int version = node.path("v").asInt(1);
    if (version > VERSION) {
      throw new UnreadableFactException(
          "Fact schema version "
              + version
              + " is newer than this build reads ("
              + VERSION
              + "); upgrade podlife");
    }
  }

  private static Fact fromTree(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new UnreadableFactException("Fact must be a JSON object");
    }
    checkVersion(node);
    try {
      return MAPPER.treeToValue(node, Fact.class);
    } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
      throw new UnreadableFactException(
          "Fact of type '" + node.path("type").asString("?") + "' is invalid: " + e.getMessage(),
          e);
    }
  }

  public static byte[] snapshotToBytes(PodSnapshot snapshot) {
    return MAPPER.writeValueAsBytes(snapshot);
  }

  public static PodSnapshot snapshotFromBytes(byte[] json) {
    try {
      return MAPPER.readValue(json, PodSnapshot.class);
    } catch (JacksonException e) {
      throw new UnreadableFactException(
          "Pod snapshot is not readable: " + e.getOriginalMessage(), e);
    }
  }
}
