package dev.gitops.omni.sandbox;

import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.crud.AttributeType;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The keys of the Fabric8 CRUD mock's store, grouped by resource plural and by plural and name, so
 * a request looks at the few stored objects that can match it instead of all of them.
 *
 * <p>A stored key can only match a query that names a plural if it has that plural (and, for a
 * query that names an object, that name), so the candidates always hold every match; each is then
 * tested with {@link AttributeSet#matches}, which keeps the mock's own selector semantics (labels,
 * fields, api group, version). Each group keeps the store's order: an updated key moves to the end,
 * as it does in the mock's LinkedHashMap, so answers come in the stock order too.
 *
 * <p>Not thread-safe: the dispatcher's lock guards it together with the store.
 */
final class KeyIndex {
  private static final String PLURAL = KubernetesAttributesExtractor.PLURAL;
  private static final String NAME = KubernetesAttributesExtractor.NAME;

  private final Map<AttributeSet, String> store;
  private final Map<String, Set<AttributeSet>> byPlural = new HashMap<>();
  private final Map<List<String>, Set<AttributeSet>> byName = new HashMap<>();

  KeyIndex(Map<AttributeSet, String> store) {
    this.store = store;
  }

  /**
   * The stored entries matching {@code query}, at most {@code limit}, in store order (a copy);
   * {@code null} when the query names no plural (discovery, odd paths): search the whole store.
   */
  List<Map.Entry<AttributeSet, String>> matching(AttributeSet query, int limit) {
    String plural = exact(query, PLURAL);
    if (plural == null) {
      return null;
    }
    String name = exact(query, NAME);
    Set<AttributeSet> keys =
        name == null ? byPlural.get(plural) : byName.get(List.of(plural, name));
    List<Map.Entry<AttributeSet, String>> found = new ArrayList<>();
    for (AttributeSet key : keys == null ? Set.<AttributeSet>of() : keys) {
      String value = store.get(key);
      if (value != null && key.matches(query)) {
        found.add(new AbstractMap.SimpleImmutableEntry<>(key, value));
        if (found.size() == limit) {
          break;
        }
      }
    }
    return found;
  }

  /** Makes the index agree with the store about {@code key} (after the store changed it). */
  void sync(AttributeSet key) {
    if (key != null) {
      remove(key);
      if (store.containsKey(key)) {
        add(key);
      }
    }
  }

  private void add(AttributeSet key) {
    String plural = exact(key, PLURAL);
    if (plural == null) {
      return;
    }
    byPlural.computeIfAbsent(plural, p -> new LinkedHashSet<>()).add(key);
    String name = exact(key, NAME);
    if (name != null) {
      byName.computeIfAbsent(List.of(plural, name), n -> new LinkedHashSet<>()).add(key);
    }
  }

  private void remove(AttributeSet key) {
    String plural = exact(key, PLURAL);
    if (plural == null) {
      return;
    }
    removeFrom(byPlural, plural, key);
    String name = exact(key, NAME);
    if (name != null) {
      removeFrom(byName, List.of(plural, name), key);
    }
  }

  void clear() {
    byPlural.clear();
    byName.clear();
  }

  int size() {
    return byPlural.values().stream().mapToInt(Set::size).sum();
  }

  private static <K> void removeFrom(Map<K, Set<AttributeSet>> groups, K group, AttributeSet key) {
    Set<AttributeSet> keys = groups.get(group);
    if (keys != null && keys.remove(key) && keys.isEmpty()) {
      groups.remove(group);
    }
  }

  /** The attribute's single value when it must equal it (type WITH), else null. */
  private static String exact(AttributeSet set, String key) {
    Attribute a = set.getAttribute(key);
    if (a == null || a.getType() != AttributeType.WITH || a.getValues().size() != 1) {
      return null;
    }
    String value = a.getValues().get(0).toString();
    return "*".equals(value) ? null : value;
  }
}
