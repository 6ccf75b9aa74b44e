package dev.podlife.simulator;

import java.util.HexFormat;
import java.util.Random;
import java.util.UUID;

/**
 * Seeded names and ids for one scenario, so every run of the demo produces the same names in the same order while
 * each pod still gets a UID of its own. Suffixes use the alphabet of apimachinery's {@code rand.String}.
 */
final class Identities {
  private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

  private final Random random;

  Identities(String seed) {
    this.random = new Random(seed.hashCode() * 31L + seed.length());
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
    long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
    long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
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
