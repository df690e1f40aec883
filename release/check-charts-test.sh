#!/usr/bin/env bash
# Proves that release/check-charts.sh accepts charts set to the release version and refuses each
# way a packaged chart can miss it: another chart version or appVersion, a pinned image tag, or an
# image repository that is not the one the Maven build names. Runs on a copy of the root pom, the
# driver poms and the charts. Exits 0 with a note when no helm is available (check-charts.sh
# says how to get one).
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/checks.sh" check-charts-test

fresh_copy() { # the root pom, driver poms and charts at version $1, in $work/tree
  rm -rf "$work/tree"
  mkdir -p "$work/tree"
  (cd "$root" && find pom.xml drivers \( -name target -prune \) -o \( -path pom.xml -o -path 'drivers/*/pom.xml' -o -path 'drivers/*/chart/*' \) -type f -print0 \
    | tar --null -T - -cf -) | tar -xf - -C "$work/tree"
  sed -i -e "s|^version: .*|version: $1|" -e "s|^appVersion: .*|appVersion: \"$1\"|" "$work"/tree/drivers/*/chart/Chart.yaml
}

run_check() { # version; the output goes to $work/out.txt
  rm -rf "$work/charts"
  "$root/release/check-charts.sh" --root "$work/tree" "$1" "$work/charts" >"$work/out.txt" 2>&1
}

refused() { # version, a text the message must contain
  if run_check "$1"; then echo "accepted, expected a refusal naming '$2':" >&2; cat "$work/out.txt" >&2; return 1; fi
  grep -q -- "$2" "$work/out.txt" || { echo "refused without naming '$2':" >&2; cat "$work/out.txt" >&2; return 1; }
}

fresh_copy 7.8.9
rc=0
run_check 7.8.9 || rc=$?
if [[ $rc -eq 77 ]]; then
  echo "check-charts-test: SKIPPED, no helm:"; cat "$work/out.txt"
  exit 0
fi
check "charts at the release version are accepted" test "$rc" -eq 0
check "both charts are packaged" test "$(ls "$work/charts" | grep -c '\-7\.8\.9\.tgz$')" -eq 2
check "the rendered image is named" grep -q 'runs ghcr.io/dra4j/neuron-dra-driver:7.8.9' "$work/out.txt"

check "a chart of another version is refused" refused 7.8.10 "did not write dra4j-efa-driver-7.8.10.tgz"

sed -i 's|^appVersion: .*|appVersion: "7.8.8"|' "$work/tree/drivers/neuron/chart/Chart.yaml"
check "another appVersion is refused" refused 7.8.9 "appVersion '7.8.8', expected 7.8.9"

fresh_copy 7.8.9
sed -i 's|^  tag: ""|  tag: "latest"|' "$work/tree/drivers/efa/chart/values.yaml"
check "a pinned image tag is refused" refused 7.8.9 "efa-dra-driver:latest"

fresh_copy 7.8.9
sed -i 's|^  repository: .*|  repository: docker.io/someone/neuron|' "$work/tree/drivers/neuron/chart/values.yaml"
check "another image repository is refused" refused 7.8.9 "expected 'ghcr.io/dra4j/neuron-dra-driver:7.8.9'"

fresh_copy 7.8.9
sed -i 's|<image.name>neuron-dra-driver</image.name>|<image.name>neuron-driver</image.name>|' "$work/tree/drivers/neuron/pom.xml"
check "a chart whose image the build does not name is refused" refused 7.8.9 "expected 'ghcr.io/dra4j/neuron-driver:7.8.9'"

checks_done
