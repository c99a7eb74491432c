package dev.gitops.omni.operator;

import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.model.OmniConnectionStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * {@link ResourceWrites} on an in-memory copy of one resource, counting each write as the API
 * server would: what the operator's unit tests check instead of a Kubernetes API.
 */
final class RecordingResourceWrites implements ResourceWrites {
  enum Kind {
    METADATA,
    STATUS
  }

  private final List<Kind> writes = new ArrayList<>();
  private OmniConnection current;
  private RuntimeException failNextStatus;
  private boolean oldCrd;

  RecordingResourceWrites(OmniConnection resource) {
    this.current = Json.copy(resource, OmniConnection.class);
  }

  /** Status writes drop settledCreateMark, as an API server with the previous CRD does. */
  RecordingResourceWrites withPreviousCrd() {
    oldCrd = true;
    return this;
  }

  /** The next status write fails, as a crash between the POST and the status would. */
  RecordingResourceWrites failNextStatusWrite(RuntimeException e) {
    failNextStatus = e;
    return this;
  }

  List<Kind> writes() {
    return List.copyOf(writes);
  }

  /** The resource as the API server holds it now. */
  OmniConnection current() {
    return Json.copy(current, OmniConnection.class);
  }

  @Override
  public OmniConnection markCreatePending(OmniConnection r, Instant at) {
    return metadata(
        c -> {
          c.addFinalizer(OmniConnection.FINALIZER);
          annotate(c, at.toString());
        });
  }

  @Override
  public OmniConnection clearCreatePending(OmniConnection r) {
    return metadata(c -> annotate(c, null));
  }

  @Override
  public OmniConnection addFinalizer(OmniConnection r) {
    if (current.hasFinalizer(OmniConnection.FINALIZER)) {
      return current();
    }
    return metadata(c -> c.addFinalizer(OmniConnection.FINALIZER));
  }

  @Override
  public OmniConnection writeStatus(OmniConnection r, OmniConnectionStatus status) {
    if (failNextStatus != null) {
      RuntimeException e = failNextStatus;
      failNextStatus = null;
      throw e;
    }
    writes.add(Kind.STATUS);
    current.setStatus(Json.copy(status, OmniConnectionStatus.class));
    if (oldCrd) {
      current.getStatus().settledCreateMark = null;
    }
    return current();
  }

  @Override
  public void removeFinalizer(OmniConnection r) {
    metadata(c -> c.removeFinalizer(OmniConnection.FINALIZER));
  }

  private OmniConnection metadata(java.util.function.Consumer<OmniConnection> change) {
    writes.add(Kind.METADATA);
    change.accept(current);
    return current();
  }

  private static void annotate(OmniConnection c, String mark) {
    var annotations =
        c.getMetadata().getAnnotations() == null
            ? new HashMap<String, String>()
            : new HashMap<>(c.getMetadata().getAnnotations());
    if (mark == null) {
      annotations.remove(OmniConnection.CREATE_PENDING_ANNOTATION);
    } else {
      annotations.put(OmniConnection.CREATE_PENDING_ANNOTATION, mark);
    }
    c.getMetadata().setAnnotations(annotations);
  }
}
