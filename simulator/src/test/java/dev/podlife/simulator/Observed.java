package dev.podlife.simulator;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

/**
 * Everything a collector's informers would see of pods and core/v1 Events in the demo namespace, in
 * order.
 */
final class Observed implements AutoCloseable {
  enum Kind {
    ADDED,
    UPDATED,
    DELETED
  }

  record Change<T>(Kind kind, T object) {}

  final List<Change<Pod>> pods = new CopyOnWriteArrayList<>();
  final List<Change<Event>> events = new CopyOnWriteArrayList<>();
  final List<Throwable> failures = new CopyOnWriteArrayList<>();
  private final SharedIndexInformer<Pod> podInformer;
  private final SharedIndexInformer<Event> eventInformer;

  Observed(KubernetesClient client) {
    podInformer = client.pods().inNamespace(Demo.NAMESPACE).runnableInformer(0);
    podInformer.exceptionHandler(
        (running, t) -> {
          failures.add(t);
          return running;
        });
    podInformer.addEventHandler(recorder(pods));
    eventInformer = client.v1().events().inNamespace(Demo.NAMESPACE).runnableInformer(0);
    eventInformer.exceptionHandler(
        (running, t) -> {
          failures.add(t);
          return running;
        });
    eventInformer.addEventHandler(recorder(events));
    podInformer.start().toCompletableFuture().join();
    eventInformer.start().toCompletableFuture().join();
  }

  private static <T> ResourceEventHandler<T> recorder(List<Change<T>> into) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T obj) {
        into.add(new Change<>(Kind.ADDED, obj));
      }

      @Override
      public void onUpdate(T oldObj, T newObj) {
        into.add(new Change<>(Kind.UPDATED, newObj));
      }

      @Override
      public void onDelete(T obj, boolean deletedFinalStateUnknown) {
        into.add(new Change<>(Kind.DELETED, obj));
      }
    };
  }

  List<Change<Pod>> podChanges(Predicate<Pod> which) {
    return pods.stream().filter(c -> which.test(c.object())).toList();
  }

  List<Change<Event>> eventChanges(Predicate<Event> which) {
    return events.stream().filter(c -> which.test(c.object())).toList();
  }

  static Predicate<Pod> podOf(String workload) {
    return p -> workload.equals(p.getMetadata().getLabels().get("app"));
  }

  @Override
  public void close() {
    podInformer.close();
    eventInformer.close();
  }
}
