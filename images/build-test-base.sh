#!/usr/bin/env bash
# Copyright 2026 The dra4j Authors
# SPDX-License-Identifier: Apache-2.0
#
# The base of the driver image that a default build makes for the real-node tests (see
# images/README.md, "The image of a default build"): images/build-base.sh, except that it never
# fails the build. Where the base cannot be built on this machine (no JDK with jlink, not Debian
# and no IMAGE_DEBS, offline with none of the packages cached, not x86_64), it writes the reason
# to <output-dir>/unavailable.txt and a base without layers, so that Jib still writes its tarball
# and the tests that need the image skip with that reason.
#
#   images/build-test-base.sh <output-dir>
set -uo pipefail

out=${1:?usage: build-test-base.sh <output-dir>}
mkdir -p "$out"
rm -f "$out/unavailable.txt"
log=$out/build-base.log
if bash "$(dirname "$0")/build-base.sh" "$out" 2>"$log"; then
  cat "$log" >&2
  exit 0
fi
cat "$log" >&2
reason=$(grep '^build-base.sh: ' "$log" | tail -1)
reason=${reason#build-base.sh: }
reason=${reason:-$(tail -1 "$log")}
echo "images/build-base.sh failed: ${reason:-no message} (full output: $log)" >"$out/unavailable.txt"
echo "build-test-base.sh: no driver image for the real-node tests: $(cat "$out/unavailable.txt")" >&2

# An empty base: a docker-save tarball with one configuration and no layers.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo '{"architecture":"amd64","os":"linux","config":{},"rootfs":{"type":"layers","diff_ids":[]}}' \
  >"$work/config.json"
echo '[{"Config":"config.json","RepoTags":["dra4j.local/unavailable-base:0"],"Layers":[]}]' \
  >"$work/manifest.json"
tar -C "$work" -cf "$out/base.tar" manifest.json config.json
rm -rf "$out/extra"
mkdir -p "$out/extra"
