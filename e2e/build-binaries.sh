#!/usr/bin/env bash
# Builds the real Kubernetes control plane the end-to-end suite runs — kube-apiserver,
# kube-controller-manager, kubectl (e2e/kube) and etcd (e2e/etcd) — from Go modules, into a cache
# outside the work tree, in the layout io.fabric8:kube-api-test reads in offline mode:
#
#   $OMNI_E2E_DIR/k8s/<version>-<os>-<arch>/{kube-apiserver,kube-controller-manager,kubectl,etcd}
#
# Idempotent: a stamp records the hash of the two go.mod/go.sum pairs and of this script, so a
# second run with nothing changed returns at once. Prints the binary folder on its last line.
# Without Go it exits 0 with a note (the e2e tests then skip), unless OMNI_E2E_REQUIRED=true.
# See docs/e2e.md.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
cache="${OMNI_E2E_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/omni-operator-e2e}"
required="${OMNI_E2E_REQUIRED:-false}"

if ! command -v go >/dev/null 2>&1; then
  if [ "$required" = "true" ]; then
    echo "e2e: no Go toolchain on PATH, and OMNI_E2E_REQUIRED=true: cannot build the test binaries" >&2
    exit 1
  fi
  echo "e2e: no Go toolchain on PATH: the end-to-end tests will be skipped" >&2
  exit 0
fi

# the release pinned in e2e/kube/go.mod, e.g. 1.35.4
version="$(sed -n 's/^[[:space:]]*k8s.io\/kubernetes v\([0-9.]*\).*/\1/p' "$here/kube/go.mod" | head -1)"
minor="$(echo "$version" | cut -d. -f2)"
os="$(go env GOOS)"
arch="$(go env GOARCH)"
out="$cache/k8s/$version-$os-$arch"
stamp="$out/.built-from"
want="$(cat "$here/kube/go.mod" "$here/kube/go.sum" "$here/etcd/go.mod" "$here/etcd/go.sum" \
  "$0" | sha256sum | cut -d' ' -f1) $(go env GOVERSION)"

# the health readers' modules (gopher-lua, kstatus), so their go test downloads nothing later
(cd "$here/health" && go mod download)

if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  for b in kube-apiserver kube-controller-manager kubectl etcd; do
    [ -x "$out/$b" ] || { rm -f "$stamp"; break; }
  done
  if [ -f "$stamp" ]; then
    echo "$out"
    exit 0
  fi
fi

mkdir -p "$out"
rm -f "$stamp"
start=$(date +%s)
echo "e2e: building Kubernetes $version and etcd into $out (cold: several minutes)" >&2
export CGO_ENABLED=0
# the module build reports v0.0.0-master unless told the release it is
ldflags="-s -w -X k8s.io/component-base/version.gitVersion=v$version"
ldflags="$ldflags -X k8s.io/component-base/version.gitMajor=1"
ldflags="$ldflags -X k8s.io/component-base/version.gitMinor=$minor"
(cd "$here/kube" && go build -ldflags "$ldflags" -o "$out/" \
  k8s.io/kubernetes/cmd/kube-apiserver \
  k8s.io/kubernetes/cmd/kube-controller-manager \
  k8s.io/kubernetes/cmd/kubectl)
(cd "$here/etcd" && go build -ldflags "-s -w" -o "$out/etcd" go.etcd.io/etcd/server/v3)
echo "$want" >"$stamp"
echo "e2e: built in $(($(date +%s) - start)) s" >&2
echo "$out"
