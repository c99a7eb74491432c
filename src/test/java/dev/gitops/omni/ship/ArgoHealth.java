package dev.gitops.omni.ship;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.jse.JsePlatform;

/**
 * Runs deploy/argocd/health.lua the way Argo CD does: the resource as the global {@code obj}, the
 * chunk returning a table with {@code status} and {@code message}. The interpreter is LuaJ (Lua
 * 5.2, pure Java); the script sticks to the Lua 5.1 subset that Argo CD's gopher-lua runs.
 */
final class ArgoHealth {
  static final Path SCRIPT = Path.of("deploy/argocd/health.lua");

  record Verdict(String status, String message) {}

  private ArgoHealth() {}

  static String script() {
    try {
      return Files.readString(SCRIPT);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Verdict evaluate(JsonNode resource) {
    Globals globals = JsePlatform.standardGlobals();
    globals.set("obj", lua(resource));
    LuaValue result = globals.load(script(), "health.lua").call();
    if (!result.istable()) {
      throw new AssertionError("health.lua returned " + result.typename() + ", not a table");
    }
    LuaValue status = result.get("status");
    LuaValue message = result.get("message");
    return new Verdict(
        status.isnil() ? null : status.tojstring(), message.isnil() ? null : message.tojstring());
  }

  /** JSON as Argo CD hands it to Lua: objects and arrays as tables, arrays 1-based. */
  static LuaValue lua(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return LuaValue.NIL;
    }
    if (node.isObject()) {
      LuaTable t = new LuaTable();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        var e = it.next();
        t.set(e.getKey(), lua(e.getValue()));
      }
      return t;
    }
    if (node.isArray()) {
      LuaTable t = new LuaTable();
      int i = 1;
      for (JsonNode item : node) {
        t.set(i++, lua(item));
      }
      return t;
    }
    if (node.isBoolean()) {
      return LuaValue.valueOf(node.booleanValue());
    }
    if (node.isIntegralNumber()) {
      return LuaValue.valueOf((double) node.longValue());
    }
    if (node.isNumber()) {
      return LuaValue.valueOf(node.doubleValue());
    }
    return LuaValue.valueOf(node.asText());
  }
}
