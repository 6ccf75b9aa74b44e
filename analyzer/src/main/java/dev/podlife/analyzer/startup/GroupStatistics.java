package dev.podlife.analyzer.startup;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One group's row of the startup report, accumulated pod by pod from one read of {@code
 * pod_startup} (see {@link StartupSample}): pods, started, why the others did not start, and every
 * transition's values.
 */
final class GroupStatistics {
  final String cluster;
  final String groupKey;
  long pods;
  long started;
  final Map<String, Long> notStarted = new TreeMap<>();
  final TransitionValues[] transitions = new TransitionValues[Transition.NAMES.size()];

  GroupStatistics(String cluster, String groupKey) {
    this.cluster = cluster;
    this.groupKey = groupKey;
    for (int i = 0; i < transitions.length; i++) {
      transitions[i] = new TransitionValues();
    }
  }

  /** This group under {@code label}: itself when that is its key already. */
  GroupStatistics relabelled(String label) {
    if (label.equals(groupKey)) {
      return this;
    }
    GroupStatistics g = new GroupStatistics(cluster, label);
    g.addAll(this);
    return g;
  }

  /** Adds the pods of {@code other}, a group with the same key read by another connection. */
  void addAll(GroupStatistics other) {
    pods += other.pods;
    started += other.started;
    other.notStarted.forEach((reason, n) -> notStarted.merge(reason, n, Long::sum));
    for (int i = 0; i < transitions.length; i++) {
      transitions[i].addAll(other.transitions[i]);
    }
  }

  /**
   * Each transition's statistics in {@link Transition#NAMES} order, only those with at least one
   * pod having both ends.
   */
  Map<String, Transition> transitionStatistics() {
    Map<String, Transition> result = new LinkedHashMap<>();
    for (int i = 0; i < transitions.length; i++) {
      Transition t = transitions[i].transition();
      if (t != null) {
        result.put(Transition.NAMES.get(i), t);
      }
    }
    return result;
  }
}
