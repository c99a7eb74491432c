package dev.gitops.omni.operator;

import dev.gitops.omni.core.Plan;
import dev.gitops.omni.model.OmniConnection;

/** Plans a resource the way a reconcile does, for the unit tests of what carries plans out. */
final class Plans {
  private Plans() {}

  static Plan of(OperatorUnits units, OmniConnection r) {
    var inputs = new PlanInputCollector(units.config, units.parts.cache(), units.clock);
    var creds = units.credentials().resolve(r);
    return inputs.plan(
        r,
        units.index(),
        creds.versions(),
        false,
        units.parts.omni().chargedTo(PlanInputCollector.key(r)));
  }
}
