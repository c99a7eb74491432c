package dev.gitops.omni.cli;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** Kubernetes names (DNS-1123 labels) made from Omni connection names, unique within one run. */
final class Slugs {
  static final int MAX = 63;
  private final Set<String> used = new HashSet<>();

  /** {@code "Production DB (EU)"} becomes {@code production-db-eu}; clashes get an id suffix. */
  String of(String omniName, String id) {
    String slug = slug(omniName);
    if (slug.isEmpty()) {
      slug = "connection";
    }
    if (!used.add(slug)) {
      String suffix = "-" + slug(id).replace("-", "");
      suffix = suffix.substring(0, Math.min(suffix.length(), 9));
      slug = trim(slug.substring(0, Math.min(slug.length(), MAX - suffix.length())) + suffix);
      used.add(slug);
    }
    return slug;
  }

  static String slug(String s) {
    String lower = s == null ? "" : s.toLowerCase(Locale.ROOT);
    String dashed = lower.replaceAll("[^a-z0-9]+", "-");
    return trim(dashed.substring(0, Math.min(dashed.length(), MAX)));
  }

  private static String trim(String s) {
    return s.replaceAll("^-+", "").replaceAll("-+$", "");
  }
}
