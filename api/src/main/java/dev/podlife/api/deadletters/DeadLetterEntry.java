package dev.podlife.api.deadletters;

import java.time.Instant;

/**
 * One dead letter as listed: where the record was in Kafka, its key, why it is not a fact, how
 * large its value is, and the value itself only when it is small UTF-8 text ({@value
 * DeadLetterRoutes#MAX_VALUE_BYTES} bytes at most), else null.
 */
public record DeadLetterEntry(
    long id,
    String topic,
    int partition,
    long offset,
    String key,
    String error,
    Integer valueBytes,
    String value,
    Instant receivedAt) {}
