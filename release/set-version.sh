#!/usr/bin/env bash
# Sets the dra4j version everywhere it is written down:
#   - every pom of the reactor (the root's <version>, each module's <parent><version>);
#   - the Helm charts' version and appVersion (drivers/*/chart/Chart.yaml). The charts' default
#     image tag is their appVersion, and the images are tagged ${project.version} (image.tag in
#     the root pom), so image tags follow without an edit of their own;
#   - the dependency snippets in README.md and docs/*.md.
# Usage: release/set-version.sh <version>, e.g. 0.2.0, 0.2.0-rc.1 or 0.3.0-SNAPSHOT.
set -euo pipefail

die() { echo "set-version: $*" >&2; exit 1; }

[[ $# -eq 1 ]] || die "expected one argument, the new version (e.g. 0.2.0 or 0.3.0-SNAPSHOT), got $#"
new=$1
# Helm requires SemVer 2 for a chart version; Maven accepts the same strings.
semver='^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$'
[[ $new =~ $semver ]] || die "'$new' is not a version of the form MAJOR.MINOR.PATCH[-PRERELEASE] (SemVer 2, which Helm requires for charts); use for example 0.2.0 or 0.3.0-SNAPSHOT"

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

# The project's version is the first <version> of the root pom (the one after <artifactId>dra4j-parent).
old=$(sed -n 's|^  <version>\([^<]*\)</version>$|\1|p' pom.xml | head -n 1)
[[ -n $old ]] || die "no '  <version>' line found in $root/pom.xml; the project version must be on a line of its own"

modules=$(sed -n 's|^ *<module>\([^<]*\)</module>.*|\1|p' pom.xml)
[[ -n $modules ]] || die "no <module> found in $root/pom.xml"

# Check everything first, so that a mismatch changes nothing.
for m in $modules; do
  [[ -f $m/pom.xml ]] || die "module '$m' of the root pom has no $m/pom.xml"
  parent_version=$(sed -n '/<parent>/,/<\/parent>/ s|.*<version>\([^<]*\)</version>.*|\1|p' "$m/pom.xml")
  [[ $parent_version == "$old" ]] \
    || die "$m/pom.xml has parent version '$parent_version' but the root pom is '$old'; make them equal before setting a new version"
done
charts=$(find drivers -path '*/chart/Chart.yaml' -not -path '*/target/*' | sort)
[[ -n $charts ]] || die "no Helm chart found under drivers/*/chart"

sed -i "0,\|^  <version>$old</version>$| s||  <version>$new</version>|" pom.xml
for m in $modules; do
  sed -i "/<parent>/,/<\/parent>/ s|<version>$old</version>|<version>$new</version>|" "$m/pom.xml"
done
for c in $charts; do
  sed -i -e "s|^version: .*|version: $new|" -e "s|^appVersion: .*|appVersion: \"$new\"|" "$c"
done
for doc in README.md docs/*.md; do
  [[ -f $doc ]] && sed -i "s|<version>$old</version>|<version>$new</version>|g" "$doc"
done

echo "set-version: $old -> $new in pom.xml, $(echo "$modules" | wc -w) module poms, $(echo "$charts" | wc -l) charts and the docs"
