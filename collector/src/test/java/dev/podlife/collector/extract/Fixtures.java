package dev.podlife.collector.extract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/** Kubernetes objects as the API server writes them, read from test resources. */
final class Fixtures {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private Fixtures() {}

  static Pod pod(String name) {
    return read("/pods/" + name + ".json", Pod.class);
  }

  static Event event(String name) {
    return read("/events/" + name + ".json", Event.class);
  }

  /** An Event as {@code kubectl get events.events.k8s.io -o json} shows it. */
  static io.fabric8.kubernetes.api.model.events.v1.Event eventsV1(String name) {
    return read("/events/" + name + ".json", io.fabric8.kubernetes.api.model.events.v1.Event.class);
  }

  private static <T> T read(String resource, Class<T> type) {
    try (InputStream in = Fixtures.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Missing test resource " + resource);
      }
      return SERIALIZATION.unmarshal(in, type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
