package dev.gitops.omni.cli;

import java.nio.file.Path;
import java.util.List;

/** A mistake in how the command was called: printed as one line, exit code 1. */
public class UsageException extends RuntimeException {
  public UsageException(String message) {
    super(message);
  }

  /**
   * No OmniConnection in {@code paths}: names the documents that were skipped, where a misspelt
   * kind ends up, and what an OmniConnection looks like.
   */
  static UsageException noOmniConnection(List<Path> paths, List<String> skipped) {
    return new UsageException(
        "no OmniConnection found in "
            + paths
            + (skipped.isEmpty() ? "" : " (skipped " + String.join("; ", skipped) + ")")
            + ": a resource needs apiVersion omni.gitops.dev/v1alpha1 and kind OmniConnection");
  }
}
