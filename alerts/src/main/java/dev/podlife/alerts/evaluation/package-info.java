/**
 * Alert evaluation: a rule's condition read as {@link dev.podlife.alerts.evaluation.Occurrence}s
 * from the projections, folded per {@link dev.podlife.alerts.evaluation.Group} into {@link
 * dev.podlife.alerts.evaluation.Episode}s by one pure function ({@link
 * dev.podlife.alerts.evaluation.Episodes}) that both the live {@link
 * dev.podlife.alerts.evaluation.AlertEvaluator} and the {@link
 * dev.podlife.alerts.evaluation.Backtest} use, so a backtest shows exactly what the rule would have
 * fired on.
 */
package dev.podlife.alerts.evaluation;
