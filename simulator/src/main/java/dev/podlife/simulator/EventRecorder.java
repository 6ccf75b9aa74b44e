package dev.podlife.simulator;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.EventSource;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Records core/v1 Events about pods as client-go's legacy recorder in the kubelet does: a repeated
 * event (same object, field path, type, reason, message and source) updates the SAME Event object
 * with {@code count+1} and a new {@code lastTimestamp}. The scheduler's events come through
 * events.k8s.io, so in core/v1 they carry {@code eventTime}, {@code action} and reporting fields
 * but no source, count or first/last timestamps.
 */
final class EventRecorder {
  static final String SCHEDULER = "default-scheduler";
  static final String SCHEDULER_INSTANCE = "default-scheduler-sim-control-plane";

  private record Key(
      String podUid, String fieldPath, String type, String reason, String message, String host) {}

  private final KubernetesClient client;
  private final Map<Key, Event> recorded = new HashMap<>();
  private final Identities ids;
  private long lastNameNanos;

  EventRecorder(KubernetesClient client, Timeline timeline) {
    this.client = client;
    this.ids = new Identities("events", timeline.run());
  }

  /**
   * An event from the kubelet on {@code node} at {@code now}; {@code fieldPath} is null for
   * pod-level events.
   */
  synchronized void kubelet(
      Pod pod,
      String node,
      String fieldPath,
      String type,
      String reason,
      String message,
      Instant now) {
    Key key = new Key(pod.getMetadata().getUid(), fieldPath, type, reason, message, node);
    Event previous = recorded.get(key);
    Event written;
    try {
      if (previous == null) {
        Event event =
            new EventBuilder()
                .withNewMetadata()
                .withName(name(pod, now))
                .withNamespace(pod.getMetadata().getNamespace())
                .withUid(ids.uid())
                .withCreationTimestamp(Timeline.time(now))
                .endMetadata()
                .withInvolvedObject(reference(pod, fieldPath))
                .withReason(reason)
                .withMessage(message)
                .withType(type)
                .withSource(new EventSource("kubelet", node))
                .withFirstTimestamp(Timeline.time(now))
                .withLastTimestamp(Timeline.time(now))
                .withCount(1)
                .withReportingComponent("kubelet")
                .withReportingInstance(node)
                .build();
        written =
            client
                .v1()
                .events()
                .inNamespace(event.getMetadata().getNamespace())
                .resource(event)
                .create();
      } else {
        Event repeated =
            new EventBuilder(previous)
                .withCount(previous.getCount() + 1)
                .withLastTimestamp(Timeline.time(now))
                .build();
        written =
            client
                .v1()
                .events()
                .inNamespace(repeated.getMetadata().getNamespace())
                .resource(repeated)
                .update();
      }
    } catch (KubernetesClientException e) {
      throw new SimulatorException(
          "Couldn't record "
              + reason
              + " event for pod "
              + pod.getMetadata().getNamespace()
              + "/"
              + pod.getMetadata().getName(),
          e);
    }
    recorded.put(key, written);
  }

  /**
   * The scheduler's {@code Scheduled} event, written through events.k8s.io/v1 as kube-scheduler
   * does.
   */
  synchronized void scheduled(Pod pod, String node, Instant now) {
    String ns = pod.getMetadata().getNamespace();
    Event event =
        new EventBuilder()
            .withNewMetadata()
            .withName(name(pod, now))
            .withNamespace(ns)
            .withUid(ids.uid())
            .withCreationTimestamp(Timeline.time(now))
            .endMetadata()
            .withInvolvedObject(reference(pod, null))
            .withReason("Scheduled")
            .withMessage(
                "Successfully assigned " + ns + "/" + pod.getMetadata().getName() + " to " + node)
            .withType("Normal")
            .withSource(new EventSource())
            .withEventTime(new MicroTime(Timeline.microTime(now)))
            .withAction("Binding")
            .withReportingComponent(SCHEDULER)
            .withReportingInstance(SCHEDULER_INSTANCE)
            .build();
    try {
      client.v1().events().inNamespace(ns).resource(event).create();
    } catch (KubernetesClientException e) {
      throw new SimulatorException(
          "Couldn't record Scheduled event for pod " + ns + "/" + pod.getMetadata().getName(), e);
    }
  }

  /**
   * Forgets the aggregation state of a deleted pod; its Events stay in the API as they would for an
   * hour.
   */
  synchronized void forget(String podUid) {
    recorded.keySet().removeIf(key -> key.podUid().equals(podUid));
  }

  private String name(Pod pod, Instant now) {
    // client-go names events <object>.<hex unix nanos>; keep them unique even within one
    // nanosecond.
    long nanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    lastNameNanos = Math.max(nanos, lastNameNanos + 1);
    return pod.getMetadata().getName() + "." + Long.toHexString(lastNameNanos);
  }

  private static ObjectReference reference(Pod pod, String fieldPath) {
    return new ObjectReferenceBuilder()
        .withApiVersion("v1")
        .withKind("Pod")
        .withNamespace(pod.getMetadata().getNamespace())
        .withName(pod.getMetadata().getName())
        .withUid(pod.getMetadata().getUid())
        .withResourceVersion(pod.getMetadata().getResourceVersion())
        .withFieldPath(fieldPath)
        .build();
  }
}
