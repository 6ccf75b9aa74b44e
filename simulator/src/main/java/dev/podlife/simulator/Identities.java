package dev.podlife.simulator;

import java.util.HexFormat;
import java.util.Random;
import java.util.UUID;

/**
 * Seeded names and ids for one scenario: every run of the demo produces the same names in the same
 * order, while UIDs also depend on the run (the moment it started), so two demo runs feeding one
 * event store never share a pod UID. Suffixes use the alphabet of apimachinery's {@code
 * rand.String}.
 */
final class Identities {
  private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

  private final Random random;
  private final Random uids;

  Identities(String seed, long run) {
    this.random = new Random(seed.hashCode() * 31L + seed.length());
    this.uids = new Random(run * 1_000_003L ^ seed.hashCode());
  }

  synchronized String suffix(int length) {
    StringBuilder s = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      s.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return s.toString();
  }

  /** A random (version 4) UUID drawn from the seeded generator. */
  synchronized String uid() {
    long msb = (uids.nextLong() & ~0xF000L) | 0x4000L;
    long lsb = (uids.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb).toString();
  }

  synchronized String hex(int bytes) {
    byte[] b = new byte[bytes];
    random.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  synchronized int between(int low, int highInclusive) {
    return low + random.nextInt(highInclusive - low + 1);
  }
}
