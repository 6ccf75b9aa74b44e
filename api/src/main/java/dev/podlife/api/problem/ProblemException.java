package dev.podlife.api.problem;

import java.io.Serial;
import java.util.Map;

import dev.podlife.api.ApiException;

/**
 * A request the API answers with a problem (4xx/5xx) instead of a result; the server turns it into
 * problem JSON for the request's path.
 */
public class ProblemException extends ApiException {
  @Serial private static final long serialVersionUID = 1L;

  private final ProblemType type;
  private final int status;
  // never serialized: the server turns it into problem JSON
  private final transient Map<String, Object> extensions;

  public ProblemException(ProblemType type, String detail) {
    this(type, type.defaultStatus(), detail, Map.of());
  }

  public ProblemException(ProblemType type, String detail, Map<String, Object> extensions) {
    this(type, type.defaultStatus(), detail, extensions);
  }

  public ProblemException(
      ProblemType type, int status, String detail, Map<String, Object> extensions) {
    super(detail);
    this.type = type;
    this.status = status;
    this.extensions = Map.copyOf(extensions);
  }

  /** A 400 for one query parameter, naming it so that clients can point at the field. */
  public static ProblemException invalidParameter(String parameter, String detail) {
    return new ProblemException(
        ProblemType.INVALID_PARAMETER, detail, Map.of("parameter", parameter));
  }

  public Problem toProblem(String instance) {
    return new Problem(type.uri(), type.title(), status, getMessage(), instance, extensions);
  }

  public int status() {
    return status;
  }
}
