package health

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	lua "github.com/yuin/gopher-lua"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	utiljson "k8s.io/apimachinery/pkg/util/json"
	kstatus "sigs.k8s.io/cli-utils/pkg/kstatus/status"
	"sigs.k8s.io/yaml"
)

const (
	argoDir    = "../../deploy/argocd"
	readmePath = "../../README.md"

	// StatusDirEnv names a directory laid out like deploy/argocd (health_test.yaml and the
	// testdata/ it points at) that the Java end-to-end suite writes from statuses the real
	// operator produced on a real kube-apiserver.
	StatusDirEnv = "OMNI_E2E_STATUS_DIR"

	wantAPIVersion = "omni.gitops.dev/v1alpha1"
	wantKind       = "OmniConnection"

	// What Argo CD shows when a script returns a status it does not know.
	invalidHealthStatus = "Lua returned an invalid health status"
)

// The health statuses Argo CD accepts from a Lua script.
var argoStatuses = []string{"Healthy", "Progressing", "Degraded", "Suspended", "Missing", "Unknown"}

// ---------------------------------------------------------------------------------------------
// The mapping between the two readers. Each row says: when Argo CD's verdict is argo and the
// object is in the state `applies` describes, kstatus must compute `expect`. The README's table
// under "With Argo CD or Flux" states the same rows (TestREADMEStatesTheMapping); every case
// must fall under exactly one row.

type rule struct {
	argo    string                       // Argo CD health, as the README's first column says it
	kstatus string                       // kstatus, as the README's kstatus column says it
	when    string                       // for messages only
	applies func(f facts) bool           // the state of the object this row covers
	expect  func(f facts) kstatus.Status // what kstatus must compute for it
}

func always(s kstatus.Status) func(facts) kstatus.Status {
	return func(facts) kstatus.Status { return s }
}

var mapping = []rule{
	{
		argo: "Progressing", kstatus: "Current",
		when: "no status yet (no conditions, no newer generation to wait for)",
		applies: func(f facts) bool {
			return !f.deleting && len(f.conditions) == 0 && !f.staleObserved()
		},
		expect: always(kstatus.CurrentStatus),
	},
	{
		argo: "Progressing", kstatus: "InProgress",
		when:    "status.observedGeneration differs from metadata.generation",
		applies: func(f facts) bool { return !f.deleting && f.staleObserved() },
		expect:  always(kstatus.InProgressStatus),
	},
	{
		argo: "Progressing", kstatus: "Current",
		when: "Ready=True, but no status.observedGeneration or a Ready condition for an older generation",
		applies: func(f facts) bool {
			return !f.deleting && !f.staleObserved() && f.is("Ready", "True") &&
				!f.is("Reconciling", "True") && !f.is("Stalled", "True") &&
				(!f.hasObserved || f.staleReady())
		},
		expect: always(kstatus.CurrentStatus),
	},
	{
		argo: "Progressing", kstatus: "InProgress",
		when:    "Reconciling=True",
		applies: func(f facts) bool { return !f.deleting && !f.staleObserved() && f.is("Reconciling", "True") },
		expect:  always(kstatus.InProgressStatus),
	},
	{
		argo: "Progressing", kstatus: "Terminating",
		when:    "metadata.deletionTimestamp set",
		applies: func(f facts) bool { return f.deleting },
		expect:  always(kstatus.TerminatingStatus),
	},
	{
		argo: "Progressing", kstatus: "InProgress",
		when: "Ready not True, nothing in flight, nothing stalled",
		applies: func(f facts) bool {
			return !f.deleting && !f.staleObserved() && len(f.conditions) > 0 &&
				!f.is("Reconciling", "True") && !f.is("Stalled", "True") && !f.is("Ready", "True")
		},
		expect: always(kstatus.InProgressStatus),
	},
	{
		argo: "Suspended", kstatus: "Current if Ready=True, else InProgress",
		when:    "Synced reason Paused",
		applies: func(f facts) bool { return !f.deleting && !f.staleObserved() },
		expect: func(f facts) kstatus.Status {
			if f.is("Ready", "True") {
				return kstatus.CurrentStatus
			}
			return kstatus.InProgressStatus
		},
	},
	{
		argo: "Degraded", kstatus: "Failed",
		when:    "Stalled=True",
		applies: func(f facts) bool { return !f.deleting && !f.staleObserved() },
		expect:  always(kstatus.FailedStatus),
	},
	{
		argo: "Healthy", kstatus: "Current",
		when:    "Ready=True for the current generation",
		applies: func(f facts) bool { return !f.deleting && !f.staleObserved() },
		expect:  always(kstatus.CurrentStatus),
	},
}

func (r rule) String() string { return r.argo + " → " + r.kstatus + " (" + r.when + ")" }

// rowFor is the one mapping row covering an object Argo CD judged argo.
func rowFor(argo string, f facts) (int, error) {
	var rows []int
	for i, r := range mapping {
		if r.argo == argo && r.applies(f) {
			rows = append(rows, i)
		}
	}
	switch len(rows) {
	case 1:
		return rows[0], nil
	case 0:
		return -1, fmt.Errorf("no row of the mapping covers Argo CD %s for this object (%s): "+
			"add one to `mapping` and to the README table", argo, f)
	default:
		var names []string
		for _, i := range rows {
			names = append(names, mapping[i].String())
		}
		return -1, fmt.Errorf("rows overlap for Argo CD %s (%s): %s", argo, f, strings.Join(names, "; "))
	}
}

// facts are what the mapping rows look at, read from the object as a client reads it.
type facts struct {
	deleting      bool
	hasGeneration bool
	generation    int64
	hasObserved   bool
	observed      int64
	conditions    map[string]condition // the first condition of each type, as both readers take it
}

type condition struct {
	status                string
	hasObservedGeneration bool
	observedGeneration    int64
}

func factsOf(u *unstructured.Unstructured) (facts, error) {
	var f facts
	var err error
	f.deleting = u.GetDeletionTimestamp() != nil
	if f.generation, f.hasGeneration, err = unstructured.NestedInt64(u.Object, "metadata", "generation"); err != nil {
		return f, err
	}
	if f.observed, f.hasObserved, err = unstructured.NestedInt64(u.Object, "status", "observedGeneration"); err != nil {
		return f, err
	}
	list, _, err := unstructured.NestedSlice(u.Object, "status", "conditions")
	if err != nil {
		return f, err
	}
	f.conditions = map[string]condition{}
	for _, item := range list {
		m, ok := item.(map[string]any)
		if !ok {
			return f, fmt.Errorf("status.conditions holds a %T, not an object", item)
		}
		typ, _, _ := unstructured.NestedString(m, "type")
		if _, seen := f.conditions[typ]; seen {
			continue
		}
		var c condition
		c.status, _, _ = unstructured.NestedString(m, "status")
		if c.observedGeneration, c.hasObservedGeneration, err = unstructured.NestedInt64(m, "observedGeneration"); err != nil {
			return f, err
		}
		f.conditions[typ] = c
	}
	return f, nil
}

// staleObserved: status.observedGeneration is there and is not metadata.generation (kstatus's test).
func (f facts) staleObserved() bool {
	return f.hasGeneration && f.hasObserved && f.observed != f.generation
}

// staleReady: the Ready condition says it was computed for an older generation.
func (f facts) staleReady() bool {
	c, ok := f.conditions["Ready"]
	return ok && f.hasGeneration && c.hasObservedGeneration && c.observedGeneration < f.generation
}

func (f facts) is(typ, status string) bool {
	c, ok := f.conditions[typ]
	return ok && c.status == status
}

func (f facts) String() string {
	var b strings.Builder
	if f.hasGeneration {
		fmt.Fprintf(&b, "generation %d", f.generation)
	} else {
		b.WriteString("no generation")
	}
	if f.hasObserved {
		fmt.Fprintf(&b, ", observedGeneration %d", f.observed)
	} else {
		b.WriteString(", no observedGeneration")
	}
	if f.deleting {
		b.WriteString(", deletionTimestamp set")
	}
	for _, typ := range []string{"Ready", "Synced", "Reconciling", "Stalled"} {
		if c, ok := f.conditions[typ]; ok {
			fmt.Fprintf(&b, ", %s=%s", typ, c.status)
		}
	}
	if len(f.conditions) == 0 {
		b.WriteString(", no conditions")
	}
	return b.String()
}

// ---------------------------------------------------------------------------------------------
// Argo CD's layout: health_test.yaml beside health.lua, naming files under testdata/.

type healthTestFile struct {
	Tests []struct {
		HealthStatus struct {
			Status  string  `json:"status"`
			Message *string `json:"message,omitempty"` // absent: not compared
		} `json:"healthStatus"`
		InputPath string `json:"inputPath"`
	} `json:"tests"`
}

type testCase struct {
	name        string // inputPath, as Argo CD's test names it
	path        string // on disk
	wantStatus  string
	wantMessage *string
}

func loadCases(dir string) ([]testCase, error) {
	file := filepath.Join(dir, "health_test.yaml")
	raw, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var parsed healthTestFile
	if err := yaml.UnmarshalStrict(raw, &parsed); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	if len(parsed.Tests) == 0 {
		return nil, fmt.Errorf("%s has no tests", file)
	}
	seen := map[string]bool{}
	var cases []testCase
	for i, tc := range parsed.Tests {
		p := filepath.ToSlash(filepath.Clean(filepath.FromSlash(tc.InputPath)))
		switch {
		case tc.InputPath == "":
			return nil, fmt.Errorf("%s: tests[%d] has no inputPath", file, i)
		case !filepath.IsLocal(filepath.FromSlash(p)):
			return nil, fmt.Errorf("%s: tests[%d].inputPath %q leaves %s", file, i, tc.InputPath, dir)
		case seen[p]:
			return nil, fmt.Errorf("%s: %s is listed twice", file, p)
		case !slices.Contains(argoStatuses, tc.HealthStatus.Status):
			return nil, fmt.Errorf("%s: tests[%d].healthStatus.status %q is not one of %v",
				file, i, tc.HealthStatus.Status, argoStatuses)
		}
		seen[p] = true
		cases = append(cases, testCase{
			name:        p,
			path:        filepath.Join(dir, filepath.FromSlash(p)),
			wantStatus:  tc.HealthStatus.Status,
			wantMessage: tc.HealthStatus.Message,
		})
	}
	return cases, nil
}

// object is one input, decoded twice from the same JSON: for Lua the way Argo CD's own
// health_test.go reads testdata (encoding/json, numbers float64), for kstatus the way a
// Kubernetes client reads the API (integers int64). Lua sees a number either way.
type object struct {
	forLua map[string]any
	forK8s *unstructured.Unstructured
}

func loadObject(path string) (object, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return object{}, err
	}
	js, err := yaml.YAMLToJSON(raw)
	if err != nil {
		return object{}, fmt.Errorf("%s: %w", path, err)
	}
	var o object
	if err := json.Unmarshal(js, &o.forLua); err != nil {
		return object{}, fmt.Errorf("%s: %w", path, err)
	}
	var k8s map[string]any
	if err := utiljson.Unmarshal(js, &k8s); err != nil {
		return object{}, fmt.Errorf("%s: %w", path, err)
	}
	o.forK8s = &unstructured.Unstructured{Object: k8s}
	if o.forK8s.GetAPIVersion() != wantAPIVersion || o.forK8s.GetKind() != wantKind {
		return object{}, fmt.Errorf("%s holds %s %s, not %s %s: each input is one whole object",
			path, o.forK8s.GetAPIVersion(), o.forK8s.GetKind(), wantAPIVersion, wantKind)
	}
	return o, nil
}

// ---------------------------------------------------------------------------------------------
// Running health.lua as Argo CD does (util/lua in argoproj/argo-cd): a fresh gopher-lua state per
// call, a one-second deadline, the object as the global `obj` (nested tables, numbers as Lua
// numbers), and the script's return value read as a table {status, message}.

type verdict struct{ Status, Message string }

// runHealthLua runs script against obj. openLibs false is what a script from argocd-cm gets
// (resource.customizations without useOpenLibs): only the package, base and table libraries
// (Argo CD adds a reduced os library, which health.lua does not use). openLibs true is what a
// script built into Argo CD's resource_customizations gets: the standard libraries.
func runHealthLua(script string, obj map[string]any, openLibs bool) (verdict, error) {
	L := lua.NewState(lua.Options{SkipOpenLibs: !openLibs})
	defer L.Close()
	if !openLibs {
		for _, lib := range []struct {
			name string
			open lua.LGFunction
		}{
			{lua.LoadLibName, lua.OpenPackage},
			{lua.BaseLibName, lua.OpenBase},
			{lua.TabLibName, lua.OpenTable},
		} {
			err := L.CallByParam(lua.P{Fn: L.NewFunction(lib.open), NRet: 0, Protect: true}, lua.LString(lib.name))
			if err != nil {
				return verdict{}, err
			}
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	L.SetContext(ctx)
	L.SetGlobal("obj", toLua(L, obj))
	if err := L.DoString(script); err != nil {
		return verdict{}, err
	}
	ret := L.Get(-1)
	table, ok := ret.(*lua.LTable)
	if !ok {
		return verdict{}, fmt.Errorf("expect table output from Lua script, not %s", ret.Type())
	}
	var v verdict
	for field, dst := range map[string]*string{"status": &v.Status, "message": &v.Message} {
		switch x := table.RawGetString(field).(type) {
		case lua.LString:
			*dst = string(x)
		case *lua.LNilType:
		default:
			return verdict{}, fmt.Errorf("the returned table's %s is a %s, not a string", field, x.Type())
		}
	}
	if !slices.Contains(argoStatuses, v.Status) {
		return verdict{Status: "Unknown", Message: invalidHealthStatus}, nil
	}
	return v, nil
}

// toLua converts a decoded JSON value to Lua values the way Argo CD hands objects to scripts.
func toLua(L *lua.LState, value any) lua.LValue {
	switch v := value.(type) {
	case nil:
		return lua.LNil
	case bool:
		return lua.LBool(v)
	case string:
		return lua.LString(v)
	case float64:
		return lua.LNumber(v)
	case int64:
		return lua.LNumber(v)
	case int:
		return lua.LNumber(v)
	case json.Number: // Argo CD passes these as strings
		return lua.LString(v)
	case []any:
		t := L.CreateTable(len(v), 0)
		for _, item := range v {
			t.Append(toLua(L, item))
		}
		return t
	case map[string]any:
		t := L.CreateTable(0, len(v))
		for k, item := range v {
			t.RawSetString(k, toLua(L, item))
		}
		return t
	}
	return lua.LNil
}

// ---------------------------------------------------------------------------------------------

func readScript(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(argoDir, "health.lua"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// checkCase runs both readers on one input and returns the mapping row it fell under (-1 if none).
func checkCase(t *testing.T, script string, tc testCase) int {
	obj, err := loadObject(tc.path)
	if err != nil {
		t.Fatal(err)
	}

	// Argo CD: the same verdict with the argocd-cm libraries and with the built-in ones.
	got, err := runHealthLua(script, obj.forLua, false)
	if err != nil {
		t.Fatalf("health.lua (argocd-cm libraries): %v", err)
	}
	open, err := runHealthLua(script, obj.forLua, true)
	if err != nil {
		t.Fatalf("health.lua (standard libraries): %v", err)
	}
	if open != got {
		t.Errorf("health.lua answers %+v with the standard libraries but %+v with argocd-cm's", open, got)
	}
	if got.Status != tc.wantStatus {
		t.Errorf("Argo CD health: got %s (%q), want %s", got.Status, got.Message, tc.wantStatus)
	}
	if tc.wantMessage != nil && got.Message != *tc.wantMessage {
		t.Errorf("Argo CD message:\n got  %q\n want %q", got.Message, *tc.wantMessage)
	}

	// kstatus, through the one mapping row that covers this state.
	res, err := kstatus.Compute(obj.forK8s)
	if err != nil {
		t.Fatalf("kstatus: %v", err)
	}
	f, err := factsOf(obj.forK8s)
	if err != nil {
		t.Fatal(err)
	}
	row, err := rowFor(got.Status, f)
	if err != nil {
		t.Errorf("kstatus computed %s (%q), but %v", res.Status, res.Message, err)
		return -1
	}
	want := mapping[row].expect(f)
	if res.Status != want {
		t.Errorf("kstatus: got %s (%q), want %s by the mapping row %s; object: %s",
			res.Status, res.Message, want, mapping[row], f)
	}
	t.Logf("Argo CD %s %q | kstatus %s %q | row %d: %s", got.Status, got.Message, res.Status, res.Message, row+1, mapping[row])
	return row
}

// runCases checks every case of dir and returns how many cases fell under each mapping row.
func runCases(t *testing.T, dir string) []int {
	t.Helper()
	cases, err := loadCases(dir)
	if err != nil {
		t.Fatal(err)
	}
	script := readScript(t)
	used := make([]int, len(mapping))
	for _, tc := range cases {
		t.Run(strings.TrimSuffix(strings.TrimPrefix(tc.name, "testdata/"), ".yaml"), func(t *testing.T) {
			if row := checkCase(t, script, tc); row >= 0 {
				used[row]++
			}
		})
	}
	return used
}

// TestArgoCDHealthChecks runs deploy/argocd/health_test.yaml, as Argo CD's
// resource_customizations tests run theirs, and kstatus on every input.
func TestArgoCDHealthChecks(t *testing.T) {
	used := runCases(t, argoDir)
	for i, n := range used {
		if n == 0 {
			t.Errorf("no case in %s/health_test.yaml exercises the mapping row %s", argoDir, mapping[i])
		}
	}
	// Every testdata file is listed, as Argo CD's layout expects.
	cases, err := loadCases(argoDir)
	if err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join(argoDir, "testdata", "*"))
	if err != nil {
		t.Fatal(err)
	}
	for _, file := range files {
		if !slices.ContainsFunc(cases, func(tc testCase) bool { return filepath.Clean(tc.path) == filepath.Clean(file) }) {
			t.Errorf("%s is not listed in health_test.yaml", file)
		}
	}
}

// TestE2EStatuses runs the same checks on statuses the real operator wrote, when the Java
// end-to-end suite has saved them (see README.md beside this file for the contract).
func TestE2EStatuses(t *testing.T) {
	dir := os.Getenv(StatusDirEnv)
	if dir == "" {
		t.Skip(StatusDirEnv + " is not set: no statuses from the end-to-end suite to check " +
			"(it names a directory holding health_test.yaml and testdata/, written by the Java e2e suite)")
	}
	used := runCases(t, dir)
	var summary []string
	for i, n := range used {
		if n > 0 {
			summary = append(summary, fmt.Sprintf("%d× %s", n, mapping[i]))
		}
	}
	t.Logf("mapping rows seen in %s: %s", dir, strings.Join(summary, "; "))
}

// TestREADMEStatesTheMapping checks that the README's table under "With Argo CD or Flux" has a
// kstatus column saying, row for row, what the mapping above holds kstatus to.
func TestREADMEStatesTheMapping(t *testing.T) {
	rows, err := readmeTable(readmePath, "With Argo CD or Flux")
	if err != nil {
		t.Fatal(err)
	}
	var got, want []string
	for _, r := range rows {
		got = append(got, r[0]+" | "+r[1])
	}
	for _, r := range mapping {
		want = append(want, r.argo+" | "+r.kstatus)
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("the README's table (Argo CD health | kstatus) does not state the mapping the tests hold "+
			"kstatus to.\nREADME rows:\n  %s\nmapping rows:\n  %s",
			strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}

// readmeTable returns the (Argo CD health, kstatus) cells of the first table under the heading
// that has an "Argo CD health" column, with backticks and extra spaces removed.
func readmeTable(path, heading string) ([][2]string, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	sc := bufio.NewScanner(bytes.NewReader(raw))
	in, inTable := false, false
	argoCol, kCol := -1, -1
	var rows [][2]string
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "#") {
			if in {
				break
			}
			in = strings.TrimSpace(strings.TrimLeft(line, "#")) == heading
			continue
		}
		if !in {
			continue
		}
		if !strings.HasPrefix(line, "|") {
			if inTable {
				break
			}
			continue
		}
		cells := splitRow(line)
		if !inTable {
			for i, c := range cells {
				switch {
				case c == "Argo CD health":
					argoCol = i
				case strings.HasPrefix(c, "kstatus"):
					kCol = i
				}
			}
			if argoCol < 0 {
				continue // another table
			}
			if kCol < 0 {
				return nil, fmt.Errorf("%s: the table under %q has no kstatus column: %s", path, heading, line)
			}
			inTable = true
			continue
		}
		if strings.Trim(line, "|-: ") == "" {
			continue // the separator row
		}
		if len(cells) <= max(argoCol, kCol) {
			return nil, fmt.Errorf("%s: short row under %q: %s", path, heading, line)
		}
		rows = append(rows, [2]string{cells[argoCol], cells[kCol]})
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if !inTable {
		return nil, fmt.Errorf("%s: no table with an \"Argo CD health\" column under the heading %q", path, heading)
	}
	return rows, nil
}

// splitRow splits a Markdown table row on unescaped pipes and normalises each cell.
func splitRow(line string) []string {
	line = strings.TrimSuffix(strings.TrimPrefix(line, "|"), "|")
	var cells []string
	var cur strings.Builder
	for i := 0; i < len(line); i++ {
		switch {
		case line[i] == '\\' && i+1 < len(line) && line[i+1] == '|':
			cur.WriteByte('|')
			i++
		case line[i] == '|':
			cells = append(cells, cur.String())
			cur.Reset()
		default:
			cur.WriteByte(line[i])
		}
	}
	cells = append(cells, cur.String())
	for i, c := range cells {
		cells[i] = strings.Join(strings.Fields(strings.ReplaceAll(c, "`", "")), " ")
	}
	return cells
}

// TestArgocdCmCarriesHealthLua: the ConfigMap snippet users apply holds health.lua verbatim.
func TestArgocdCmCarriesHealthLua(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join(argoDir, "argocd-cm.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var cm struct {
		Kind string            `json:"kind"`
		Data map[string]string `json:"data"`
	}
	if err := yaml.Unmarshal(raw, &cm); err != nil {
		t.Fatal(err)
	}
	const key = "resource.customizations.health.omni.gitops.dev_OmniConnection"
	if cm.Kind != "ConfigMap" {
		t.Errorf("argocd-cm.yaml is a %q, not a ConfigMap", cm.Kind)
	}
	if got := cm.Data[key]; got != readScript(t) {
		t.Errorf("argocd-cm.yaml's %s is not health.lua verbatim", key)
	}
}

// TestCRDDefaultsTheStatusSoNoStatusIsInProgress checks the committed CRD carries the status
// default (observedGeneration -1, the one Flux's own CRDs carry): the API server then shows it on
// every resource the operator has not reached yet, and kstatus reads that as InProgress instead of
// the Current it computes for no status at all (testdata/crd-default-status.yaml is the case).
func TestCRDDefaultsTheStatusSoNoStatusIsInProgress(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "..", "crds", "omniconnections.omni.gitops.dev-v1.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var crd struct {
		Spec struct {
			Versions []struct {
				Schema struct {
					OpenAPIV3Schema struct {
						Properties map[string]struct {
							Default map[string]any `json:"default"`
						} `json:"properties"`
					} `json:"openAPIV3Schema"`
				} `json:"schema"`
			} `json:"versions"`
		} `json:"spec"`
	}
	if err := yaml.Unmarshal(raw, &crd); err != nil {
		t.Fatal(err)
	}
	if len(crd.Spec.Versions) == 0 {
		t.Fatal("the CRD has no versions")
	}
	def := crd.Spec.Versions[0].Schema.OpenAPIV3Schema.Properties["status"].Default
	if g, ok := def["observedGeneration"].(float64); !ok || g != -1 {
		t.Errorf("the CRD's status default is %v: want observedGeneration -1, or kstatus reads a "+
			"resource no operator reached as Current", def)
	}
	obj, err := loadObject(filepath.Join(argoDir, "testdata", "no-status.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	before, err := kstatus.Compute(obj.forK8s)
	if err != nil {
		t.Fatal(err)
	}
	if before.Status != kstatus.CurrentStatus {
		t.Errorf("without status kstatus computes %s: update the README's first row", before.Status)
	}
}
