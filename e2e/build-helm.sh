#!/usr/bin/env bash
# Builds helm (v3) from Go modules at the version pinned in e2e/helm/go.mod and caches it.
# The last line printed on stdout is the path of the helm binary; progress goes to stderr.
#
# Cache: ${XDG_CACHE_HOME:-$HOME/.cache}/dra4j/e2e/helm-<version>/ ; a build is skipped when
# the cached binary was built from the same inputs (go.mod, go.sum, flags, Go).
#
# --cached: print the path of the cached binary without building or checking its inputs, for
# machines without Go; exits 1 when there is none.
set -euo pipefail

die() { echo "build-helm: $*" >&2; exit 1; }

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
moddir="$here/helm"
cached_only=false
case ${1:-} in
  "") ;;
  --cached) cached_only=true ;;
  *) die "unknown argument '$1'; expected none, or --cached" ;;
esac

export GOFLAGS=-mod=mod
export GOMAXPROCS=${GOMAXPROCS:-2}
export CGO_ENABLED=0
export GOTOOLCHAIN=local

pinned=$(sed -n 's/^\(require\)\{0,1\}\s*helm\.sh\/helm\/v3 v\([0-9.]*\).*$/\2/p' "$moddir/go.mod")
[[ -n $pinned ]] || die "$moddir/go.mod does not require helm.sh/helm/v3 vX.Y.Z"

cache="${XDG_CACHE_HOME:-$HOME/.cache}/dra4j/e2e/helm-$pinned"
if $cached_only; then
  [[ -x $cache/helm ]] || die "no helm $pinned is cached in $cache; build it with $0 (needs Go)"
  echo "$cache/helm"
  exit 0
fi

command -v go >/dev/null 2>&1 \
  || die "the Go toolchain is not on PATH; install Go 1.25 or newer to build helm"

mkdir -p "$cache"
# shellcheck source=go-flags.sh
source "$here/go-flags.sh"
ldflags="-s -w -X helm.sh/helm/v3/internal/version.version=v$pinned"
gcflags=$(go_gcflags)
inputs=$( (cd "$moddir" && cat go.mod go.sum; echo "$ldflags $gcflags"; go version) \
  | sha256sum | cut -d' ' -f1)

exec 9>"$cache/.lock"
flock 9
if [[ -x $cache/helm && "$(cat "$cache/inputs.sha256" 2>/dev/null)" == "$inputs" ]]; then
  echo "build-helm: helm $pinned is cached in $cache" >&2
  echo "$cache/helm"
  exit 0
fi

rm -f "$cache/inputs.sha256"
start=$(date +%s)
echo "build-helm: building helm $pinned" >&2
(cd "$moddir" && nice -n 19 go mod download) || die "downloading modules for $moddir failed"
(cd "$moddir" && nice -n 19 go build -p 2 -trimpath -gcflags "$gcflags" -ldflags "$ldflags" \
  -o "$cache/helm.tmp" helm.sh/helm/v3/cmd/helm) || die "building helm failed; see the Go output above"
mv "$cache/helm.tmp" "$cache/helm"
echo "$inputs" >"$cache/inputs.sha256"
echo "build-helm: helm $pinned built in $(( $(date +%s) - start ))s into $cache" >&2
echo "$cache/helm"
