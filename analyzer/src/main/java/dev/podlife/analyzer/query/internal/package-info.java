/**
 * Machinery of the projections' read interfaces: how their SQL is assembled from constant fragments
 * and run. Not API: public only because the feature packages share it; it may change without
 * notice.
 */
package dev.podlife.analyzer.query.internal;
