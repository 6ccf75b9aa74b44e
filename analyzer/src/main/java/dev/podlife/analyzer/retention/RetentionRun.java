package dev.podlife.analyzer.retention;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One retention run as recorded in {@code retention_run}.
 *
 * @param cutoff the first UTC day kept (everything before it is gone), or null when nothing was
 *     dropped
 * @param reason {@code none}, {@code age}, {@code size} or {@code age+size}
 * @param daysDropped the UTC days whose partitions were dropped, oldest first
 * @param limitNotMet why {@code --max-storage} could not be met, or null
 */
public record RetentionRun(
    long id,
    Instant startedAt,
    Instant finishedAt,
    LocalDate cutoff,
    String reason,
    Long retentionSeconds,
    Long maxStorageBytes,
    int partitionsDropped,
    List<LocalDate> daysDropped,
    int podsForgotten,
    int deadLettersDeleted,
    long bytesBefore,
    long bytesFreed,
    String limitNotMet) {
  public RetentionRun {
    daysDropped = List.copyOf(daysDropped);
  }
}
