package dev.gitops.omni.model;

/** The policy enums of an OmniConnection, spelled as in the spec. */
public final class Policies {
  private Policies() {}

  /** What deleting the resource does to the Omni connection. */
  public enum DeletionPolicy {
    Orphan,
    Delete
  }

  /** Whether the operator may write to Omni for this resource. */
  public enum ManagementPolicy {
    Full,
    ObserveOnly
  }

  /** What to do with an edit Omni cannot apply in place. */
  public enum ReplacementPolicy {
    Never,
    Recreate
  }
}
