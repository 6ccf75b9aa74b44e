package dev.podlife.collector;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;

/**
 * Our own seam in front of the mock API server (which never answers 410 and, restarted, leaves
 * informers reconnecting without a relist): it can cut every watch and refuse the collector's
 * requests, as a lost connection or a restarting kube-apiserver would, and answer the first watch
 * of each resource afterwards with the watch event a real API server sends when the requested
 * resourceVersion is too old (ERROR, Status 410 Expired). The test's own writes pass through a back
 * door meanwhile, so the cluster changes while the collector cannot see it.
 */
final class ApiServerSeam extends Dispatcher {
  /** A request header of the test's own client: it reaches the API server even when cut off. */
  static final String BACK_DOOR = "X-Podlife-Test-Back-Door";

  private static final String EXPIRED =
      """
      {"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",\
      "message":"too old resource version: 1 (2)","reason":"Expired","code":410}}\
      """;

  private final Dispatcher api;
  private final Set<WebSocket> watches = ConcurrentHashMap.newKeySet();
  private final Set<String> expiredSince = ConcurrentHashMap.newKeySet();
  private volatile boolean cutOff;
  private volatile boolean historyExpired;

  ApiServerSeam(Dispatcher api) {
    this.api = api;
  }

  /** Cuts every open watch and answers the collector 503 until {@link #restore}. */
  void cutOff() {
    cutOff = true;
    for (WebSocket watch : watches) {
      watch.close(1001, "API server going away");
    }
    watches.clear();
  }

  /**
   * Lets the collector in again; with {@code historyExpired} its first watch of each resource is
   * told its resourceVersion is gone (410), so the informer must list again.
   */
  void restore(boolean historyExpired) {
    expiredSince.clear();
    this.historyExpired = historyExpired;
    cutOff = false;
  }

  /** How many watches were answered 410 since the last {@link #restore}. */
  int expiredWatches() {
    return expiredSince.size();
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    if (request.getHeader(BACK_DOOR) != null) {
      return api.dispatch(request);
    }
    if (cutOff) {
      return new MockResponse()
          .setResponseCode(503)
          .setBody(
              "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
                  + "\"reason\":\"ServiceUnavailable\",\"code\":503}");
    }
    String path = request.getPath();
    if (!path.contains("watch=true")) {
      return api.dispatch(request);
    }
    String resource = path.substring(0, path.indexOf('?'));
    if (historyExpired && expiredSince.add(resource)) {
      return new MockResponse()
          .withWebSocketUpgrade(
              new WebSocketListener() {
                @Override
                public void onOpen(WebSocket webSocket, Response response) {
                  webSocket.send(EXPIRED);
                  webSocket.close(1000, "");
                }
              });
    }
    MockResponse watch = api.dispatch(request);
    WebSocketListener events = watch.getWebSocketListener();
    return events == null ? watch : watch.withWebSocketUpgrade(new Tracked(events));
  }

  @Override
  public void shutdown() {
    api.shutdown();
  }

  /** The API server's own watch, remembered so that {@link #cutOff} can close it. */
  private final class Tracked extends WebSocketListener {
    private final WebSocketListener delegate;

    Tracked(WebSocketListener delegate) {
      this.delegate = delegate;
    }

    @Override
    public void onBeforeAccept(WebSocket webSocket, Response response) {
      delegate.onBeforeAccept(webSocket, response);
    }

    @Override
    public void onOpen(WebSocket webSocket, Response response) {
      watches.add(webSocket);
      delegate.onOpen(webSocket, response);
    }

    @Override
    public void onMessage(WebSocket webSocket, String text) {
      delegate.onMessage(webSocket, text);
    }

    @Override
    public void onMessage(WebSocket webSocket, byte[] bytes) {
      delegate.onMessage(webSocket, bytes);
    }

    @Override
    public void onClosing(WebSocket webSocket, int code, String reason) {
      watches.remove(webSocket);
      delegate.onClosing(webSocket, code, reason);
    }

    @Override
    public void onClosed(WebSocket webSocket, int code, String reason) {
      watches.remove(webSocket);
      delegate.onClosed(webSocket, code, reason);
    }

    @Override
    public void onFailure(WebSocket webSocket, Throwable t, Response response) {
      watches.remove(webSocket);
      delegate.onFailure(webSocket, t, response);
    }
  }
}
