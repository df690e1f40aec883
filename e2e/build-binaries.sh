#!/usr/bin/env bash
# Builds etcd, kube-apiserver, kube-controller-manager (for the resourceclaim and garbage
# collector controllers) and kube-scheduler for one Kubernetes minor version from Go
# modules at pinned versions, and caches them. The last line printed on stdout is the
# directory holding the binaries; progress goes to stderr.
#
#   e2e/build-binaries.sh 1.35          # uses e2e/k8s-1.35 (pinned patch version in its go.mod)
#   e2e/build-binaries.sh 1.36.0        # creates e2e/k8s-1.36 for that patch version first
#
# Cache: ${XDG_CACHE_HOME:-$HOME/.cache}/dra4j/e2e/<patch-version>/ ; a build is skipped when
# the cached binaries were built from the same inputs (go.mod, go.sum, sources, flags, Go).
set -euo pipefail

die() { echo "build-binaries: $*" >&2; exit 1; }

[[ $# -eq 1 ]] || die "usage: $0 <kubernetes version, e.g. 1.35 or 1.35.4>"
requested=${1#v}
[[ $requested =~ ^1\.([0-9]+)(\.[0-9]+)?$ ]] \
  || die "version '$1' is not of the form 1.<minor>[.<patch>] (for example 1.35 or 1.35.4)"
minor="1.${BASH_REMATCH[1]}"

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
moddir="$here/k8s-$minor"

command -v go >/dev/null 2>&1 \
  || die "the Go toolchain is not on PATH; install Go 1.25 or newer to build the E2E binaries"

export GOFLAGS=-mod=mod
export GOMAXPROCS=${GOMAXPROCS:-2}
export CGO_ENABLED=0
export GOTOOLCHAIN=local

# Writes go.mod for a new minor version: the main Kubernetes module lists its staging modules
# as v0.0.0 replaced by ./staging/... paths, which do not resolve outside its repository, so
# every staging module is pinned to the published v0.<minor>.<patch> tag instead.
generate_module() {
  local full=$1 staging=$2
  mkdir -p "$moddir/cmd/etcd"
  local gomod
  gomod=$(go mod download -json "k8s.io/kubernetes@v$full" | sed -n 's/.*"GoMod": "\(.*\)",/\1/p')
  [[ -f $gomod ]] || die "the module proxy does not serve k8s.io/kubernetes@v$full"
  {
    echo "// Pins Kubernetes v$full and its staging modules for the dra4j E2E binaries."
    echo "module dra4j.io/e2e/k8s-$minor"
    echo
    sed -n 's/^go \(.*\)$/go \1/p' "$gomod"
    echo
    echo "tool ("
    echo "	k8s.io/kubernetes/cmd/kube-apiserver"
    echo "	k8s.io/kubernetes/cmd/kube-controller-manager"
    echo "	k8s.io/kubernetes/cmd/kube-scheduler"
    echo ")"
    echo
    echo "require k8s.io/kubernetes v$full"
    echo
    echo "replace ("
    sed -n 's/^\s*\(k8s\.io\/[a-z0-9-]*\) => \.\/staging\/.*$/\1/p' "$gomod" \
      | while read -r m; do printf '\t%s => %s v%s\n' "$m" "$m" "$staging"; done
    echo ")"
  } >"$moddir/go.mod"
  cat >"$moddir/cmd/etcd/main.go" <<'GO'
// Command etcd runs the etcd server from the etcd version that Kubernetes pins.
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() { etcdmain.Main(os.Args) }
GO
  # etcd is taken at the version the Kubernetes module pins (tidy resolves it from its graph).
  (cd "$moddir" && go mod tidy)
}

if [[ ! -f $moddir/go.mod ]]; then
  [[ $requested =~ ^1\.[0-9]+\.[0-9]+$ ]] \
    || die "no module for $minor in $moddir; pass a full version (e.g. $minor.0) to create it"
  echo "build-binaries: creating $moddir for Kubernetes v$requested" >&2
  generate_module "$requested" "0.${requested#1.}"
fi

pinned=$(sed -n 's/^\(require\)\{0,1\}\s*k8s\.io\/kubernetes v\([0-9.]*\).*$/\2/p' "$moddir/go.mod")
[[ -n $pinned ]] || die "$moddir/go.mod does not require k8s.io/kubernetes vX.Y.Z"
if [[ $requested =~ ^1\.[0-9]+\.[0-9]+$ && $requested != "$pinned" ]]; then
  die "$moddir pins Kubernetes $pinned, not $requested; edit its go.mod or ask for $minor"
fi

cache="${XDG_CACHE_HOME:-$HOME/.cache}/dra4j/e2e/$pinned"
mkdir -p "$cache"
# shellcheck source=go-flags.sh
source "$here/go-flags.sh"
ldflags=$(kube_ldflags "$pinned" "$minor")
gcflags=$(go_gcflags)
inputs=$( (cd "$moddir" && cat go.mod go.sum cmd/etcd/main.go; echo "$ldflags $gcflags"; go version) \
  | sha256sum | cut -d' ' -f1)

exec 9>"$cache/.lock"
flock 9
binaries=(etcd kube-apiserver kube-controller-manager kube-scheduler)
present=true
for b in "${binaries[@]}"; do [[ -x $cache/$b ]] || present=false; done
if [[ $present == true \
      && "$(cat "$cache/inputs.sha256" 2>/dev/null)" == "$inputs" ]]; then
  echo "build-binaries: Kubernetes $pinned binaries are cached in $cache" >&2
  echo "$cache"
  exit 0
fi

rm -f "$cache/inputs.sha256"
start=$(date +%s)
(cd "$moddir" && nice -n 19 go mod download) || die "downloading modules for $moddir failed"
echo "build-binaries: modules for Kubernetes $pinned ready in $(( $(date +%s) - start ))s" >&2
# One go build for the four commands: their packages compile once, and the linking of one overlaps
# the compiling of the others.
out="$cache/.build"
rm -rf "$out"
mkdir -p "$out"
echo "build-binaries: building ${binaries[*]} for Kubernetes $pinned" >&2
(cd "$moddir" && nice -n 19 go build -p 2 -trimpath -gcflags "$gcflags" -ldflags "$ldflags" \
  -o "$out/" ./cmd/etcd k8s.io/kubernetes/cmd/kube-apiserver \
  k8s.io/kubernetes/cmd/kube-controller-manager k8s.io/kubernetes/cmd/kube-scheduler) \
  || die "building the Kubernetes $pinned binaries failed; see the Go output above"
for b in "${binaries[@]}"; do
  [[ -x $out/$b ]] || die "go build wrote no $b into $out"
  mv "$out/$b" "$cache/$b"
done
rmdir "$out"
echo "$inputs" >"$cache/inputs.sha256"
echo "build-binaries: Kubernetes $pinned built in $(( $(date +%s) - start ))s into $cache" >&2
echo "$cache"
