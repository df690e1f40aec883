# Sourced by build-binaries.sh, build-node.sh and build-helm.sh: the flags the test binaries are
# built with.

# The compiler flags for every package: no DWARF (the linker strips it with -s -w anyway) and no
# inlining. The binaries only serve tests; compiling k8s.io/client-go/kubernetes and
# k8s.io/apiserver/pkg/server from an empty build cache took 113-120 s with the default flags,
# 99-109 s without DWARF and 82 s without DWARF and inlining (2 cores). Turning all optimisations
# off (-N -l) is slower than the default.
go_gcflags() {
  echo "all=-dwarf=false -l"
}

# The linker flags that make Kubernetes binaries report the pinned version (`/version`,
# `--version`). Usage: kube_ldflags <patch> <minor>.
kube_ldflags() {
  local pinned=$1 minor=$2 pkg flags="-s -w"
  for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    flags+=" -X $pkg.gitVersion=v$pinned -X $pkg.gitMajor=1 -X $pkg.gitMinor=${minor#1.}"
    flags+=" -X $pkg.gitTreeState=clean -X $pkg.buildDate=1970-01-01T00:00:00Z"
  done
  echo "$flags"
}
