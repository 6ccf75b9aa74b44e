package dev.podlife.api.alerts;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.podlife.alerts.rules.ConditionType;
import tools.jackson.databind.JsonNode;

import static dev.podlife.api.ApiTestSupport.openApi;
import static dev.podlife.api.ApiTestSupport.queryParameters;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document says what the alert routes accept: their query parameters and the rule's
 * condition types.
 */
class AlertOpenApiTest {
  @Test
  void eachAlertRouteDocumentsTheQueryParametersItAccepts() {
    JsonNode document = openApi();
    assertThat(queryParameters(document, AlertRoutes.ALERTS))
        .isEqualTo(AlertRoutes.ALERT_PARAMETERS);
    assertThat(queryParameters(document, AlertRoutes.DELIVERIES))
        .isEqualTo(AlertRoutes.DELIVERY_PARAMETERS);
    Set<String> backtest = new HashSet<>();
    for (JsonNode parameter :
        document.get("paths").get(RuleRoutes.BACKTEST).get("post").get("parameters")) {
      if (parameter.get("in").asString().equals("query")) {
        backtest.add(parameter.get("name").asString());
      }
    }
    assertThat(backtest).isEqualTo(RuleRoutes.BACKTEST_PARAMETERS);
  }

  @Test
  void theDocumentedConditionTypesAreTheOnesRulesAccept() {
    Set<String> documented = new HashSet<>();
    openApi()
        .get("components")
        .get("schemas")
        .get("AlertRule")
        .get("properties")
        .get("condition")
        .get("properties")
        .get("type")
        .get("enum")
        .forEach(t -> documented.add(t.asString()));
    assertThat(documented)
        .isEqualTo(
            new HashSet<>(
                Arrays.stream(ConditionType.values()).map(ConditionType::wireName).toList()));
  }

  @Test
  void theAlertStatesDocumentedAreTheOnesTheFilterAccepts() {
    Set<String> documented = new HashSet<>();
    for (JsonNode parameter :
        openApi().get("paths").get(AlertRoutes.ALERTS).get("get").get("parameters")) {
      if (parameter.path("name").asString("").equals("state")) {
        parameter.get("schema").get("enum").forEach(s -> documented.add(s.asString()));
      }
    }
    assertThat(documented).isEqualTo(AlertRoutes.STATES);
  }
}
