package dev.podlife.collector.extract;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;

import dev.podlife.events.EventObserved;
import dev.podlife.events.KubeEvent;
import dev.podlife.events.PodRef;
import dev.podlife.events.Workload;

import static org.assertj.core.api.Assertions.assertThat;

class EventFactsTest {
  private static final Instant NOW = Instant.parse("2026-11-25T16:30:00Z");

  @Test
  void aRepeatedProbeFailureCarriesItsCountAndIsTimedByItsLastOccurrence() {
    EventObserved fact =
        EventFacts.of("prod", Fixtures.event("unhealthy-liveness"), uid -> null, NOW).orElseThrow();

    KubeEvent event = fact.event();
    assertThat(event.uid()).isEqualTo("e1e2e3e4-f5f6-4a7b-8c9d-0e1f2a3b4c5d");
    assertThat(event.name()).isEqualTo("web-7d4b9c8f5d-x2k8p.187a9c1e2f3d4b5a");
    assertThat(event.reason()).isEqualTo("Unhealthy");
    assertThat(event.type()).isEqualTo("Warning");
    assertThat(event.message()).startsWith("Liveness probe failed: ");
    assertThat(event.count()).isEqualTo(12);
    assertThat(event.firstTimestamp()).isEqualTo(Instant.parse("2026-11-25T16:12:00Z"));
    assertThat(event.lastTimestamp()).isEqualTo(Instant.parse("2026-11-25T16:13:50Z"));
    assertThat(event.eventTime()).isNull();
    assertThat(event.seriesCount()).isNull();
    assertThat(event.reportingComponent()).isEqualTo("kubelet");
    assertThat(event.reportingInstance()).isEqualTo("node-b");
    assertThat(event.sourceComponent()).isEqualTo("kubelet");
    assertThat(event.sourceHost()).isEqualTo("node-b");
    assertThat(event.fieldPath()).isEqualTo("spec.containers{app}");
    assertThat(event.containerName()).isEqualTo("app");

    assertThat(fact.at()).isEqualTo(Instant.parse("2026-11-25T16:13:50Z"));
    assertThat(fact.observedAt()).isEqualTo(NOW);
    assertThat(fact.resourceVersion()).isEqualTo("48544");
    assertThat(fact.pod())
        .isEqualTo(
            new PodRef(
                "prod",
                "a1b2c3d4-e5f6-4789-9abc-def012345678",
                "shop",
                "web-7d4b9c8f5d-x2k8p",
                null));
  }

  @Test
  void anEventReadThroughEventsK8sIoIsTheSameFactAsThroughCoreV1() {
    // the same stored object, once as core/v1 and once as events.k8s.io/v1 (note, regarding,
    // deprecated* fields)
    assertThat(
            EventFacts.of(
                "prod",
                EventFacts.asCoreEvent(Fixtures.eventsV1("events-v1-unhealthy-liveness")),
                uid -> null,
                NOW))
        .isEqualTo(EventFacts.of("prod", Fixtures.event("unhealthy-liveness"), uid -> null, NOW))
        .hasValueSatisfying(fact -> assertThat(fact.event().count()).isEqualTo(12));
    assertThat(
            EventFacts.of(
                "prod",
                EventFacts.asCoreEvent(Fixtures.eventsV1("events-v1-failed-scheduling-series")),
                uid -> null,
                null))
        .isEqualTo(
            EventFacts.of("prod", Fixtures.event("failed-scheduling-series"), uid -> null, null))
        .hasValueSatisfying(
            fact -> {
              assertThat(fact.event().seriesCount()).isEqualTo(3);
              assertThat(fact.at()).isEqualTo(Instant.parse("2026-11-25T16:05:00.918273Z"));
            });
  }

  @Test
  void aKnownPodLendsTheEventItsWorkload() {
    PodRef known =
        new PodRef(
            "prod",
            "a1b2c3d4-e5f6-4789-9abc-def012345678",
            "shop",
            "web-7d4b9c8f5d-x2k8p",
            new Workload("Deployment", "web"));

    EventObserved fact =
        EventFacts.of(
                "prod",
                Fixtures.event("unhealthy-liveness"),
                uid -> uid.equals(known.uid()) ? known : null,
                NOW)
            .orElseThrow();

    assertThat(fact.pod()).isEqualTo(known);
  }

  @Test
  void anEventSeriesIsTimedByItsLastObservationWithMicrosecondPrecision() {
    EventObserved fact =
        EventFacts.of("prod", Fixtures.event("failed-scheduling-series"), uid -> null, null)
            .orElseThrow();

    KubeEvent event = fact.event();
    assertThat(event.seriesCount()).isEqualTo(3);
    assertThat(event.seriesLastObservedTime())
        .isEqualTo(Instant.parse("2026-11-25T16:05:00.918273Z"));
    assertThat(event.eventTime()).isEqualTo(Instant.parse("2026-11-25T16:00:00.412337Z"));
    assertThat(event.firstTimestamp()).isNull();
    assertThat(event.occurrences()).isEqualTo(3);
    assertThat(event.action()).isEqualTo("Scheduling");
    assertThat(event.reportingComponent()).isEqualTo("default-scheduler");
    assertThat(event.sourceComponent()).isNull();
    assertThat(event.fieldPath()).isNull();
    assertThat(fact.at()).isEqualTo(Instant.parse("2026-11-25T16:05:00.918273Z"));
    assertThat(fact.observedAt()).isNull();
  }

  @Test
  void aSingleEventWithoutCountCountsOnce() {
    Event event =
        new EventBuilder(Fixtures.event("unhealthy-liveness"))
            .withCount(null)
            .withFirstTimestamp(null)
            .withLastTimestamp(null)
            .build();

    EventObserved fact = EventFacts.of("prod", event, uid -> null, NOW).orElseThrow();

    assertThat(fact.event().count()).isEqualTo(1);
    assertThat(fact.at()).isEqualTo(Instant.parse("2026-11-25T16:12:00Z")); // creationTimestamp
  }

  @Test
  void eventsAboutOtherKindsAreNotPodFacts() {
    Event aboutNode =
        new EventBuilder(Fixtures.event("unhealthy-liveness"))
            .editInvolvedObject()
            .withKind("Node")
            .endInvolvedObject()
            .build();

    assertThat(EventFacts.of("prod", aboutNode, uid -> null, NOW)).isEmpty();
  }
}
