package dev.gitops.omni.operator;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.utils.Serialization;

/** Deep copies and structural comparison through Jackson. */
final class Json {
  private Json() {}

  private static final ObjectMapper MAPPER = Serialization.jsonMapper();

  static <T> T copy(T value, Class<T> type) {
    return MAPPER.convertValue(value, type);
  }

  static boolean same(Object a, Object b) {
    return MAPPER.valueToTree(a).equals(MAPPER.valueToTree(b));
  }
}
