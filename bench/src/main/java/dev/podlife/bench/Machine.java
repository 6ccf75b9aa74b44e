package dev.podlife.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** What the benchmark ran on: cores, memory, JDK and the load average at one moment. */
public record Machine(int cores, long memoryBytes, String jdk, String os, String loadAverage) {
  /** This machine, now. */
  public static Machine now() {
    return new Machine(
        Runtime.getRuntime().availableProcessors(),
        memory(),
        System.getProperty("java.vm.name") + " " + Runtime.version(),
        System.getProperty("os.name") + " " + System.getProperty("os.version"),
        currentLoadAverage());
  }

  /** The 1, 5 and 15 minute load averages ({@code /proc/loadavg}), or the JVM's 1-minute one. */
  static String currentLoadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException | RuntimeException e) {
      return String.format(
          Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }

  private static long memory() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: unknown
    }
    return 0;
  }

  public String memory(Locale locale) {
    return memoryBytes == 0
        ? "unknown"
        : String.format(locale, "%.1f GiB", memoryBytes / 1024.0 / 1024 / 1024);
  }
}
