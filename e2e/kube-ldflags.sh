# Sourced by build-binaries.sh and build-node.sh: the linker flags that make Kubernetes binaries
# report the pinned version (`/version`, `--version`). Usage: kube_ldflags <patch> <minor>.
kube_ldflags() {
  local pinned=$1 minor=$2 pkg flags="-s -w"
  for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    flags+=" -X $pkg.gitVersion=v$pinned -X $pkg.gitMajor=1 -X $pkg.gitMinor=${minor#1.}"
    flags+=" -X $pkg.gitTreeState=clean -X $pkg.buildDate=1970-01-01T00:00:00Z"
  done
  echo "$flags"
}
