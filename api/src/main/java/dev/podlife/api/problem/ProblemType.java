package dev.podlife.api.problem;

/** The kinds of problem the API reports; each has a stable type URI clients can switch on. */
public enum ProblemType {
  INVALID_PARAMETER("invalid-parameter", "Invalid request parameter", 400),
  UNAUTHORIZED("unauthorized", "Missing or invalid token", 401),
  FORBIDDEN("forbidden", "The token's role does not allow this", 403),
  NOT_FOUND("not-found", "Not found", 404),
  METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed", 405),
  AMBIGUOUS_POD("ambiguous-pod", "Pod UID exists in several clusters", 409),
  INVALID_RULE("invalid-rule", "Invalid alert rule", 400),
  DUPLICATE_RULE_NAME("duplicate-rule-name", "An alert rule with this name exists", 409),
  CONTENT_TOO_LARGE("content-too-large", "Request body too large", 413),
  HTTP_ERROR("http-error", "HTTP error", 400),
  INTERNAL_ERROR("internal-error", "Internal server error", 500),
  NOT_READY("not-ready", "Service not ready", 503),
  DATABASE_UNAVAILABLE("database-unavailable", "Database unavailable", 503);

  private final String slug;
  private final String title;
  private final int defaultStatus;

  ProblemType(String slug, String title, int defaultStatus) {
    this.slug = slug;
    this.title = title;
    this.defaultStatus = defaultStatus;
  }

  public String uri() {
    return "urn:podlife:problem:" + slug;
  }

  public String title() {
    return title;
  }

  public int defaultStatus() {
    return defaultStatus;
  }
}
