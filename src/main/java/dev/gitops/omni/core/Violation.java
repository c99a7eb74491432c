package dev.gitops.omni.core;

/**
 * One broken spec rule.
 *
 * @param field the spec field to fix, e.g. {@code spec.warehouse}
 * @param message what is wrong and how to fix it, in plain words
 */
public record Violation(String field, String message) {}
