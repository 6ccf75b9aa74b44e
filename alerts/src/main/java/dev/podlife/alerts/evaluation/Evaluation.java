package dev.podlife.alerts.evaluation;

/**
 * What one evaluation did: {@code evaluated} is false when another evaluator held the lock (nothing
 * was done); {@code fired} counts alerts that started firing, {@code updated} firing alerts that
 * saw new occurrences, and {@code resolved} alerts that ended (including episodes recorded only
 * after they ended).
 */
public record Evaluation(boolean evaluated, int fired, int updated, int resolved) {
  static final Evaluation SKIPPED = new Evaluation(false, 0, 0, 0);
}
