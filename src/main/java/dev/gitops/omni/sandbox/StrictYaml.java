package dev.gitops.omni.sandbox;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;

/**
 * A YAML mapper as strict as the Kubernetes API server about types: no quietly turning {@code
 * "5432"} into a number, {@code 123} into a string or an unknown key into nothing. Its errors name
 * the field and the expected type, never the value (it may be a secret).
 */
final class StrictYaml {
  private StrictYaml() {}

  static final YAMLMapper MAPPER = build();

  private static YAMLMapper build() {
    YAMLMapper m =
        YAMLMapper.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();
    for (CoercionInputShape shape :
        new CoercionInputShape[] {
          CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean
        }) {
      m.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
    }
    for (LogicalType t : new LogicalType[] {LogicalType.Integer, LogicalType.Float}) {
      m.coercionConfigFor(t).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
      m.coercionConfigFor(t).setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    }
    m.coercionConfigFor(LogicalType.Boolean)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
    return m;
  }

  /** A deep copy of a resource, through its YAML. */
  @SuppressWarnings("unchecked")
  static <T extends io.fabric8.kubernetes.api.model.HasMetadata> T copy(T r) {
    try {
      return (T) MAPPER.readValue(MAPPER.writeValueAsString(r), r.getClass());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot copy " + r.getKind(), e);
    }
  }

  /** Converts one document, or fails with {@code label: field: what was expected}. */
  static <T> T convert(JsonNode doc, Class<T> type, String label) {
    try {
      return MAPPER.treeToValue(doc, type);
    } catch (JsonMappingException e) {
      // no cause kept: Jackson's own message may quote the value, and a value may be a secret
      throw new ManifestException(label + ": " + path(e) + describe(e));
    } catch (java.io.IOException e) {
      throw new ManifestException(label + ": cannot be read");
    }
  }

  static String path(JsonMappingException e) {
    StringBuilder b = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        if (b.length() > 0) {
          b.append('.');
        }
        b.append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        b.append('[').append(r.getIndex()).append(']');
      }
    }
    return b.length() == 0 ? "" : b + ": ";
  }

  private static String describe(JsonMappingException e) {
    if (e instanceof UnrecognizedPropertyException) {
      return "unknown field (check its spelling and indentation)";
    }
    if (e instanceof ValueInstantiationException && e.getCause() != null) {
      return e.getCause().getMessage();
    }
    if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
      return "expected " + expected(m.getTargetType());
    }
    return "cannot be read as " + e.getClass().getSimpleName();
  }

  static String expected(Class<?> t) {
    if (t.isEnum()) {
      return "one of "
          + String.join(", ", Arrays.stream(t.getEnumConstants()).map(String::valueOf).toList());
    }
    if (t == String.class) {
      return "a string";
    }
    if (t == Integer.class || t == int.class || t == Long.class || t == long.class) {
      return "an integer";
    }
    if (t == Boolean.class || t == boolean.class) {
      return "true or false";
    }
    if (Collection.class.isAssignableFrom(t) || t.isArray()) {
      return "a list";
    }
    if (Map.class.isAssignableFrom(t)) {
      return "a mapping of strings";
    }
    return "a mapping (" + t.getSimpleName() + ")";
  }
}
