package dev.podlife.api.coverage;

import org.junit.jupiter.api.Test;

import static dev.podlife.api.ApiTestSupport.openApi;
import static dev.podlife.api.ApiTestSupport.queryParameters;
import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI document names exactly the query parameters the coverage route accepts. */
class CoverageOpenApiTest {
  @Test
  void theCoverageRouteDocumentsTheQueryParametersItAccepts() throws Exception {
    assertThat(queryParameters(openApi(), CoverageRoutes.COVERAGE))
        .isEqualTo(CoverageRoutes.PARAMETERS);
  }
}
