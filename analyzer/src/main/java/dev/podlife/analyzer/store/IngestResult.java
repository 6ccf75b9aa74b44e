package dev.podlife.analyzer.store;

/**
 * What one {@link FactStore#append} did.
 *
 * @param received facts handed in
 * @param inserted facts stored for the first time (and projected)
 * @param duplicates facts already stored under their natural key, ignored
 */
public record IngestResult(int received, int inserted, int duplicates) {
  public static final IngestResult EMPTY = new IngestResult(0, 0, 0);

  public IngestResult plus(IngestResult other) {
    return new IngestResult(
        received + other.received, inserted + other.inserted, duplicates + other.duplicates);
  }
}
