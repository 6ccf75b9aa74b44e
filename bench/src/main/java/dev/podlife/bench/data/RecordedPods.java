package dev.podlife.bench.data;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import dev.podlife.collector.extract.EventFacts;
import dev.podlife.collector.extract.PodFactTracker;
import dev.podlife.collector.extract.WorkloadResolver;
import dev.podlife.events.Fact;
import dev.podlife.events.PodRef;
import dev.podlife.events.PodSnapshot;
import dev.podlife.testing.KubeJson;

/**
 * Realistic pods for the benchmarks: the recorded lives of the {@code testing} module (pod objects
 * as the API server wrote them: crash loops, OOM kills, sidecars, graceful and killed shutdowns,
 * evictions…, as pod objects or watch streams with their Events) through the collector's own
 * extraction ({@link PodFactTracker}, {@link EventFacts}) into facts. Copy {@code n} of a life gets
 * its own uids, name, namespace and start time (every timestamp of the recording shifted alike), so
 * any number of distinct pods keep the recordings' shapes.
 */
public final class RecordedPods {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final Pattern TIMESTAMP =
      Pattern.compile("\"(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?Z)\"");
  private static final Pattern UID = Pattern.compile("(\"uid\"\\s*:\\s*\")([^\"]+)\"");

  /** Successive versions of one pod object each, as kept under the testing module's resources. */
  private static final List<List<String>> LIVES =
      List.of(
          List.of(
              "life/1-pending",
              "life/2-scheduled",
              "life/3-container-creating",
              "life/4-running",
              "life/5-terminating"),
          List.of(
              "terminations/web-1-running",
              "terminations/web-2-oom-killed",
              "terminations/web-3-crash-loop",
              "terminations/web-4-running-again",
              "terminations/web-5-segfault-between-observations",
              "terminations/web-6-back-off-capped",
              "terminations/web-7-running-for-good",
              "terminations/web-8-stopped-after-23-minutes",
              "terminations/web-9-deleted"),
          List.of(
              "sidecars/job-1-sidecar-creating",
              "sidecars/job-2-sidecar-running-not-started",
              "sidecars/job-3-sidecar-started-initialized",
              "sidecars/job-4-running",
              "sidecars/job-5-main-completed",
              "sidecars/job-6-sidecar-stopped-succeeded"),
          List.of("audit/good-1-running", "audit/good-2-terminating", "audit/good-3-exited"),
          List.of(
              "audit/migrating-1-init-running",
              "audit/migrating-2-init-failed",
              "audit/migrating-3-init-running-again",
              "audit/migrating-4-ready"),
          List.of(
              "audit/stubborn-1-1-running",
              "audit/stubborn-1-2-terminating",
              "audit/stubborn-1-3-killed"),
          List.of("audit/api-1-running"),
          List.of("audit/worker-1-running"),
          List.of("audit/report-1-completed"),
          List.of("history/db-0-first-running", "history/db-0-first-terminating"),
          List.of("history/db-1-running"),
          List.of("shutdown/clean"),
          List.of("shutdown/evicted"),
          List.of("shutdown/killed-after-grace"),
          List.of("shutdown/node-lost"),
          List.of("shutdown/loap-scale-to-zero"),
          List.of("shutdown/second-delete"),
          List.of("shutdown/oom-and-errors"),
          List.of("shutdown/restarted-before-deletion"),
          List.of("shutdown/sidecar-stopped-last"),
          List.of("shutdown/two-sidecars-stopped-in-reverse"),
          List.of("terminations/container-cannot-run"),
          List.of("terminations/deadline-exceeded"),
          List.of("terminations/evicted-by-eviction-api"),
          List.of("terminations/node-shutdown"),
          List.of("terminations/oom-1-restarted", "terminations/oom-2-sigterm-reported-oom"),
          List.of("terminations/preempted"),
          List.of("terminations/start-error"),
          List.of("terminations/stopped-cleanly-on-delete"),
          List.of("terminations/taint-manager"));

  /** A kubelet's "Readiness probe failed" Event, as the API server wrote it. */
  private static final String READINESS_EVENT = "probes/event-readiness-count-1";

  private final List<List<String>> recordings;
  private final String readinessEvent;

  private RecordedPods(List<List<String>> recordings, String readinessEvent) {
    this.recordings = recordings;
    this.readinessEvent = readinessEvent;
  }

  /** Every recorded life, read once. */
  public static RecordedPods load() {
    return new RecordedPods(
        LIVES.stream()
            .map(life -> life.stream().map(v -> KubeJson.resource(v + ".json")).toList())
            .toList(),
        KubeJson.resource(READINESS_EVENT + ".json"));
  }

  /** How many different lives copies cycle through. */
  public int lives() {
    return recordings.size();
  }

  /**
   * The facts of copy {@code n} (life {@code n % lives()}), its first timestamp at {@code start},
   * in cluster {@code cluster}: the facts the collector derives from its versions in order, and its
   * deletion when the last version is being deleted.
   */
  public List<Fact> pod(String cluster, int n, Instant start) {
    List<String> versions = recordings.get(n % recordings.size());
    Duration shift = Duration.between(earliest(versions), start);
    String suffix = "-b" + n;
    String namespaceSuffix = "-" + (n % 40);
    PodFactTracker tracker = new PodFactTracker(cluster, WorkloadResolver.heuristic());
    List<Fact> facts = new ArrayList<>();
    Pod last = null;
    boolean deleted = false;
    for (String json : versions) {
      // a recording is one pod object, or a watch stream (one event per line, Pods and Events)
      List<String> objects =
          json.startsWith("{\"type\"") ? List.of(json.split("\n")) : List.of(json);
      for (String object : objects) {
        if (object.isBlank()) {
          continue;
        }
        String text = rewrite(object, shift, suffix);
        if (object.startsWith("{\"type\"")) {
          WatchEvent watch = SERIALIZATION.unmarshal(text, WatchEvent.class);
          switch (watch.getObject()) {
            case Pod pod -> {
              rename(pod, suffix, namespaceSuffix);
              if ("DELETED".equals(watch.getType())) {
                facts.addAll(tracker.onPodDeleted(pod, null));
                deleted = true;
              } else {
                facts.addAll(tracker.onPod(pod, null));
              }
              last = pod;
            }
            case Event event -> {
              event
                  .getMetadata()
                  .setNamespace(event.getMetadata().getNamespace() + namespaceSuffix);
              EventFacts.of(
                      cluster,
                      event,
                      uid -> {
                        PodSnapshot known = tracker.get(uid);
                        return known == null ? null : known.pod();
                      },
                      null)
                  .ifPresent(facts::add);
            }
            default -> {
              // other kinds in a watch stream carry no pod facts
            }
          }
        } else {
          Pod pod = SERIALIZATION.unmarshal(text, Pod.class);
          rename(pod, suffix, namespaceSuffix);
          facts.addAll(tracker.onPod(pod, null));
          last = pod;
        }
      }
    }
    if (!deleted && last != null && last.getMetadata().getDeletionTimestamp() != null) {
      facts.addAll(tracker.onPodDeleted(last, null));
    }
    return facts;
  }

  /**
   * The facts of {@code life} followed by {@code failures} updates of one readiness-probe failure
   * Event of its pod (the kubelet's {@code Unhealthy} Event, count 1, 2, … every 10 s from its
   * first fact on, each update a fact of its own), as a pod with a flaky readiness probe
   * accumulates.
   */
  public List<Fact> withFailingReadiness(String cluster, List<Fact> life, int failures) {
    if (life.isEmpty() || failures == 0) {
      return life;
    }
    PodRef pod = life.getFirst().pod();
    Instant first = life.getFirst().at();
    List<Fact> facts = new ArrayList<>(life);
    for (int count = 1; count <= failures; count++) {
      Event event = SERIALIZATION.unmarshal(readinessEvent, Event.class);
      event.getInvolvedObject().setUid(pod.uid());
      event.getInvolvedObject().setName(pod.name());
      event.getInvolvedObject().setNamespace(pod.namespace());
      event.getMetadata().setNamespace(pod.namespace());
      event.getMetadata().setName(pod.name() + ".readiness");
      event.getMetadata().setUid(pod.uid() + "-readiness");
      event.getMetadata().setResourceVersion(Integer.toString(900_000 + count));
      event.setCount(count);
      event.setFirstTimestamp(first.toString());
      event.setLastTimestamp(first.plusSeconds(10L * count).toString());
      event.getMetadata().setCreationTimestamp(first.toString());
      EventFacts.of(cluster, event, uid -> uid.equals(pod.uid()) ? pod : null, null)
          .ifPresent(facts::add);
    }
    return facts;
  }

  private static void rename(Pod pod, String suffix, String namespaceSuffix) {
    pod.getMetadata().setName(pod.getMetadata().getName() + suffix);
    pod.getMetadata().setNamespace(pod.getMetadata().getNamespace() + namespaceSuffix);
  }

  /** Every timestamp shifted by {@code shift}, every uid given {@code suffix}. */
  private static String rewrite(String json, Duration shift, String suffix) {
    Matcher times = TIMESTAMP.matcher(json);
    StringBuilder shifted = new StringBuilder(json.length() + 64);
    while (times.find()) {
      Instant t = Instant.parse(times.group(1));
      times.appendReplacement(
          shifted, "\"" + (t.equals(Instant.EPOCH) ? t : t.plus(shift)).toString() + "\"");
    }
    times.appendTail(shifted);
    return UID.matcher(shifted).replaceAll("$1$2" + suffix + "\"");
  }

  private static Instant earliest(List<String> versions) {
    Instant earliest = null;
    for (String json : versions) {
      Matcher times = TIMESTAMP.matcher(json);
      while (times.find()) {
        try {
          Instant t = Instant.parse(times.group(1));
          // the epoch is Kubernetes' "never" (a container that never started), not a time of the
          // pod
          if (t.isAfter(Instant.EPOCH) && (earliest == null || t.isBefore(earliest))) {
            earliest = t;
          }
        } catch (DateTimeParseException e) {
          // a string shaped like a time that is none is not a timestamp of the pod
        }
      }
    }
    return earliest == null ? Instant.EPOCH : earliest;
  }
}
