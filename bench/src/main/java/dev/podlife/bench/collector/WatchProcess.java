package dev.podlife.bench.collector;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

import javax.management.ObjectName;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import dev.podlife.collector.Collector;
import dev.podlife.collector.CollectorConfig;

/**
 * The measured side of {@link CollectorScaleBench}, in a JVM of its own so that the broker, the
 * mock API server and the writer are not in the heap it measures: {@code collector} runs the real
 * collector, {@code informer} a plain pod informer on all namespaces, {@code idle} only the client.
 * Prints {@code READY} once watching (listed), then answers {@code MEASURE <label>} on stdin with
 * {@code HEAP <bytes used after full GC>} and {@code EXIT} by exiting.
 */
final class WatchProcess {
  private WatchProcess() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    String masterUrl = args[1];
    String bootstrap = args[2];
    String histograms = args.length > 3 ? args[3] : "";
    Config config =
        new ConfigBuilder(Config.empty())
            .withMasterUrl(masterUrl)
            .withRequestTimeout(60_000)
            .withConnectionTimeout(5_000)
            .build();
    KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
    Collector collector = null;
    SharedIndexInformer<Pod> informer = null;
    switch (mode) {
      case "collector" -> {
        collector =
            new Collector(
                CollectorConfig.defaults(CollectorScaleBench.CLUSTER, bootstrap)
                    .withTopics(
                        CollectorScaleBench.FACTS_TOPIC,
                        CollectorScaleBench.STATE_TOPIC,
                        CollectorScaleBench.PARTITIONS,
                        (short) 1),
                client,
                Clock.systemUTC(),
                new SimpleMeterRegistry());
        collector.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!collector.isRunning()) {
          if (collector.failure().isPresent()) {
            throw collector.failure().get();
          }
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException("The collector did not start within 120 s");
          }
          Thread.sleep(100);
        }
      }
      case "informer" -> {
        informer = client.pods().inAnyNamespace().runnableInformer(0);
        informer.start().toCompletableFuture().get(120, TimeUnit.SECONDS);
      }
      case "idle" -> client.pods().inAnyNamespace().list(); // the client's connections in use
      default -> throw new IllegalArgumentException("Unknown mode " + mode);
    }
    System.out.println("READY");
    System.out.flush();
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      if (line.startsWith("MEASURE")) {
        long heap = heapAfterGc();
        histogram(histograms, line.substring("MEASURE".length()).trim());
        String cached = informer == null ? "" : " " + informer.getStore().list().size();
        System.out.println("HEAP " + heap + cached);
        System.out.flush();
      } else if (line.equals("EXIT")) {
        break;
      }
    }
    if (collector != null) {
      collector.close();
    }
    if (informer != null) {
      informer.stop();
    }
    System.exit(0); // don't wait for the client's threads to wind down
  }

  /** Heap used right after a full GC, the least of five. */
  private static long heapAfterGc() throws InterruptedException {
    var memory = ManagementFactory.getMemoryMXBean();
    long least = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      least = Math.min(least, memory.getHeapMemoryUsage().getUsed());
      Thread.sleep(200);
    }
    return least;
  }

  /** A {@code GC.class_histogram} of this JVM into {@code dir}, when given. */
  private static void histogram(String dir, String name) throws Exception {
    if (dir.isBlank()) {
      return;
    }
    Object text =
        ManagementFactory.getPlatformMBeanServer()
            .invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"),
                "gcClassHistogram",
                new Object[] {new String[0]},
                new String[] {String[].class.getName()});
    Path out = Path.of(dir).resolve("histogram-" + name + ".txt");
    try {
      Files.createDirectories(out.getParent());
      Files.writeString(out, String.valueOf(text));
    } catch (IOException e) {
      throw new IOException("Couldn't write the class histogram " + out, e);
    }
  }
}
