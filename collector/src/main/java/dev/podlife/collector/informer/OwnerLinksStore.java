package dev.podlife.collector.informer;

import java.util.function.Function;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;

/**
 * An informer store that keeps only what workload resolution reads of a ReplicaSet or Job: its
 * identity and ownerReferences. Their pod templates and managedFields would otherwise cost several
 * KB per object.
 */
final class OwnerLinksStore<T extends HasMetadata> extends BasicItemStore<T> {
  private final Function<ObjectMeta, T> rebuild;

  OwnerLinksStore(Function<ObjectMeta, T> rebuild) {
    super(Cache::metaNamespaceKeyFunc);
    this.rebuild = rebuild;
  }

  @Override
  public T put(String key, T object) {
    ObjectMeta meta = object.getMetadata();
    return super.put(
        key,
        rebuild.apply(
            new ObjectMetaBuilder()
                .withNamespace(meta.getNamespace())
                .withName(meta.getName())
                .withUid(meta.getUid())
                .withResourceVersion(meta.getResourceVersion())
                .withOwnerReferences(meta.getOwnerReferences())
                .build()));
  }
}
