package dev.podlife.cli.services;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import dev.podlife.embedded.KafkaBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A collector's or analyzer's {@code /readyz} follows its Kafka broker: not ready while the broker
 * is gone, ready again once it is back, without a restart of the process.
 */
class BrokerReadinessIT {
  @TempDir Path tmp;

  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> readyz(int port) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz")).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void readinessTurnsNotReadyWhileTheBrokerIsGoneAndReadyWhenItIsBack() throws Exception {
    int brokerPort;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      brokerPort = free.getLocalPort();
    }
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    KafkaBroker broker = KafkaBroker.start(tmp.resolve("kafka"), brokerPort);
    try (BrokerReachability reachability =
        BrokerReachability.watch(broker.bootstrapServers(), Clock.systemUTC(), registry)) {
      Javalin endpoints = ServiceEndpoints.start(0, registry, reachability::problem);
      try {
        int port = endpoints.port();
        await().atMost(Duration.ofSeconds(20)).until(() -> readyz(port).statusCode() == 200);
        assertThat(registry.scrape()).contains("podlife_kafka_reachable 1.0");

        broker.close();
        await().atMost(Duration.ofSeconds(15)).until(() -> readyz(port).statusCode() == 503);
        assertThat(readyz(port).body())
            .startsWith("not ready: Kafka at " + broker.bootstrapServers() + " unreachable for");
        assertThat(registry.scrape()).contains("podlife_kafka_reachable 0.0");

        broker = KafkaBroker.start(tmp.resolve("kafka"), brokerPort);
        await().atMost(Duration.ofSeconds(30)).until(() -> readyz(port).statusCode() == 200);
        assertThat(readyz(port).body()).isEqualTo("ready");
      } finally {
        endpoints.stop();
      }
    } finally {
      broker.close();
    }
  }
}
