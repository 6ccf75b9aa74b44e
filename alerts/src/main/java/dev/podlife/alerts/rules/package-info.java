/** Alert rules: the contract users write (JSON), its validation, and the stored form. */
package dev.podlife.alerts.rules;
