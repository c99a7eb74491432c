package dev.gitops.omni.client;

/**
 * Query parameters of {@code GET .../connections}. Null means "not sent".
 *
 * @param name case-insensitive contains match on Omni's side; filter exact names yourself
 * @param dialect comma-separated dialects
 */
public record ListFilter(
    String name,
    String database,
    String dialect,
    String sortField,
    String sortDirection,
    boolean includeDeleted) {

  public static final ListFilter ALL = new ListFilter(null, null, null, null, null, false);
  public static final ListFilter ALL_INCLUDING_DELETED =
      new ListFilter(null, null, null, null, null, true);
}
