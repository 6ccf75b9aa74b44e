package dev.podlife.simulator;

import java.nio.charset.StandardCharsets;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

/**
 * The mock's CRUD dispatcher with two kube-apiserver behaviours the simulator needs, since the
 * simulator plays the API server's part in them:
 *
 * <ul>
 *   <li>An object written with a deletionTimestamp but no finalizers stays stored until it is
 *       deleted with grace 0 (graceful termination). The bare mock deletes such an object at the
 *       first write.
 *   <li>A create keeps the uid, creationTimestamp and status the request carries (the simulated API
 *       server's choices, in simulated time). The bare mock replaces uid and creationTimestamp with
 *       its own and drops the status of a resource with a status subresource.
 * </ul>
 *
 * <p>Both work the same way: the mock's handler runs under the dispatcher's write lock and calls
 * {@link #processEvent} to store the object; for a request in flight on this thread, the object
 * stored there is corrected and the response carries the corrected object.
 */
final class ApiServerDispatcher extends KubernetesCrudDispatcher {
  private static final ThreadLocal<Write> CURRENT = new ThreadLocal<>();

  private enum Kind {
    CREATE,
    MARKED_UPDATE
  }

  /** The request body in flight on this thread and, once stored, the stored JSON. */
  private static final class Write {
    final Kind kind;
    final GenericKubernetesResource body;
    String stored;

    Write(Kind kind, GenericKubernetesResource body) {
      this.kind = kind;
      this.body = body;
    }
  }

  @Override
  public MockResponse handleCreate(RecordedRequest request) {
    GenericKubernetesResource body = parse(request);
    if (body == null || body.getMetadata() == null) {
      return super.handleCreate(request);
    }
    return handle(new Write(Kind.CREATE, body), () -> super.handleCreate(request));
  }

  @Override
  public MockResponse handleUpdate(RecordedRequest request) {
    GenericKubernetesResource body = parse(request);
    if (body == null || !body.isMarkedForDeletion() || !body.getFinalizers().isEmpty()) {
      return super.handleUpdate(request);
    }
    return handle(new Write(Kind.MARKED_UPDATE, body), () -> super.handleUpdate(request));
  }

  private static MockResponse handle(Write write, java.util.function.Supplier<MockResponse> mock) {
    CURRENT.set(write);
    try {
      MockResponse response = mock.get();
      return write.stored == null
          ? response
          : new MockResponse()
              .setResponseCode(write.kind == Kind.CREATE ? 201 : 200)
              .setBody(write.stored);
    } finally {
      CURRENT.remove();
    }
  }

  @Override
  public void processEvent(
      String path,
      AttributeSet pathAttributes,
      AttributeSet oldAttributes,
      GenericKubernetesResource resource,
      String newState) {
    Write write = CURRENT.get();
    if (write != null && write.stored == null) {
      if (write.kind == Kind.MARKED_UPDATE && resource == null) {
        // The mock would delete here; keep the marked object instead.
        GenericKubernetesResource kept = write.body;
        kept.getMetadata().setResourceVersion(Long.toString(requestResourceVersion()));
        write.stored = Serialization.asJson(kept);
        super.processEvent(path, pathAttributes, oldAttributes, kept, write.stored);
        return;
      }
      if (write.kind == Kind.CREATE && resource != null) {
        var requested = write.body.getMetadata();
        if (requested.getUid() != null) {
          resource.getMetadata().setUid(requested.getUid());
        }
        if (requested.getCreationTimestamp() != null) {
          resource.getMetadata().setCreationTimestamp(requested.getCreationTimestamp());
        }
        Object status = write.body.getAdditionalProperties().get("status");
        if (status != null) {
          resource.getAdditionalProperties().put("status", status);
        }
        write.stored = Serialization.asJson(resource);
        super.processEvent(path, pathAttributes, oldAttributes, resource, write.stored);
        return;
      }
    }
    super.processEvent(path, pathAttributes, oldAttributes, resource, newState);
  }

  private static GenericKubernetesResource parse(RecordedRequest request) {
    try {
      // getBytes() leaves the body in place for the mock's own handler (getUtf8Body() would drain
      // it).
      byte[] bytes = request.getBody() == null ? new byte[0] : request.getBody().getBytes();
      return bytes.length == 0
          ? null
          : Serialization.unmarshal(
              new String(bytes, StandardCharsets.UTF_8), GenericKubernetesResource.class);
    } catch (RuntimeException e) {
      return null; // let the mock answer a malformed body as it does
    }
  }
}
