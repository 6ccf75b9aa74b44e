/** The kubectl STATUS, READY and RESTARTS columns, computed as kubectl's printPod does. */
package dev.podlife.analyzer.status;
