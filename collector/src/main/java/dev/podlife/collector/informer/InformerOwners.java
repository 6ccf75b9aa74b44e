package dev.podlife.collector.informer;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

import dev.podlife.collector.extract.WorkloadResolver;

/**
 * Looks up ReplicaSets and Jobs in the informer caches: the link from a pod's owner to its
 * Deployment or CronJob.
 */
final class InformerOwners implements WorkloadResolver.ControllerOwners {
  private final Map<String, List<SharedIndexInformer<? extends HasMetadata>>> byKind;

  InformerOwners(Map<String, List<SharedIndexInformer<? extends HasMetadata>>> byKind) {
    this.byKind = byKind;
  }

  @Override
  public Optional<List<OwnerReference>> ownerReferencesOf(
      String kind, String namespace, String name) {
    for (SharedIndexInformer<? extends HasMetadata> informer :
        byKind.getOrDefault(kind, List.of())) {
      HasMetadata found = informer.getStore().getByKey(namespace + "/" + name);
      if (found != null) {
        List<OwnerReference> owners = found.getMetadata().getOwnerReferences();
        return Optional.of(owners == null ? List.of() : owners);
      }
    }
    return Optional.empty();
  }
}
