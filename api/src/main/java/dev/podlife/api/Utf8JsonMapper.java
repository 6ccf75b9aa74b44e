package dev.podlife.api;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Type;
import java.util.stream.Stream;

import io.javalin.json.JavalinJackson3;
import io.javalin.json.JsonMapper;

/**
 * Javalin's Jackson 3 mapper, but a response body ({@code ctx.jsonStream}) is written as UTF-8
 * bytes at once: {@code ctx.json} builds a String (UTF-16 as soon as a summary has a non-Latin-1
 * character) that is then encoded again, a third of a history request's allocation, and Javalin's
 * own stream would pipe it through another thread. Bodies are bounded pages.
 */
final class Utf8JsonMapper implements JsonMapper {
  private final tools.jackson.databind.json.JsonMapper mapper;
  private final JavalinJackson3 javalin;

  Utf8JsonMapper(tools.jackson.databind.json.JsonMapper mapper) {
    this.mapper = mapper;
    this.javalin = new JavalinJackson3(mapper, false);
  }

  @Override
  public String toJsonString(Object obj, Type type) {
    return javalin.toJsonString(obj, type);
  }

  @Override
  public InputStream toJsonStream(Object obj, Type type) {
    return new ByteArrayInputStream(mapper.writeValueAsBytes(obj));
  }

  @Override
  public void writeToOutputStream(Stream<?> stream, OutputStream outputStream) {
    javalin.writeToOutputStream(stream, outputStream);
  }

  @Override
  public <T> T fromJsonString(String json, Type targetType) {
    return javalin.fromJsonString(json, targetType);
  }

  @Override
  public <T> T fromJsonStream(InputStream json, Type targetType) {
    return javalin.fromJsonStream(json, targetType);
  }
}
