package dev.podlife.simulator;

import io.fabric8.kubernetes.client.KubernetesClient;

/** What every scenario plays on: the API, simulated time, the shared event recorder, the namespace. */
record Stage(KubernetesClient client, Timeline timeline, EventRecorder events, String namespace) {}
