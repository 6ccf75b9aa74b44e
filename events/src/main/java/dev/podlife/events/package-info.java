/**
 * The Kafka contract of podlife: the typed lifecycle {@link dev.podlife.events.Fact facts} a
 * collector derives from Pod and Event objects, the {@link dev.podlife.events.PodSnapshot pod
 * snapshot} those facts describe, and their versioned JSON form ({@link
 * dev.podlife.events.FactSerde}).
 *
 * <p>The collector computes facts as {@link dev.podlife.events.FactDiff#between the difference of
 * two snapshots}; the analyzer rebuilds the snapshot by {@link dev.podlife.events.PodSnapshot#apply
 * applying} them in order. The two are inverse operations, which is what makes the analyzer's
 * projections rebuildable from the event store alone.
 */
package dev.podlife.events;
