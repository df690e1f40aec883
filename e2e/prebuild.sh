#!/usr/bin/env bash
# Starts building the E2E binaries in the background when `./mvnw verify` starts, so that the Go
# builds use the cores the Java build leaves idle and are done, or under way, when the E2E tests
# ask for them: the control plane of each version, helm after the first version, and the node
# binaries of each real-node version after its control plane. Returns at once.
#
#   e2e/prebuild.sh <versions, e.g. 1.34,1.35,1.36,1.37> <real-node versions> <log file> \
#       <Maven goals, e.g. [verify]> <skipTests> <skipITs> <maven.test.skip>
#
# It does nothing unless the goals reach integration-test (verify, install, deploy) and no test is
# skipped, so `./mvnw test` or `./mvnw verify -DskipTests` never start a Go build.
#
# Each build script holds its cache's lock while it builds, so a test that asks for a version under
# way waits for it and then finds it cached, and a test that asks for another one builds that one
# itself. Cached binaries cost about 0.1 s per script. The background job ends, and stops the build
# it is running, when the process that started it (the Maven JVM) ends. Nothing is done without a
# Go toolchain: the tests then print why they are skipped.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

if [[ ${1:-} == --run ]]; then
  owner=$2 versions=$3 node_versions=$4
  # A process group of its own (setsid): when the owner ends, everything in it is stopped.
  (while kill -0 "$owner" 2>/dev/null; do sleep 2; done
   echo "prebuild: the build that started this ended; stopping" >&2
   kill -TERM 0) &
  watcher=$!
  start=$(date +%s)
  node_ok=false
  if [[ $(id -u) -eq 0 && -w /sys/fs/cgroup/cpu/cgroup.procs ]]; then node_ok=true; fi
  first=true
  IFS=, read -ra list <<<"$versions"
  for v in "${list[@]}"; do
    v=${v// /}
    [[ -n $v ]] || continue
    "$here/build-binaries.sh" "$v" >/dev/null || echo "prebuild: Kubernetes $v failed" >&2
    if $first; then
      "$here/build-helm.sh" >/dev/null || echo "prebuild: helm failed" >&2
      first=false
    fi
    if $node_ok && [[ ,${node_versions// /}, == *",$v,"* ]]; then
      "$here/build-node.sh" "$v" >/dev/null || echo "prebuild: node $v failed" >&2
    fi
  done
  echo "prebuild: done in $(( $(date +%s) - start ))s" >&2
  kill "$watcher" 2>/dev/null || true
  exit 0
fi

[[ $# -eq 7 ]] || {
  echo "usage: $0 <versions> <real-node versions> <log file> <goals> <skipTests> <skipITs>" \
    "<maven.test.skip>" >&2
  exit 2
}
if [[ ! $4 =~ (^|[^a-z-])(verify|install|deploy|integration-test)([^a-z-]|$) ]]; then
  exit 0
fi
for skip in "$5" "$6" "$7"; do
  [[ $skip != true ]] || exit 0
done
if ! command -v go >/dev/null 2>&1; then
  echo "prebuild: no Go toolchain on PATH; the E2E tests will say why they are skipped" >&2
  exit 0
fi
if ! command -v setsid >/dev/null 2>&1; then
  echo "prebuild: no setsid on PATH; the E2E tests build their binaries when they need them" >&2
  exit 0
fi
mkdir -p "$(dirname "$3")"
setsid nohup bash "$0" --run "$PPID" "$1" "$2" >"$3" 2>&1 </dev/null &
echo "prebuild: building the E2E binaries in the background (log: $3)" >&2
