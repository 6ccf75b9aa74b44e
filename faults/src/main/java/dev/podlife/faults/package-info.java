/**
 * The fault harness: runs Kafka, PostgreSQL, {@code podlife simulate}, {@code collector}, {@code
 * analyzer} and {@code api} as separate OS processes, kills and cuts them off, and checks
 * afterwards that no fact was lost or counted twice. Run by hand ({@link
 * dev.podlife.faults.FaultHarness}); {@code ./mvnw verify} runs only its smoke variant.
 */
package dev.podlife.faults;
