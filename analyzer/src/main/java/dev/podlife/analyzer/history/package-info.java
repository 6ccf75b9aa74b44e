/** Human one-line summaries of facts for a pod's history. */
package dev.podlife.analyzer.history;
