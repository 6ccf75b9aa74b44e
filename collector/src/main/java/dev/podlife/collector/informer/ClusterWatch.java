package dev.podlife.collector.informer;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

import dev.podlife.collector.CollectorException;
import dev.podlife.collector.extract.WorkloadResolver;

/**
 * The informers of one collector term: ReplicaSets and Jobs (to name workloads), then Pods and
 * core/v1 Events, in all namespaces or in each listed one. Every notification becomes an {@link
 * Observation} passed to the sink on the informer's own thread, so a blocking sink throttles the
 * informers.
 */
public final class ClusterWatch implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterWatch.class);

  private final KubernetesClient client;
  private final List<String> namespaces;
  private final long resyncMillis;
  private final Clock clock;
  private final Consumer<Observation> sink;
  private final Runnable onWatchRestart;
  private final Map<String, List<SharedIndexInformer<? extends HasMetadata>>> owners =
      new LinkedHashMap<>();
  private final List<SharedIndexInformer<Pod>> pods = new ArrayList<>();
  private final List<SharedIndexInformer<Event>> events = new ArrayList<>();
  private volatile boolean closed;

  /**
   * @param namespaces the namespaces to watch, empty for all
   * @param sink receives every observation; may block to apply back-pressure
   * @param onWatchRestart called each time a running informer's watch failed and is retried
   */
  public ClusterWatch(
      KubernetesClient client,
      List<String> namespaces,
      Duration resync,
      Clock clock,
      Consumer<Observation> sink,
      Runnable onWatchRestart) {
    this.client = client;
    this.namespaces = List.copyOf(namespaces);
    this.resyncMillis = resync.toMillis();
    this.clock = clock;
    this.sink = sink;
    this.onWatchRestart = onWatchRestart;
    owners.put("ReplicaSet", new ArrayList<>());
    owners.put("Job", new ArrayList<>());
  }

  /**
   * Resolves workloads through the ReplicaSet and Job caches, by heuristic while they have not
   * listed.
   */
  public WorkloadResolver workloads() {
    return WorkloadResolver.throughOwners(new InformerOwners(owners));
  }

  /**
   * Starts the owner informers and waits for them to list, then starts the Pod and Event informers
   * and waits for those; after the Pod informers have listed, a {@link Observation.PodsListed} goes
   * to the sink.
   *
   * @throws CollectorException when a Pod or Event informer cannot list (e.g. forbidden); missing
   *     access to ReplicaSets or Jobs only degrades workload names to the heuristic
   */
  public void start() {
    for (String namespace : scopes()) {
      SharedIndexInformer<ReplicaSet> replicaSets =
          informer(scoped(client.apps().replicaSets(), namespace), "replicasets", namespace, null);
      replicaSets.itemStore(
          new OwnerLinksStore<>(meta -> new ReplicaSetBuilder().withMetadata(meta).build()));
      owners.get("ReplicaSet").add(replicaSets);
      SharedIndexInformer<Job> jobs =
          informer(scoped(client.batch().v1().jobs(), namespace), "jobs", namespace, null);
      jobs.itemStore(new OwnerLinksStore<>(meta -> new JobBuilder().withMetadata(meta).build()));
      owners.get("Job").add(jobs);
    }
    for (var entry : owners.entrySet()) {
      for (SharedIndexInformer<? extends HasMetadata> informer : entry.getValue()) {
        try {
          join(informer.start(), entry.getKey() + " informer");
        } catch (CollectorException e) {
          // Workload names fall back to the pod-template-hash heuristic; pods and events still
          // flow.
          LOG.warn(
              "Couldn't list {}s, naming workloads by heuristic: {}",
              entry.getKey(),
              e.getMessage());
          informer.stop();
        }
      }
    }
    for (String namespace : scopes()) {
      pods.add(informer(scoped(client.pods(), namespace), "pods", namespace, new PodHandler()));
      // No field selector involvedObject.kind=Pod: fabric8's mock server matches no Event with it
      // (measured), so
      // EventHandler filters instead. Most Events in a cluster are about pods anyway.
      events.add(
          informer(
              scoped(client.v1().events(), namespace), "events", namespace, new EventHandler()));
    }
    List<CompletableFuture<Void>> podsListed = new ArrayList<>();
    for (SharedIndexInformer<Pod> informer : pods) {
      podsListed.add(informer.start().toCompletableFuture());
    }
    List<CompletableFuture<Void>> eventsListed = new ArrayList<>();
    for (SharedIndexInformer<Event> informer : events) {
      eventsListed.add(informer.start().toCompletableFuture());
    }
    join(CompletableFuture.allOf(podsListed.toArray(CompletableFuture[]::new)), "pod informers");
    if (closed) {
      return;
    }
    Set<String> live = new HashSet<>();
    for (SharedIndexInformer<Pod> informer : pods) {
      informer.getStore().list().forEach(p -> live.add(p.getMetadata().getUid()));
    }
    sink.accept(new Observation.PodsListed(live, clock.instant()));
    join(
        CompletableFuture.allOf(eventsListed.toArray(CompletableFuture[]::new)), "event informers");
  }

  /** Whether every informer has listed and none has stopped. */
  public boolean isWatching() {
    return !closed
        && !pods.isEmpty()
        && pods.stream().allMatch(i -> i.isRunning() && i.hasSynced())
        && events.stream().allMatch(i -> i.isRunning() && i.hasSynced());
  }

  /**
   * Whether the cluster is observed right now: {@link #isWatching()}, and every informer's watch is
   * connected (not while fabric8 reconnects after the API server went away).
   */
  public boolean isObserving() {
    return isWatching()
        && pods.stream().allMatch(SharedIndexInformer::isWatching)
        && events.stream().allMatch(SharedIndexInformer::isWatching);
  }

  @Override
  public void close() {
    closed = true;
    pods.forEach(SharedIndexInformer::stop);
    events.forEach(SharedIndexInformer::stop);
    owners.values().forEach(list -> list.forEach(SharedIndexInformer::stop));
  }

  private List<String> scopes() {
    // null stands for all namespaces
    return namespaces.isEmpty() ? java.util.Collections.singletonList(null) : namespaces;
  }

  private static <T extends HasMetadata, L, R extends Resource<T>>
      FilterWatchListDeletable<T, L, R> scoped(
          MixedOperation<T, L, R> operation, String namespace) {
    return namespace == null ? operation.inAnyNamespace() : operation.inNamespace(namespace);
  }

  private <T extends HasMetadata> SharedIndexInformer<T> informer(
      Informable<T> operation, String resource, String namespace, ResourceEventHandler<T> handler) {
    String scope = namespace == null ? "all namespaces" : "namespace " + namespace;
    SharedIndexInformer<T> informer = operation.runnableInformer(resyncMillis);
    // Set before start: a failed initial list fails start(); a broken watch of a running informer
    // is retried.
    informer.exceptionHandler(
        (started, error) -> {
          if (!started || closed) {
            return false;
          }
          onWatchRestart.run();
          LOG.warn("Watch of {} in {} failed, retrying: {}", resource, scope, error.toString());
          return true;
        });
    if (handler != null) {
      informer.addEventHandler(handler);
    }
    return informer;
  }

  private static void join(java.util.concurrent.CompletionStage<Void> stage, String what) {
    try {
      stage.toCompletableFuture().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CollectorException("Interrupted while waiting for " + what + " to list", e);
    } catch (ExecutionException e) {
      throw new CollectorException(
          "Couldn't start " + what + ": " + e.getCause().getMessage(), e.getCause());
    }
  }

  private final class PodHandler implements ResourceEventHandler<Pod> {
    @Override
    public void onAdd(Pod pod) {
      PodMdc.run(
          pod,
          pod.getMetadata().getUid(),
          () -> sink.accept(new Observation.PodChanged(pod, clock.instant())));
    }

    @Override
    public void onUpdate(Pod oldPod, Pod pod) {
      PodMdc.run(
          pod,
          pod.getMetadata().getUid(),
          () -> sink.accept(new Observation.PodChanged(pod, clock.instant())));
    }

    @Override
    public void onDelete(Pod pod, boolean deletedFinalStateUnknown) {
      PodMdc.run(
          pod,
          pod.getMetadata().getUid(),
          () ->
              sink.accept(new Observation.PodGone(pod, deletedFinalStateUnknown, clock.instant())));
    }
  }

  private final class EventHandler implements ResourceEventHandler<Event> {
    @Override
    public void onAdd(Event event) {
      changed(event);
    }

    @Override
    public void onUpdate(Event oldEvent, Event event) {
      changed(event);
    }

    @Override
    public void onDelete(Event event, boolean deletedFinalStateUnknown) {
      if (isAboutPod(event)) {
        PodMdc.run(
            event,
            event.getInvolvedObject().getUid(),
            () -> sink.accept(new Observation.EventGone(event, clock.instant())));
      }
    }

    private void changed(Event event) {
      if (isAboutPod(event)) {
        PodMdc.run(
            event,
            event.getInvolvedObject().getUid(),
            () -> sink.accept(new Observation.EventChanged(event, clock.instant())));
      }
    }

    private static boolean isAboutPod(Event event) {
      return event.getInvolvedObject() != null && "Pod".equals(event.getInvolvedObject().getKind());
    }
  }
}
