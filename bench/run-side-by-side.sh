#!/usr/bin/env bash
# Builds the Go reference driver and the dra4j benchmark module, runs both drivers side by side
# behind the same load generator and in-memory API server, and writes
# bench/results/side-by-side.md and bench/results/side-by-side.png.
#
# Usage: bench/run-side-by-side.sh [--iterations N] [--seconds S] [... SideBySideBenchmark options]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

if ! command -v go >/dev/null; then
  echo "error: 'go' is not on PATH; the Go reference driver in bench/go-reference needs Go 1.26 or newer (k8s.io modules v0.37)" >&2
  exit 2
fi

echo "building the Go reference driver (bench/go-reference/target/go-reference) ..."
(cd bench/go-reference && nice -n 10 go build -o target/go-reference .)

echo "building the dra4j benchmark module ..."
./mvnw -o -q -pl bench,dist -am package -DskipTests \
  dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=runtime

# The dra4j driver runs from the distribution a user unpacks: its launcher, JVM flags and lib/.
rm -rf bench/target/dist && mkdir -p bench/target/dist
tar xzf dist/target/dra4j-driver-*.tar.gz -C bench/target/dist --strip-components=1

dra_version="$(cd bench/go-reference && go list -m -f '{{.Path}} {{.Version}}' k8s.io/dynamic-resource-allocation)"
mkdir -p bench/results
JAVA_HOME="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}" \
java -cp "bench/target/classes:$(cat bench/target/cp.txt)" \
  io.dra4j.bench.sidebyside.SideBySideBenchmark \
  --go-binary bench/go-reference/target/go-reference \
  --go-version "$(go version | cut -d' ' -f3) with ${dra_version}" \
  --out bench/results \
  "$@"
