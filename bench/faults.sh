#!/usr/bin/env bash
# The fault campaign (see README.md, "Fault campaign"): builds the bench module with the driver
# from this checkout and runs io.dra4j.bench.faults.FaultCampaign with the given options, e.g.
#   bench/faults.sh --kills 20 --duration 10m
#   bench/faults.sh --scenarios ab --kills 100
# The driver's jars are copied aside first, so that a later build cannot change them mid-run.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -o -q -pl bench -am package dependency:build-classpath \
  -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=runtime -DskipTests
run=$(mktemp -d /tmp/faults-run.XXXXXX)
trap 'rm -rf "$run"' EXIT
cp -r bench/target/classes "$run/classes"
cp_entries=()
IFS=':' read -ra entries < bench/target/cp.txt || true
for e in "${entries[@]}"; do
  if [[ -d "$e" ]]; then
    copy="$run/$(echo "$e" | tr '/' '_')"
    cp -r "$e" "$copy"
    cp_entries+=("$copy")
  else
    cp "$e" "$run/" 2>/dev/null || true
    cp_entries+=("$run/$(basename "$e")")
  fi
done
classpath="$(IFS=':'; echo "${cp_entries[*]}"):$run/classes"
java -cp "$classpath" io.dra4j.bench.faults.FaultCampaign "$@"
