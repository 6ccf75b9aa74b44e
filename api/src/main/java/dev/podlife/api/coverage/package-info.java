/** The coverage route: when a cluster was observed by a collector and the gaps in between. */
package dev.podlife.api.coverage;
