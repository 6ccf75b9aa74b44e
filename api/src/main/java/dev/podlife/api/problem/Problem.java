package dev.podlife.api.problem;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An RFC 9457 problem detail: {@code {"type","title","status","detail","instance"}} plus extension
 * members.
 *
 * @param type a URI naming the kind of problem, e.g. {@code urn:podlife:problem:invalid-parameter}
 * @param instance the request path the problem occurred on
 * @param extensions further members (e.g. {@code parameter}, {@code clusters}); their names must
 *     not clash with the standard ones
 */
public record Problem(
    String type,
    String title,
    int status,
    String detail,
    String instance,
    Map<String, Object> extensions) {
  public static final String CONTENT_TYPE = "application/problem+json";

  public Problem {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(title, "title");
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("a problem's status must be 4xx or 5xx: " + status);
    }
    extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
  }

  /**
   * The members in the order RFC 9457 lists them, then the extensions; null members are left out.
   */
  public Map<String, Object> toJsonObject() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("type", type);
    json.put("title", title);
    json.put("status", status);
    if (detail != null) {
      json.put("detail", detail);
    }
    if (instance != null) {
      json.put("instance", instance);
    }
    extensions.forEach(json::putIfAbsent);
    return json;
  }
}
