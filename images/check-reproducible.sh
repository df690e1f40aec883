#!/usr/bin/env bash
# Checks that the driver images of a release version are reproducible: in a copy of the working
# tree set to that version (release/set-version.sh), it builds the images twice from clean
# ("./mvnw -Pimage clean package") and compares their manifest digests. On a difference it names
# the layers that differ. The AOT cache is reused between the builds through its cache
# (images/README.md, "Reproducibility"), as it is between a release build and its rebuild.
# Usage: images/check-reproducible.sh [VERSION [DRIVER...]]
#   VERSION  default: the project version without -SNAPSHOT (a release version)
#   DRIVER   neuron, efa (default: both)
# Needs what the image build needs (images/README.md); about 75 s per build of both images on 2 cores.
# IMAGE_CHECK_KEEP=1 keeps the temporary directory.
set -euo pipefail

die() { echo "check-reproducible: $*" >&2; exit 1; }
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
snapshot=$(sed -n 's|^  <version>\([^<]*\)</version>$|\1|p' "$root/pom.xml" | head -n 1)
version=${1:-${snapshot%-SNAPSHOT}}
[[ $# -gt 0 ]] && shift
drivers=("$@")
[[ ${#drivers[@]} -gt 0 ]] || drivers=(neuron efa)
modules=()
for d in "${drivers[@]}"; do
  [[ -f $root/drivers/$d/pom.xml ]] || die "no driver '$d' (drivers/$d/pom.xml); use neuron or efa"
  modules+=("drivers/$d")
done

# A short path: the AOT training run puts the driver's kubelet sockets below
# drivers/<driver>/target/image/training, and unix socket paths are limited to 108 bytes.
work=$(mktemp -d /tmp/ir.XXXXXX)
cleanup() { if [[ ${IMAGE_CHECK_KEEP:-} == 1 ]]; then echo "check-reproducible: kept $work"; else rm -rf "$work"; fi; }
trap cleanup EXIT
(cd "$root" && git ls-files -z --cached --others --exclude-standard \
  | tar --null --ignore-failed-read -T - -cf - 2>/dev/null) | tar -xf - -C "$work"
"$work/release/set-version.sh" "$version" >/dev/null

layers() { # image tarball -> its layer digests, one a line
  tar -xOf "$1" index.json | sed 's|.*"digest":"sha256:\([0-9a-f]*\)".*|\1|' \
    | xargs -I{} tar -xOf "$1" "blobs/sha256/{}" | tr '{,' '\n\n' | sed -n 's|.*"digest":"\(sha256:[0-9a-f]*\)".*|\1|p'
}

for run in 1 2; do
  started=$SECONDS
  (cd "$work" && ./mvnw -B -ntp -Pimage -pl "$(IFS=,; echo "${modules[*]}")" -am clean package \
    -DskipTests -Dspotless.skip=true >"$work/build-$run.log" 2>&1) \
    || { tail -n 40 "$work/build-$run.log" >&2; die "image build $run of $version failed (log above)"; }
  for d in "${drivers[@]}"; do
    cp "$work/drivers/$d/target/jib-image.tar" "$work/$d-$run.tar"
    cat "$work/drivers/$d/target/jib-image.digest" >"$work/$d-$run.digest"
  done
  echo "check-reproducible: build $run of $version took $((SECONDS - started)) s"
done

failed=0
for d in "${drivers[@]}"; do
  first=$(cat "$work/$d-1.digest")
  second=$(cat "$work/$d-2.digest")
  if [[ $first == "$second" ]]; then
    echo "check-reproducible: $d $version: both builds $first"
  else
    failed=1
    echo "check-reproducible: $d $version: $first, then $second; layers that differ:" >&2
    diff <(layers "$work/$d-1.tar") <(layers "$work/$d-2.tar") >&2 || true
  fi
done
[[ $failed -eq 0 ]] || die "the images of $version are not reproducible (above)"
