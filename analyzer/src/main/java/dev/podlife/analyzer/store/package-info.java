/**
 * The event store ({@code fact}, partitioned by UTC day; natural keys unique across days through
 * {@code fact_key}): appends facts once per natural key ({@code COPY} into a staging table, then
 * one insert, {@code FactIngest}), creating the day partitions it needs first ({@code Partitions}),
 * and, in the same transaction, folds the newly stored ones into each pod's snapshot for the
 * projections kept with it, {@code pod} ({@code analyzer.pods}), {@code pod_history} ({@code
 * analyzer.history}) and the {@link dev.podlife.analyzer.store.FeatureProjection}s; the SQL lives
 * in the package-private SqlObject interfaces.
 */
package dev.podlife.analyzer.store;
