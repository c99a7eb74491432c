package dev.gitops.omni.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The sections of bench/results.md that other programs than {@link Benchmark} write (the real
 * kube-apiserver's, the K keys'): each is a {@code ## } heading and what follows up to the next
 * one, replaced on its own rerun and carried over when the benchmark rewrites the file.
 */
final class ReportSections {
  private ReportSections() {}

  /** {@code text} with the section under {@code heading} replaced, or appended when it has none. */
  static String replace(String text, String heading, String section) {
    int at = text.indexOf(heading);
    if (at < 0) {
      return text.stripTrailing() + "\n\n" + section;
    }
    int next = text.indexOf("\n## ", at + heading.length());
    return text.substring(0, at) + section + (next < 0 ? "" : text.substring(next));
  }

  /** The section under {@code heading} as {@code file} holds it now, or "" when it has none. */
  static String existing(Path file, String heading) {
    try {
      String text = Files.isRegularFile(file) ? Files.readString(file) : "";
      int at = text.indexOf(heading);
      if (at < 0) {
        return "";
      }
      int next = text.indexOf("\n## ", at + heading.length());
      return text.substring(at, next < 0 ? text.length() : next + 1);
    } catch (IOException e) {
      return "";
    }
  }

  /** Replaces (or appends) the section under {@code heading} in {@code file}. */
  static void write(Path file, String heading, String section) {
    String text;
    try {
      text = Files.isRegularFile(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    Report.write(file, replace(text, heading, section.stripTrailing() + "\n"));
  }
}
