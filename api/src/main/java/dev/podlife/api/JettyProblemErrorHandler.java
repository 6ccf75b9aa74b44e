package dev.podlife.api;

import java.nio.ByteBuffer;
import java.util.Map;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import dev.podlife.api.problem.Problem;
import dev.podlife.api.problem.ProblemType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers the errors Jetty raises before a request reaches the routes (headers too large, a
 * malformed request line…) with problem JSON like every other error, instead of Jetty's HTML page.
 */
final class JettyProblemErrorHandler extends ErrorHandler {
  private final JsonMapper mapper;

  JettyProblemErrorHandler(JsonMapper mapper) {
    this.mapper = mapper;
  }

  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int code,
      String message,
      Throwable cause,
      Callback callback) {
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.CONTENT_TYPE);
    response.write(
        true, ByteBuffer.wrap(problem(code, message, request.getHttpURI().getPath())), callback);
  }

  @Override
  @SuppressWarnings(
      "removal") // Jetty 12 still calls it for requests it cannot parse into a Request: they get
  // problem JSON too
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(new HttpField(HttpHeader.CONTENT_TYPE, Problem.CONTENT_TYPE));
    return ByteBuffer.wrap(problem(status, reason, null));
  }

  private byte[] problem(int code, String message, String path) {
    int status = code >= 400 && code <= 599 ? code : 500;
    String title = HttpStatus.getMessage(status);
    String detail = message == null || message.isBlank() ? title : message;
    String type = status >= 500 ? ProblemType.INTERNAL_ERROR.uri() : ProblemType.HTTP_ERROR.uri();
    return mapper.writeValueAsBytes(
        new Problem(type, title, status, detail, path, Map.of()).toJsonObject());
  }
}
