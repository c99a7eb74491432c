package dev.gitops.omni.e2e;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Marks an end-to-end test class: without the binaries e2e/build-binaries.sh builds (no Go on the
 * machine), the class is reported skipped with the reason, unless {@code OMNI_E2E_REQUIRED=true}
 * (CI), where it runs and fails on the missing binaries.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RealApiServer.Condition.class)
public @interface RealApiServer {

  /** The condition behind the annotation. */
  final class Condition implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      var missing = KubeBinaries.missing();
      if (missing.isEmpty() || KubeBinaries.required()) {
        return ConditionEvaluationResult.enabled("the real API server's binaries are built");
      }
      String why = KubeBinaries.skipReason(missing);
      System.err.println(context.getDisplayName() + ": " + why);
      return ConditionEvaluationResult.disabled(why);
    }
  }
}
