package dev.gitops.omni.simulator;

/**
 * An error answer: HTTP status plus Omni's {@code detail} text. Thrown by validators and the store
 * and turned into {@code {"detail": ..., "status": ...}} by the HTTP glue. Details never contain
 * request values that could be secrets.
 */
final class ApiError extends RuntimeException {
  static final String INVALID_JSON = "Bad Request: Invalid JSON";
  static final String INVALID_METHOD = "Invalid method";
  static final String NOT_FOUND = "Connection not found";

  private final int status;

  ApiError(int status, String detail) {
    super(detail, null, false, false);
    this.status = status;
  }

  static ApiError badRequest(String detail) {
    return new ApiError(400, detail);
  }

  /** {@code Bad Request: <field>: <problem>}, the zod-style shape Omni uses. */
  static ApiError field(String field, String problem) {
    return badRequest("Bad Request: " + field + ": " + problem);
  }

  static ApiError required(String field) {
    return field(field, "Required");
  }

  static ApiError notFound() {
    return new ApiError(404, NOT_FOUND);
  }

  int status() {
    return status;
  }

  String detail() {
    return getMessage();
  }
}
