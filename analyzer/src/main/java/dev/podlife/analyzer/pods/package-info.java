/**
 * The {@code pod} projection: each pod's current state with the kubectl STATUS / READY / RESTARTS
 * columns, written by {@link dev.podlife.analyzer.pods.PodProjection} in the fact store's
 * transaction and read through {@link dev.podlife.analyzer.pods.Pods} (listing pages, one pod's
 * detail, pod identities for alert selectors).
 */
package dev.podlife.analyzer.pods;
