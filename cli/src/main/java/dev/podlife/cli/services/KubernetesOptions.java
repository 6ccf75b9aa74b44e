package dev.podlife.cli.services;

import java.nio.file.Path;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

import picocli.CommandLine.Option;

/**
 * How the collector reaches a cluster: a kubeconfig file and context, else the usual discovery
 * (KUBECONFIG, ~/.kube/config, or the in-cluster service account).
 */
public final class KubernetesOptions {
  @Option(
      names = "--kubeconfig",
      paramLabel = "FILE",
      defaultValue = "${env:KUBECONFIG}",
      description =
          "Kubeconfig file (env KUBECONFIG; default: ~/.kube/config, or in-cluster config inside a"
              + " pod).")
  public Path kubeconfig;

  @Option(
      names = "--context",
      paramLabel = "NAME",
      defaultValue = "${env:PODLIFE_CONTEXT}",
      description = "Kubeconfig context (env PODLIFE_CONTEXT; default: the current context).")
  public String context;

  public KubernetesClient client() {
    Config config =
        kubeconfig != null
            ? Config.fromKubeconfig(context, kubeconfig.toFile())
            : Config.autoConfigure(context);
    return new KubernetesClientBuilder().withConfig(config).build();
  }
}
