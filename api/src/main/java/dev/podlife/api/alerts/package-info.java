/**
 * Alerting over HTTP: the alert rules ({@code /api/v1/alert-rules}: create, read, replace, delete,
 * their audit trail and a backtest over a past window), the alerts they raised ({@code
 * /api/v1/alerts}) and the notifications that carried them out ({@code /api/v1/alerts/deliveries},
 * where failed rows are the dead letters). Rules are validated and stored by {@code
 * dev.podlife.alerts.rules}; webhook secrets are never answered.
 */
package dev.podlife.api.alerts;
