package dev.podlife.events;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One typed change in the life of a pod, derived from a Pod or Event object the collector observed.
 *
 * <p>Every fact names its pod, the resourceVersion of the object it was derived from, {@link #at
 * when it happened} (best known) and when the collector observed it. {@link #naturalKey()}
 * identifies a fact independently of when or how often it was observed: a relist that re-derives
 * the same fact yields the same key, so stores dedupe on it.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.SIMPLE_NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(PodObserved.class),
  @JsonSubTypes.Type(PhaseChanged.class),
  @JsonSubTypes.Type(ConditionChanged.class),
  @JsonSubTypes.Type(ConditionRemoved.class),
  @JsonSubTypes.Type(ContainerStateChanged.class),
  @JsonSubTypes.Type(DeletionRequested.class),
  @JsonSubTypes.Type(PodDeleted.class),
  @JsonSubTypes.Type(EventObserved.class)
})
public sealed interface Fact extends FactsTopicMessage
    permits PodObserved,
        PhaseChanged,
        ConditionChanged,
        ConditionRemoved,
        ContainerStateChanged,
        DeletionRequested,
        PodDeleted,
        EventObserved {

  PodRef pod();

  /** metadata.resourceVersion of the Pod (or Event) object this fact was derived from. */
  String resourceVersion();

  /**
   * When the change happened, as well as the object tells; see {@link FactDiff} for how each kind
   * is timed.
   */
  Instant at();

  /**
   * When the collector observed it (its injected clock); null for facts extracted offline from a
   * file.
   */
  Instant observedAt();

  /** The fact's type name as written in JSON and stored: the record's simple name. */
  @JsonIgnore
  @Override
  default String type() {
    return getClass().getSimpleName();
  }

  /**
   * What inside the pod the fact is about: a container or condition name, an Event UID; empty for
   * the pod itself.
   */
  @JsonIgnore
  default String subject() {
    return "";
  }

  /** Identity independent of observation: cluster, pod UID, type, subject and resourceVersion. */
  @JsonIgnore
  default NaturalKey naturalKey() {
    return new NaturalKey(pod().cluster(), pod().uid(), type(), subject(), resourceVersion());
  }

  /** The identity of a fact, see {@link Fact#naturalKey()}. */
  record NaturalKey(
      String cluster, String podUid, String type, String subject, String resourceVersion) {}
}
