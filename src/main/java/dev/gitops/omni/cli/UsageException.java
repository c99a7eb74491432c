package dev.gitops.omni.cli;

/** A mistake in how the command was called: printed as one line, exit code 1. */
public class UsageException extends RuntimeException {
  public UsageException(String message) {
    super(message);
  }
}
