#!/usr/bin/env bash
# Proves that release/set-version.sh moves every version in step: it runs the script on a copy of
# the poms, charts and docs, and checks each place the version is written, the image tag that
# follows from it, and that bad input changes nothing.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/checks.sh" set-version-test

# A copy of what the script reads and writes.
(cd "$root" && find . \( -name target -o -name .git -o -path ./release/consumer-check \) -prune \
    -o \( -name pom.xml -o -path './drivers/*/chart/*' -o -path './docs/*.md' -o -path ./README.md \) -type f -print0 \
  | tar --null -T - -cf -) | tar -xf - -C "$work"
mkdir -p "$work/release" && cp "$root/release/set-version.sh" "$work/release/"

modules=$(sed -n 's|^ *<module>\([^<]*\)</module>.*|\1|p' "$work/pom.xml")

project_version() { sed -n 's|^  <version>\([^<]*\)</version>$|\1|p' "$work/pom.xml" | head -n 1; }
parent_version() { sed -n '/<parent>/,/<\/parent>/ s|.*<version>\([^<]*\)</version>.*|\1|p' "$work/$1/pom.xml"; }
chart_field() { sed -n "s|^$2: \"\{0,1\}\([^\"]*\)\"\{0,1\}$|\1|p" "$1"; }

all_at() { # every place holds version $1
  local v=$1 ok=0 m c
  [[ $(project_version) == "$v" ]] || { echo "root pom: $(project_version), expected $v" >&2; ok=1; }
  for m in $modules; do
    [[ $(parent_version "$m") == "$v" ]] || { echo "$m/pom.xml parent: $(parent_version "$m"), expected $v" >&2; ok=1; }
  done
  for c in "$work"/drivers/*/chart/Chart.yaml; do
    [[ $(chart_field "$c" version) == "$v" ]] || { echo "$c version: $(chart_field "$c" version), expected $v" >&2; ok=1; }
    [[ $(chart_field "$c" appVersion) == "$v" ]] || { echo "$c appVersion: $(chart_field "$c" appVersion), expected $v" >&2; ok=1; }
  done
  # Images are tagged with the project version, and a chart's default tag is its appVersion.
  grep -q '<image.tag>${project.version}</image.tag>' "$work/pom.xml" || { echo "image.tag no longer follows project.version" >&2; ok=1; }
  for c in "$work"/drivers/*/chart/values.yaml; do
    grep -Eq '^  tag: ""$' "$c" || { echo "$c pins an image tag; it must be empty to follow appVersion" >&2; ok=1; }
  done
  grep -q "<version>$v</version>" "$work/docs/getting-started.md" || { echo "docs/getting-started.md does not show $v" >&2; ok=1; }
  return $ok
}

no_trace_of() { # no pom, chart or doc still names version $1 as dra4j's
  ! grep -rn --include=pom.xml --include=Chart.yaml --include='*.md' -e "<version>$1</version>" -e "ersion: \"\{0,1\}$1\"\{0,1\}$" "$work" >&2
}

fails_unchanged() { # set-version.sh "$@" fails with a message and leaves the tree as it was
  local before after out
  before=$(cd "$work" && find . -type f -exec sha256sum {} + | sort)
  if out=$("$work/release/set-version.sh" "$@" 2>&1); then echo "accepted: $*" >&2; return 1; fi
  after=$(cd "$work" && find . -type f -exec sha256sum {} + | sort)
  [[ $before == "$after" ]] || { echo "changed files although it failed: $*" >&2; return 1; }
  [[ $out == set-version:* ]] || { echo "no message for: $*: $out" >&2; return 1; }
}

old=$(project_version)
"$work/release/set-version.sh" 7.8.9 >/dev/null
check "release version everywhere" all_at 7.8.9
check "old version $old gone" no_trace_of "$old"

"$work/release/set-version.sh" 7.9.0-SNAPSHOT >/dev/null
check "next snapshot everywhere" all_at 7.9.0-SNAPSHOT
check "release version gone" no_trace_of 7.8.9

"$work/release/set-version.sh" 8.0.0-rc.1 >/dev/null
check "pre-release version everywhere" all_at 8.0.0-rc.1

check "no argument is refused" fails_unchanged
check "two arguments are refused" fails_unchanged 1.0.0 2.0.0
check "a non-SemVer version is refused" fails_unchanged 1.0
check "a leading v is refused" fails_unchanged v1.0.0
check "spaces are refused" fails_unchanged "1.0.0 extra"
sed -i '/<parent>/,/<\/parent>/ s|<version>8.0.0-rc.1</version>|<version>0.0.1</version>|' "$work/sdk-api/pom.xml"
check "a module whose parent version differs is refused" fails_unchanged 9.0.0

checks_done
