package dev.gitops.omni.cli;

import dev.gitops.omni.connection.ObservedConnection;
import dev.gitops.omni.connection.WireField;
import dev.gitops.omni.core.Plan;
import dev.gitops.omni.core.PlanInput;
import dev.gitops.omni.core.PlanInput.Claim;
import dev.gitops.omni.core.PlanInput.LastApplied;
import dev.gitops.omni.core.Planner;
import dev.gitops.omni.core.Reason;
import dev.gitops.omni.core.WireSettings;
import dev.gitops.omni.model.OmniConnection;
import dev.gitops.omni.model.OmniConnectionStatus;
import dev.gitops.omni.model.Policies.DeletionPolicy;
import dev.gitops.omni.sandbox.Manifest;
import dev.gitops.omni.sandbox.ManifestReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs the operator's {@link Planner} over the OmniConnections in manifest files against one list
 * of Omni's connections, as the operator would on first seeing them: each one is matched by
 * spec.connectionId or by exact name and dialect, resources in the files claim connections from
 * each other in name order, and a planned create is visible to the resources after it.
 *
 * <p>Without a cluster there is no status: an immutable setting that differs from what Omni shows
 * (name, dialect, database, defaultSchema) is planned as an edit of a managed resource would be, so
 * replacementPolicy decides between replace and blocked.
 */
final class ManifestPlanner {
  private final FileCredentials credentials;

  /** The cluster's status by resource, or null without a cluster. */
  private final Map<String, OmniConnectionStatus> live;

  private final List<ObservedConnection> observed;
  private final Map<String, Claim> established = new HashMap<>();
  private final Map<String, List<String>> pins = new HashMap<>();

  private ManifestPlanner(
      ManifestReader.Result files,
      List<ObservedConnection> listed,
      Map<String, OmniConnectionStatus> live) {
    this.credentials = new FileCredentials(files.ofKind("Secret"));
    this.live = live;
    this.observed = new ArrayList<>(listed);
    if (live != null) {
      // what the cluster's resources already manage is theirs, whatever order they are planned
      // in: a new resource wanting the same name must see the claim, as the operator does
      live.forEach((key, status) -> established.put(status.connectionId, new Claim(key, true)));
    }
  }

  /**
   * Plans {@code connections}, those of the files that use one instance, against that instance's
   * list: claims and conflicts are within one instance, as in the operator.
   */
  static List<PlanRow> plan(
      ManifestReader.Result files,
      List<Manifest> connections,
      List<ObservedConnection> listed,
      Map<String, OmniConnectionStatus> live) {
    return new ManifestPlanner(files, listed, live).run(connections);
  }

  private List<PlanRow> run(List<Manifest> manifests) {
    List<Manifest> sorted = new ArrayList<>(manifests);
    sorted.sort(Comparator.comparing(m -> m.namespace() + "/" + m.name()));
    for (Manifest m : sorted) {
      var spec = ((OmniConnection) m.resource()).getSpec();
      if (spec != null && spec.connectionId != null) {
        pins.computeIfAbsent(spec.connectionId, k -> new ArrayList<>()).add(key(m));
      }
    }
    List<PlanRow> rows = new ArrayList<>();
    for (Manifest m : sorted) {
      rows.add(planOne(m));
    }
    return rows;
  }

  private PlanRow planOne(Manifest m) {
    OmniConnection r = (OmniConnection) m.resource();
    OmniConnectionStatus status = live == null ? null : live.get(key(m));
    if (status != null) {
      // managed: what the operator applied and the credentials it sent are in the status; the
      // cluster's Secrets are the ones that count, so they are taken as sent, unless the spec now
      // names another Secret (or a new credential), which the operator will send
      Map<String, String> sent = status.credentialsVersion;
      Plan plan =
          Planner.plan(
              input(
                  r,
                  credentialsToSend(r, sent),
                  new LastApplied(
                      status.connectionId,
                      status.appliedSettings,
                      sent,
                      status.replacedConnectionId)));
      remember(r, plan);
      return PlanRows.of(
          m,
          r,
          plan,
          new FileCredentials.Found(sent, List.of(), null, null),
          find(plan.connectionId()),
          false);
    }
    FileCredentials.Found creds = credentials.resolve(r);
    if (creds.failureReason() != null) {
      return PlanRows.credentialsProblem(m, creds);
    }
    Plan plan = Planner.plan(input(r, creds.versions(), LastApplied.NONE));
    // no cluster status here: a connection that differs only where Omni cannot change it in
    // place is planned as if this resource already managed it, so the edit shows as replace
    if (plan.blocked() && plan.reason() == Reason.DRIFT_DETECTED && !plan.drift().isEmpty()) {
      plan = Planner.plan(input(r, creds.versions(), asManaged(r, plan)));
    }
    remember(r, plan);
    return PlanRows.of(m, r, plan, creds, find(plan.connectionId()), live == null);
  }

  /**
   * The credential versions the operator will see: those it sent for each credential whose Secret
   * the spec still names ({@code <secret>/<uid>/<resourceVersion>}), a new one for a credential
   * whose Secret changed or is new.
   */
  static Map<String, String> credentialsToSend(OmniConnection r, Map<String, String> sent) {
    var spec = r.getSpec();
    Map<String, String> out = new TreeMap<>();
    Map<String, dev.gitops.omni.model.SecretKeyRef> refs = new HashMap<>();
    if (spec != null) {
      refs.put("passwordUnencrypted", spec.passwordSecretRef);
      refs.put("privateKey", spec.privateKeySecretRef);
      refs.put("oauthClientSecretUnencrypted", spec.oauthClientSecretRef);
    }
    refs.forEach(
        (field, ref) -> {
          if (ref == null || ref.name == null) {
            return;
          }
          String before = sent.get(field);
          out.put(
              field,
              before != null && before.startsWith(ref.name + "/")
                  ? before
                  : ref.name + "/(not sent yet)");
        });
    return out;
  }

  private PlanInput input(OmniConnection r, Map<String, String> versions, LastApplied last) {
    var spec = r.getSpec();
    DeletionPolicy policy =
        spec == null || spec.deletionPolicy == null ? DeletionPolicy.Orphan : spec.deletionPolicy;
    return new PlanInput(
        key(r),
        spec,
        r.omniName(),
        r.isPaused(),
        false,
        policy,
        false,
        last,
        versions,
        List.copyOf(observed),
        claims(key(r)));
  }

  /**
   * The status a managed resource would have: the spec's settings as applied, except the immutable
   * ones Omni reports differently, which are taken from Omni.
   */
  private LastApplied asManaged(OmniConnection r, Plan adopt) {
    Map<String, String> applied = new TreeMap<>(WireSettings.immutable(r.getSpec(), r.omniName()));
    adopt.drift().forEach(d -> applied.put(d.field(), d.observed()));
    ObservedConnection info = find(adopt.connectionId());
    if (info != null && info.baseRole() != null) {
      applied.put(WireField.BASE_ROLE.wire(), info.baseRole());
    }
    return new LastApplied(adopt.connectionId(), applied, Map.of(), null);
  }

  private Map<String, Claim> claims(String self) {
    Map<String, Claim> out = new HashMap<>();
    pins.forEach(
        (id, keys) ->
            keys.stream()
                .filter(k -> !k.equals(self))
                .findFirst()
                .ifPresent(k -> out.put(id, new Claim(k, false))));
    established.forEach(
        (id, claim) -> {
          if (!claim.resourceKey().equals(self)) {
            out.put(id, claim);
          }
        });
    return out;
  }

  /** Later resources see this one's connection as taken, and a planned create as existing. */
  private void remember(OmniConnection r, Plan plan) {
    String id = plan.connectionId();
    if (plan.action() == Plan.Action.CREATE) {
      id = "new:" + key(r);
      observed.add(plan.create().createdAs(id));
    }
    if (id != null && !plan.blocked()) {
      established.put(id, new Claim(key(r), true));
    }
  }

  private ObservedConnection find(String id) {
    return id == null
        ? null
        : observed.stream().filter(c -> c.id().equals(id)).findFirst().orElse(null);
  }

  static String key(Manifest m) {
    return m.namespace() + "/" + m.name();
  }

  static String key(OmniConnection r) {
    return r.getMetadata().getNamespace() + "/" + r.getMetadata().getName();
  }
}
