#!/usr/bin/env bash
# Builds what a real node needs for one Kubernetes minor version and caches it: the kubelet (from
# the same Go module as the control plane, e2e/k8s-<minor>), containerd with its runc shim and
# ctr, runc, and two container images written as OCI layout tarballs (a static busybox and a
# pause image). CNI plugins, busybox-static and libseccomp-dev come from Debian packages, installed
# here when missing. Nothing prebuilt is downloaded. The last line printed on stdout is the
# kubelet's directory, which also holds `runtime`, a link to the shared container runtime
# directory; progress goes to stderr.
#
#   e2e/build-node.sh 1.35
#
# Cache: ${XDG_CACHE_HOME:-$HOME/.cache}/dra4j/e2e/<patch-version>/node/ (kubelet) and
# .../dra4j/e2e/node-runtime/ (containerd, runc, images); each is rebuilt when its inputs change.
set -euo pipefail

die() { echo "build-node: $*" >&2; exit 1; }

[[ $# -eq 1 ]] || die "usage: $0 <kubernetes minor version, e.g. 1.35>"
[[ ${1#v} =~ ^1\.([0-9]+)(\.[0-9]+)?$ ]] \
  || die "version '$1' is not of the form 1.<minor>[.<patch>] (for example 1.35)"
minor="1.${BASH_REMATCH[1]}"

CONTAINERD_VERSION=v2.2.9
RUNC_VERSION=v1.4.4
DEBIAN_PACKAGES=(busybox-static libseccomp-dev containernetworking-plugins gcc libc6-dev)

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
moddir="$here/k8s-$minor"
[[ -f $moddir/go.mod ]] || die "no module for $minor in $moddir; create it with build-binaries.sh"
grep -q 'k8s.io/kubernetes/cmd/kubelet' "$moddir/go.mod" \
  || die "$moddir/go.mod has no k8s.io/kubernetes/cmd/kubelet tool; add it and run go mod tidy"
command -v go >/dev/null 2>&1 \
  || die "the Go toolchain is not on PATH; install Go 1.25 or newer to build the node binaries"

export GOMAXPROCS=${GOMAXPROCS:-2}
export GOTOOLCHAIN=local
root="${XDG_CACHE_HOME:-$HOME/.cache}/dra4j/e2e"

# Debian packages: installed when missing (needs root and apt-get).
missing=()
for p in "${DEBIAN_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if (( ${#missing[@]} > 0 )); then
  [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1 \
    || die "Debian packages ${missing[*]} are missing; install them (apt-get install ${missing[*]})"
  echo "build-node: installing ${missing[*]}" >&2
  exec 8>/var/lib/dpkg/dra4j-e2e.lock
  flock 8
  apt-get install -y --no-install-recommends "${missing[@]}" >&2 \
    || { apt-get update >&2 && apt-get install -y --no-install-recommends "${missing[@]}" >&2; } \
    || die "apt-get install ${missing[*]} failed; see its output above"
  exec 8>&-
fi

# --- container runtime (independent of the Kubernetes version) ---
runtime="$root/node-runtime"
mkdir -p "$runtime"
busybox_version=$(dpkg-query -W -f='${Version}' busybox-static)
runtime_inputs=$( (echo "$CONTAINERD_VERSION $RUNC_VERSION $busybox_version"; go version;
  cat "$here/node/pause.c" "$here/node/oci-image.sh"; sed -n '/^# --- container runtime/,/^# --- kubelet/p' "$0") \
  | sha256sum | cut -d' ' -f1)
exec 9>"$runtime/.lock"
flock 9
if [[ "$(cat "$runtime/inputs.sha256" 2>/dev/null)" != "$runtime_inputs" ]]; then
  rm -f "$runtime/inputs.sha256"
  mkdir -p "$runtime/bin" "$runtime/images"
  t0=$(date +%s)
  echo "build-node: building containerd $CONTAINERD_VERSION (containerd, shim, ctr)" >&2
  (cd / && GOFLAGS= CGO_ENABLED=0 GOBIN="$runtime/bin" nice -n 19 go install -p 2 -trimpath \
    -tags "no_btrfs urfave_cli_no_docs" \
    -ldflags "-s -w -X github.com/containerd/containerd/v2/version.Version=$CONTAINERD_VERSION" \
    "github.com/containerd/containerd/v2/cmd/containerd@$CONTAINERD_VERSION" \
    "github.com/containerd/containerd/v2/cmd/containerd-shim-runc-v2@$CONTAINERD_VERSION" \
    "github.com/containerd/containerd/v2/cmd/ctr@$CONTAINERD_VERSION") \
    || die "building containerd failed; see the Go output above"
  echo "build-node: containerd built in $(( $(date +%s) - t0 ))s" >&2
  t0=$(date +%s)
  echo "build-node: building runc $RUNC_VERSION (cgo, seccomp)" >&2
  (cd / && GOFLAGS= CGO_ENABLED=1 GOBIN="$runtime/bin" nice -n 19 go install -p 2 -trimpath \
    -tags "seccomp urfave_cli_no_docs" -ldflags "-X main.version=${RUNC_VERSION#v}" \
    "github.com/opencontainers/runc@$RUNC_VERSION") \
    || die "building runc failed; see the Go output above"
  echo "build-node: runc built in $(( $(date +%s) - t0 ))s" >&2

  t0=$(date +%s)
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  mkdir -p "$work/pause" "$work/busybox/bin" "$work/busybox/tmp"
  gcc -static -O2 -o "$work/pause/pause" "$here/node/pause.c" || die "gcc -static pause.c failed"
  "$here/node/oci-image.sh" "$work/pause" registry.k8s.io/pause:3.10.1 /pause \
    "$runtime/images/pause.tar"
  cp /bin/busybox "$work/busybox/bin/busybox"
  for applet in $(/bin/busybox --list); do
    [[ $applet == busybox ]] || ln -s busybox "$work/busybox/bin/$applet"
  done
  "$here/node/oci-image.sh" "$work/busybox" "docker.io/dra4j/busybox:${busybox_version//[^A-Za-z0-9._-]/_}" \
    /bin/sh "$runtime/images/busybox.tar"
  echo "docker.io/dra4j/busybox:${busybox_version//[^A-Za-z0-9._-]/_}" >"$runtime/images/busybox.name"
  echo "registry.k8s.io/pause:3.10.1" >"$runtime/images/pause.name"
  ln -sfn /usr/lib/cni "$runtime/cni"
  echo "build-node: images written in $(( $(date +%s) - t0 ))s" >&2
  echo "$runtime_inputs" >"$runtime/inputs.sha256"
else
  echo "build-node: containerd $CONTAINERD_VERSION and runc $RUNC_VERSION are cached in $runtime" >&2
fi
exec 9>&-

# --- kubelet (per Kubernetes version, same module and flags as the control plane) ---
pinned=$(sed -n 's/^\(require\)\{0,1\}\s*k8s\.io\/kubernetes v\([0-9.]*\).*$/\2/p' "$moddir/go.mod")
[[ -n $pinned ]] || die "$moddir/go.mod does not require k8s.io/kubernetes vX.Y.Z"
cache="$root/$pinned/node"
mkdir -p "$cache"
# shellcheck source=go-flags.sh
source "$here/go-flags.sh"
ldflags=$(kube_ldflags "$pinned" "$minor")
gcflags=$(go_gcflags)
inputs=$( (cd "$moddir" && cat go.mod go.sum; echo "$ldflags $gcflags"; go version) \
  | sha256sum | cut -d' ' -f1)
exec 9>"$cache/.lock"
flock 9
if [[ -x $cache/kubelet && "$(cat "$cache/inputs.sha256" 2>/dev/null)" == "$inputs" ]]; then
  echo "build-node: kubelet $pinned is cached in $cache" >&2
else
  rm -f "$cache/inputs.sha256"
  t0=$(date +%s)
  echo "build-node: building kubelet for Kubernetes $pinned" >&2
  (cd "$moddir" && GOFLAGS=-mod=mod CGO_ENABLED=0 nice -n 19 go build -p 2 -trimpath \
    -gcflags "$gcflags" -ldflags "$ldflags" -o "$cache/kubelet.tmp" k8s.io/kubernetes/cmd/kubelet) \
    || die "building kubelet failed; see the Go output above"
  mv "$cache/kubelet.tmp" "$cache/kubelet"
  echo "$inputs" >"$cache/inputs.sha256"
  echo "build-node: kubelet built in $(( $(date +%s) - t0 ))s" >&2
fi
ln -sfn "$runtime" "$cache/runtime"
echo "$cache"
