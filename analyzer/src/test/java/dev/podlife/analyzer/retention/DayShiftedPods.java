package dev.podlife.analyzer.retention;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import dev.podlife.analyzer.PodLife;
import dev.podlife.analyzer.terminations.PodVersions;
import dev.podlife.collector.extract.EventFacts;
import dev.podlife.collector.extract.PodSnapshots;
import dev.podlife.events.Fact;
import dev.podlife.events.FactDiff;
import dev.podlife.events.PodSnapshot;
import dev.podlife.testing.KubeJson;

/**
 * The recorded pod lives (test resources, all on 2026-11-20) moved to another UTC day and given
 * another UID, as the API server would have written them then: so that retention sees real facts of
 * several pods on several days.
 */
final class DayShiftedPods {
  static final String CLUSTER = PodLife.CLUSTER;
  private static final String RECORDED_DAY = "2026-11-20T";
  private static final String SHOP_UID = PodLife.UID;
  private static final String WEB_UID = "4d1f0e2a-7b3c-4e5d-9f60-0000000000a1";
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private DayShiftedPods() {}

  /** A UID of the recorded shape, unique per {@code n}. */
  static String uid(int n) {
    return String.format("00000000-0000-4000-8000-%012d", n);
  }

  private static String shifted(String resource, String recordedUid, String uid, LocalDate day) {
    return KubeJson.resource(resource)
        .replace(RECORDED_DAY, day + "T")
        .replace("\"" + recordedUid + "\"", "\"" + uid + "\"");
  }

  /**
   * The shop pod's life (pending → running → deleted) on {@code day}, its Unhealthy Event with it;
   * deleted when observed at {@code deletedAt} (null: at its deletionTimestamp, the same day).
   */
  static List<Fact> shop(String uid, LocalDate day, Instant deletedAt) {
    List<Fact> facts = new ArrayList<>();
    PodSnapshot previous = null;
    for (String step : PodLife.STEPS) {
      PodSnapshot current =
          PodSnapshots.of(
              CLUSTER,
              SERIALIZATION.unmarshal(
                  shifted("life/" + step + ".json", SHOP_UID, uid, day), Pod.class));
      facts.addAll(FactDiff.between(previous, current, null));
      previous = current;
      if (step.equals("4-running")) {
        Event unhealthy =
            SERIALIZATION.unmarshal(
                shifted("events/unhealthy.json", SHOP_UID, uid, day)
                    .replace("c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f", "event-" + uid),
                Event.class);
        facts.add(EventFacts.of(CLUSTER, unhealthy, u -> null, null).orElseThrow());
      }
    }
    facts.add(FactDiff.deleted(previous, deletedAt, false));
    return facts;
  }

  /** The web pod's life on {@code day}: OOMKilled, crash loops, terminations, deletion. */
  static List<Fact> web(String uid, LocalDate day) {
    List<Fact> facts = new ArrayList<>();
    PodSnapshot previous = null;
    for (String resource : PodVersions.WEB_LIFE) {
      PodSnapshot current =
          PodSnapshots.of(
              CLUSTER, SERIALIZATION.unmarshal(shifted(resource, WEB_UID, uid, day), Pod.class));
      facts.addAll(FactDiff.between(previous, current, null));
      previous = current;
    }
    facts.add(FactDiff.deleted(previous, null, false));
    return facts;
  }
}
