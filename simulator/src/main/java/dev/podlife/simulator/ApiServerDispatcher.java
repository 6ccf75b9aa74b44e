package dev.podlife.simulator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;

/**
 * The mock's CRUD dispatcher, with one kube-apiserver behaviour restored: an object that carries a
 * deletionTimestamp but no finalizers stays stored until it is deleted with grace 0. The mock deletes such an object
 * on any write, so a pod in graceful termination (deletionTimestamp set, kubelet still writing its status) would
 * vanish at the first write.
 *
 * <p>The mock's PUT handler runs under the dispatcher's write lock and asks {@link #processEvent} to delete the
 * object; for a PUT of an object marked for deletion, this dispatcher stores the request body instead (with a new
 * resourceVersion) and answers with it, as the API server would.
 */
final class GracefulDeletionDispatcher extends KubernetesCrudDispatcher {
  private static final ThreadLocal<MarkedWrite> CURRENT = new ThreadLocal<>();

  /** The body of the PUT in flight on this thread and, once stored, its JSON. */
  private static final class MarkedWrite {
    final GenericKubernetesResource body;
    String stored;

    MarkedWrite(GenericKubernetesResource body) {
      this.body = body;
    }
  }

  @Override
  public MockResponse handleUpdate(RecordedRequest request) {
    GenericKubernetesResource body;
    try {
      // getBytes() leaves the body in place for the mock's own handler (getUtf8Body() would drain it).
      byte[] bytes = request.getBody() == null ? new byte[0] : request.getBody().getBytes();
      body = Serialization.unmarshal(new String(bytes, StandardCharsets.UTF_8), GenericKubernetesResource.class);
    } catch (RuntimeException e) {
      return super.handleUpdate(request); // let the mock answer the malformed body as it does
    }
    if (body == null || !body.isMarkedForDeletion() || !body.getFinalizers().isEmpty()) {
      return super.handleUpdate(request);
    }
    MarkedWrite write = new MarkedWrite(body);
    CURRENT.set(write);
    try {
      MockResponse response = super.handleUpdate(request);
      return write.stored == null ? response : new MockResponse().setResponseCode(200).setBody(write.stored);
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
    MarkedWrite write = CURRENT.get();
    if (resource == null && write != null && write.stored == null) {
      // The mock would delete here; keep the marked object instead (we hold the mock's write lock).
      GenericKubernetesResource kept = write.body;
      kept.getMetadata().setResourceVersion(Long.toString(requestResourceVersion()));
      write.stored = Serialization.asJson(kept);
      super.processEvent(path, pathAttributes, oldAttributes, kept, write.stored);
      return;
    }
    super.processEvent(path, pathAttributes, oldAttributes, resource, newState);
  }
}
