/**
 * The event store ({@code fact}) and the projections kept with it in the same transaction ({@code pod},
 * {@code pod_history}); the SQL lives in the package-private SqlObject interfaces.
 */
package dev.podlife.analyzer.store;
