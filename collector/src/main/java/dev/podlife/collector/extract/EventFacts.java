package dev.podlife.collector.extract;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.EventSeries;
import io.fabric8.kubernetes.api.model.ObjectReference;

import dev.podlife.events.EventObserved;
import dev.podlife.events.KubeEvent;
import dev.podlife.events.PodRef;

/**
 * Maps a core/v1 {@link Event} about a pod to an {@link EventObserved} fact; pure, used live and
 * offline. An events.k8s.io/v1 Event (the same object seen through the newer API) maps to the same
 * fact through {@link #asCoreEvent}.
 */
public final class EventFacts {
  private EventFacts() {}

  /**
   * The fact for {@code event}, or empty when it is not about a Pod or cannot be keyed (no Event
   * UID or pod UID).
   *
   * @param podByUid the pod the caller knows under that UID (carries the resolved workload), or
   *     null
   * @param observedAt the collector's observation time, null offline
   */
  public static Optional<EventObserved> of(
      String cluster, Event event, Function<String, PodRef> podByUid, Instant observedAt) {
    ObjectReference involved = event.getInvolvedObject();
    if (involved == null || !"Pod".equals(involved.getKind())) {
      return Optional.empty();
    }
    String podUid = involved.getUid();
    String eventUid = event.getMetadata() == null ? null : event.getMetadata().getUid();
    if (podUid == null || podUid.isBlank() || eventUid == null || eventUid.isBlank()) {
      return Optional.empty();
    }
    PodRef known = podByUid == null ? null : podByUid.apply(podUid);
    PodRef pod =
        known != null
            ? known
            : new PodRef(cluster, podUid, involved.getNamespace(), involved.getName(), null);

    Integer seriesCount = event.getSeries() == null ? null : event.getSeries().getCount();
    Instant seriesLast =
        event.getSeries() == null
            ? null
            : Timestamps.parse(event.getSeries().getLastObservedTime());
    int count = event.getCount() == null ? 0 : event.getCount();
    if (count <= 0 && event.getSeries() == null) {
      count = 1; // events.k8s.io writers leave the deprecated count empty for a single occurrence
    }
    KubeEvent kubeEvent =
        new KubeEvent(
            eventUid,
            event.getMetadata().getName(),
            event.getReason(),
            event.getType(),
            event.getMessage(),
            Math.max(count, 0),
            Timestamps.parse(event.getFirstTimestamp()),
            Timestamps.parse(event.getLastTimestamp()),
            Timestamps.parse(event.getEventTime()),
            seriesCount,
            seriesLast,
            emptyToNull(event.getReportingComponent()),
            emptyToNull(event.getReportingInstance()),
            event.getSource() == null ? null : emptyToNull(event.getSource().getComponent()),
            event.getSource() == null ? null : emptyToNull(event.getSource().getHost()),
            emptyToNull(involved.getFieldPath()),
            emptyToNull(event.getAction()));
    Instant at = kubeEvent.lastOccurredAt();
    if (at == null) {
      at = Timestamps.parse(event.getMetadata().getCreationTimestamp());
    }
    if (at == null) {
      at = observedAt != null ? observedAt : Instant.EPOCH;
    }
    return Optional.of(
        new EventObserved(
            pod, event.getMetadata().getResourceVersion(), at, observedAt, kubeEvent));
  }

  /**
   * The core/v1 view the API server gives of an events.k8s.io/v1 Event: regarding is
   * involvedObject, note the message, reportingController the reportingComponent, the deprecated*
   * fields the old count, timestamps and source. Its fact is then the one {@link #of} makes of that
   * view.
   */
  public static Event asCoreEvent(io.fabric8.kubernetes.api.model.events.v1.Event event) {
    EventBuilder core =
        new EventBuilder()
            .withApiVersion("v1")
            .withKind("Event")
            .withMetadata(event.getMetadata())
            .withInvolvedObject(event.getRegarding())
            .withRelated(event.getRelated())
            .withReason(event.getReason())
            .withType(event.getType())
            .withMessage(event.getNote())
            .withAction(event.getAction())
            .withEventTime(event.getEventTime())
            .withReportingComponent(event.getReportingController())
            .withReportingInstance(event.getReportingInstance())
            .withCount(event.getDeprecatedCount())
            .withFirstTimestamp(event.getDeprecatedFirstTimestamp())
            .withLastTimestamp(event.getDeprecatedLastTimestamp())
            .withSource(event.getDeprecatedSource());
    if (event.getSeries() != null) {
      core.withSeries(
          new EventSeries(event.getSeries().getCount(), event.getSeries().getLastObservedTime()));
    }
    return core.build();
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
