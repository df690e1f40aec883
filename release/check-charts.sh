#!/usr/bin/env bash
# Packages the drivers' Helm charts (drivers/*/chart) as a release does ("helm package", see
# RELEASING.md) and checks each package:
#   - it is named <chart name>-VERSION.tgz, and its version and appVersion are VERSION;
#   - "helm template" of it, on the oldest Kubernetes its kubeVersion accepts, runs the image the
#     Maven build makes for that driver (image.registry of the root pom, image.name of the driver's
#     pom) tagged VERSION, and no other image.
# Usage: release/check-charts.sh [--root DIR] VERSION OUT_DIR
#   --root DIR  the source tree whose charts and poms are checked (default: this script's tree)
#   OUT_DIR     where the packages are written (created)
# helm: $HELM if set; else built or reused by e2e/build-helm.sh when Go is on the PATH; else the
# cached build of it; else helm on the PATH. Without any, exits 77 after a SKIPPED banner.
set -euo pipefail

die() { echo "check-charts: $*" >&2; exit 1; }
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
root=$here
if [[ ${1:-} == --root ]]; then
  [[ $# -ge 2 ]] || die "--root needs a directory"
  root=$(cd "$2" 2>/dev/null && pwd) || die "--root $2 is not a directory"
  shift 2
fi
[[ $# -eq 2 ]] || die "expected VERSION and OUT_DIR (e.g. 0.2.0 /tmp/charts), got $#"
version=$1
out=$2

mkdir -p "$out"

helm=${HELM:-}
if [[ -z $helm ]] && command -v go >/dev/null 2>&1; then
  log=$(mktemp "${TMPDIR:-/tmp}/build-helm.XXXXXX")
  helm=$("$here/e2e/build-helm.sh" 2>"$log" | tail -n 1) \
    || die "building helm with e2e/build-helm.sh failed; see $log"
  rm -f "$log"
fi
[[ -n $helm ]] || helm=$("$here/e2e/build-helm.sh" --cached 2>/dev/null) || helm=$(command -v helm) || true
if [[ -z $helm ]]; then
  printf '\n%s\n%s\n%s\n\n' "========================================================================" \
    "CHART CHECK SKIPPED: no helm. Install Go 1.25+ (e2e/build-helm.sh then builds the pinned helm) or put helm 3.8+ on the PATH." \
    "========================================================================"
  exit 77
fi
[[ -x $helm ]] || die "helm '$helm' is not executable; set HELM to a helm 3.8+ binary"

[[ -f $root/pom.xml ]] || die "$root has no pom.xml; --root must name a dra4j source tree"
registry=$(sed -n 's|.*<image.registry>\([^<]*\)</image.registry>.*|\1|p' "$root/pom.xml" | head -n 1)
[[ -n $registry ]] || die "$root/pom.xml sets no <image.registry>; the charts' image repositories are checked against it"
charts=$(find "$root/drivers" -path '*/chart/Chart.yaml' -not -path '*/target/*' | sort)
[[ -n $charts ]] || die "no Helm chart found under $root/drivers/*/chart"

field() { sed -n "s|^$1: *[\"']\{0,1\}\([^\"']*\)[\"']\{0,1\} *$|\1|p" <<<"$2" | head -n 1; }
count=0
for chart_yaml in $charts; do
  chart=$(dirname "$chart_yaml")
  module=$(dirname "$chart")
  rel=${chart#"$root"/}
  image_name=$(sed -n 's|.*<image.name>\([^<]*\)</image.name>.*|\1|p' "$module/pom.xml" | head -n 1)
  [[ -n $image_name ]] || die "${module#"$root"/}/pom.xml sets no <image.name>, so $rel cannot be checked against the image the build makes"
  image=$registry/$image_name:$version

  "$helm" package "$chart" --destination "$out" >/dev/null || die "helm package $rel failed"
  name=$(field name "$(cat "$chart_yaml")")
  package=$out/$name-$version.tgz
  [[ -f $package ]] || die "helm package $rel did not write $name-$version.tgz (wrote: $(ls "$out")); set the chart's version with release/set-version.sh $version"
  meta=$("$helm" show chart "$package")
  [[ $(field version "$meta") == "$version" ]] \
    || die "$name-$version.tgz has version '$(field version "$meta")', expected $version; run release/set-version.sh $version"
  [[ $(field appVersion "$meta") == "$version" ]] \
    || die "$name-$version.tgz has appVersion '$(field appVersion "$meta")', expected $version (the charts' default image tag); run release/set-version.sh $version"

  kube=$(sed -n 's|^kubeVersion: *["'"'"']\{0,1\}>=\([0-9][0-9.]*\).*|\1|p' "$chart_yaml")
  [[ -n $kube ]] || die "$rel/Chart.yaml has no kubeVersion '>=X.Y.Z'; the chart is rendered for its oldest Kubernetes"
  rendered=$("$helm" template release-check "$package" --kube-version "v$kube") \
    || die "helm template of $name-$version.tgz failed on Kubernetes $kube"
  images=$(sed -n 's|^ *image: *"\{0,1\}\([^"]*\)"\{0,1\} *$|\1|p' <<<"$rendered" | sort -u)
  [[ $images == "$image" ]] \
    || die "$name-$version.tgz runs image(s) '$(echo $images)' by default, expected '$image' (image.repository in $rel/values.yaml must be $registry/$image_name, and image.tag empty so that the tag is the appVersion)"
  echo "check-charts: $name-$version.tgz: version and appVersion $version, runs $image"
  count=$((count + 1))
done
echo "check-charts: $count charts packaged into $out with $("$helm" version --short 2>/dev/null || echo "$helm")"
