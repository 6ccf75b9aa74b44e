package dev.podlife.simulator;

import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * What every scenario plays on: the API, simulated time, the shared event recorder, the namespace.
 */
record Stage(KubernetesClient client, Timeline timeline, EventRecorder events, String namespace) {
  /** Names seeded by {@code seed}, UIDs by the seed and this run. */
  Identities identities(String seed) {
    return new Identities(seed, timeline.run());
  }
}
