package dev.podlife.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The figures of a run as Markdown: what RESULTS.md holds and what the harness prints at the end.
 */
final class Report {
  private Report() {}

  static String markdown(FaultHarness.Results r) {
    StringBuilder md = new StringBuilder();
    md.append("# Fault harness results\n\n");
    md.append("Analyzer group membership: ")
        .append(
            r.options().staticMembership()
                ? "static (--group-instance-id)"
                : "dynamic (no --group-instance-id)")
        .append(".\n\n");
    md.append("Run ")
        .append(r.started())
        .append(", took ")
        .append(FaultHarness.seconds(r.took()))
        .append("; seed ")
        .append(r.options().seed())
        .append(", demo speed ")
        .append(r.options().speed())
        .append(", ")
        .append(r.options().kills())
        .append(" kills per service.\n\n");
    md.append("Machine: ").append(machine()).append("\n\n");
    md.append("Verdict: **")
        .append(r.clean() ? "clean — nothing lost, nothing counted twice" : "NOT CLEAN — see below")
        .append("**\n\n");

    md.append("## kill -9 at random moments (restarted each time)\n\n");
    md.append(
        "Each kill comes a random 0.3–3 s after the service works again (the collector published,"
            + " the analyzer stored a batch since its restart).\n\n");
    md.append(
        "| service | kills | killed into its work (ms, min–max) | restart → /readyz 200, p50 | max"
            + " | restart → working, p50 | max |\n"
            + "|---|---:|---|---:|---:|---:|---:|\n");
    for (FaultHarness.Kills k : r.kills()) {
      List<Duration> sorted = k.toReady().stream().sorted().toList();
      md.append("| ")
          .append(k.service())
          .append(" | ")
          .append(k.kills())
          .append(" | ")
          .append(k.killedAfterMillis().stream().mapToLong(Long::longValue).min().orElse(0))
          .append("–")
          .append(k.killedAfterMillis().stream().mapToLong(Long::longValue).max().orElse(0))
          .append(" | ")
          .append(sorted.isEmpty() ? "-" : FaultHarness.seconds(sorted.get(sorted.size() / 2)))
          .append(" | ")
          .append(sorted.isEmpty() ? "-" : FaultHarness.seconds(sorted.getLast()))
          .append(" | ");
      List<Duration> working = k.toWorking().stream().sorted().toList();
      md.append(working.isEmpty() ? "-" : FaultHarness.seconds(working.get(working.size() / 2)))
          .append(" | ")
          .append(working.isEmpty() ? "-" : FaultHarness.seconds(working.getLast()))
          .append(" |\n");
    }

    md.append("\n## Outages mid-ingest (no service restarted)\n\n");
    if (r.outages().isEmpty()) {
      md.append("Not run (--no-outages).\n");
    } else {
      md.append(
          "| fault | collector | analyzer | api | repair → ready and storing | findings |\n"
              + "|---|---|---|---|---:|---|\n");
      for (FaultHarness.Outage o : r.outages()) {
        md.append("| ")
            .append(o.what())
            .append(" | ")
            .append(o.readiness().get("collector"))
            .append(" | ")
            .append(o.readiness().get("analyzer"))
            .append(" | ")
            .append(o.readiness().get("api"))
            .append(" | ")
            .append(FaultHarness.seconds(o.recovery()))
            .append(" | ")
            .append(o.findings().isEmpty() ? "none" : String.join("; ", o.findings()))
            .append(" |\n");
      }
    }

    md.append(
        "\n"
            + "## Poison records\n\n"
            + "| record | partition/offset | bytes | dead_letter error | in GET"
            + " /api/v1/dead-letters |\n"
            + "|---|---|---:|---|---|\n");
    for (FaultHarness.PoisonFate p : r.poison()) {
      md.append("| ")
          .append(p.sent().kind())
          .append(" | ")
          .append(p.sent().partition())
          .append("/")
          .append(p.sent().offset())
          .append(" | ")
          .append(p.sent().valueBytes())
          .append(" | ")
          .append(p.deadLetterError() == null ? "**not a dead letter**" : cell(p.deadLetterError()))
          .append(" | ")
          .append(p.listedByApi() ? "yes" : "no")
          .append(" |\n");
    }
    md.append("\nFacts stored after the poison records: ")
        .append(r.storedAfterPoison())
        .append("; podlife_analyzer_dead_letters_total of the running analyzer: ")
        .append(String.format(Locale.ROOT, "%.0f", r.deadLetterMetric()))
        .append(" (counted since its last restart).\n");

    Truths.StoreCheck s = r.store();
    md.append("\n## Kafka against the event store (after draining in ")
        .append(FaultHarness.seconds(r.drain()))
        .append(")\n\n");
    md.append(
        "| Kafka records | readable facts | distinct natural keys | redelivered (at-least-once) |"
            + " dead letters | facts stored | lost | stored twice | stored, not in Kafka |\n");
    md.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    md.append("| ")
        .append(s.kafkaRecords())
        .append(" | ")
        .append(s.readableRecords())
        .append(" | ")
        .append(s.distinctKeys())
        .append(" | ")
        .append(s.redelivered())
        .append(" | ")
        .append(s.deadLetters())
        .append(" | ")
        .append(s.stored())
        .append(" | ")
        .append(s.lost())
        .append(" | ")
        .append(s.storedTwice())
        .append(" | ")
        .append(s.storedNotInKafka())
        .append(" |\n");

    md.append("\n## Truth (a): projections equal `podlife analyzer --rebuild`\n\n");
    md.append(
        r.projectionMismatches().isEmpty()
            ? "All "
                + r.projectionsBefore().size()
                + " projection tables equal after the rebuild (row count and md5 of the rows in"
                + " canonical order).\n"
            : "Mismatches:\n\n"
                + String.join("\n", r.projectionMismatches().stream().map(m -> "- " + m).toList())
                + "\n");
    md.append("\n| table | rows, md5 |\n|---|---|\n");
    r.projectionsBefore()
        .forEach((t, d) -> md.append("| ").append(t).append(" | ").append(d).append(" |\n"));

    Truths.ClusterCheck c = r.cluster();
    md.append(
        "\n## Truth (b): the cluster's pods against `podlife analyze` of its own objects\n\n");
    md.append("Pods in the cluster: ")
        .append(c.clusterPods())
        .append("; STATUS/READY/RESTARTS mismatches: ")
        .append(c.mismatches().size())
        .append("; terminations the cluster's objects show: ")
        .append(c.terminationsInCluster())
        .append(", podlife has for these pods: ")
        .append(c.terminationsInPodlife())
        .append(" (a Pod shows only each container's last one), missing from podlife: ")
        .append(c.terminationsMissing().size())
        .append("; pods podlife thinks alive that the cluster no longer has: ")
        .append(c.aliveInPodlifeOnly().size())
        .append(" (not one of the two truths; listed as a finding).\n");
    for (String m : c.mismatches()) {
      md.append("- ").append(m).append("\n");
    }
    List<String> seenAsPods =
        c.aliveInPodlifeOnly().stream().filter(m -> m.contains("PodObserved")).toList();
    md.append("\nOf these, ")
        .append(c.aliveInPodlifeOnly().size() - seenAsPods.size())
        .append(
            " are known only from their Events (stored facts: EventObserved only): pods that lived"
                + " and died while no collector watched, so podlife never saw the Pod object and"
                + " cannot see it go; ")
        .append(seenAsPods.size())
        .append(" were seen as Pods, and their deletion was missed:\n\n");
    for (String m : seenAsPods) {
      md.append("- deletion missed: ").append(m).append("\n");
    }
    for (String m : c.aliveInPodlifeOnly()) {
      if (!seenAsPods.contains(m)) {
        md.append("- known only from Events: ").append(m).append("\n");
      }
    }
    for (String m : c.terminationsMissing()) {
      md.append("- termination missing: ").append(m).append("\n");
    }
    return md.toString();
  }

  private static String cell(String text) {
    String oneLine = text.replace('\n', ' ').replace("|", "\\|");
    return oneLine.length() > 140 ? oneLine.substring(0, 140) + "…" : oneLine;
  }

  private static String machine() {
    String cpu = "?";
    String mem = "?";
    try {
      cpu =
          Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
              .filter(l -> l.startsWith("model name"))
              .findFirst()
              .map(l -> l.substring(l.indexOf(':') + 1).strip())
              .orElse("?");
      mem = Files.readAllLines(Path.of("/proc/meminfo")).getFirst().replaceAll("\\s+", " ");
      String load = Files.readString(Path.of("/proc/loadavg")).strip();
      return Runtime.getRuntime().availableProcessors()
          + " cores ("
          + cpu
          + "), "
          + mem
          + ", load at the end "
          + load
          + ", "
          + System.getProperty("os.name")
          + " "
          + System.getProperty("os.version")
          + ", Java "
          + Runtime.version();
    } catch (IOException | RuntimeException e) {
      return Runtime.getRuntime().availableProcessors()
          + " cores ("
          + cpu
          + "), "
          + mem
          + ", Java "
          + Runtime.version();
    }
  }
}
