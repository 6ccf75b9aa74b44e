/**
 * Leader election over a coordination.k8s.io Lease, so that one collector replica per cluster
 * produces facts.
 */
package dev.podlife.collector.leader;
