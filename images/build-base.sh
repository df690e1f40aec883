#!/usr/bin/env bash
# Copyright 2026 The dra4j Authors
# SPDX-License-Identifier: Apache-2.0
#
# Assembles the base image of the dra4j driver images without a Docker daemon and without
# pulling anything from a registry: a jlink'ed JRE, the few glibc libraries it links against
# (taken from the Debian packages), /etc/passwd with a non-root user and a 1777 /tmp. The result
# is a docker-save tarball that Jib uses as its base (`<from><image>tar://...`).
#
#   images/build-base.sh <output-dir>
#
# Writes to <output-dir>:
#   base.tar         the base image (one layer, docker-save layout), byte-for-byte reproducible
#   base.properties  java.home, java.version, java.feature, aot (true when the JRE can use an
#                    AOT cache), packages, key
#   rootfs/          the base layer unpacked (the AOT training run uses this exact JRE)
#   extra/app/jvm.args  the JVM flags of the entry point (images/jvm.args), for Jib's
#                    extraDirectories; the AOT training run appends -XX:AOTCache to it
#
# Environment:
#   IMAGE_JDK      JDK whose jlink builds the JRE. Default: the newest JDK 25+ under
#                  /usr/lib/jvm (AOT cache support), else JAVA_HOME, else `java` on the PATH.
#   IMAGE_MODULES  comma-separated JDK modules (default below).
#   IMAGE_CACHE    cache directory (default ~/.cache/dra4j/images).
#   IMAGE_DEBS     a directory holding the .deb files to use instead of `apt-get download`.
set -euo pipefail
umask 022

out=${1:?usage: build-base.sh <output-dir>}
cache=${IMAGE_CACHE:-${HOME}/.cache/dra4j/images}
modules=${IMAGE_MODULES:-java.base,java.logging,java.management,java.naming,java.sql,java.xml,jdk.httpserver,jdk.unsupported,jdk.crypto.ec}
# The epoch every file of the base layer carries, so the layer is reproducible.
epoch=0

die() {
  echo "build-base.sh: $*" >&2
  exit 1
}

java_feature() { # <jdk home> -> the feature release number, from its release file
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release"
}

pick_jdk() {
  if [[ -n ${IMAGE_JDK:-} ]]; then
    echo "$IMAGE_JDK"
    return
  fi
  local best="" best_feature=0 home f
  for home in /usr/lib/jvm/*/; do
    home=${home%/}
    [[ -x $home/bin/jlink && -f $home/release ]] || continue
    f=$(java_feature "$home")
    if [[ -n $f && $f -ge 25 && $f -gt $best_feature ]]; then
      best=$home
      best_feature=$f
    fi
  done
  if [[ -n $best ]]; then
    echo "$best"
  elif [[ -n ${JAVA_HOME:-} ]]; then
    echo "$JAVA_HOME"
  else
    dirname "$(dirname "$(readlink -f "$(command -v java)")")"
  fi
}

jdk=$(pick_jdk)
[[ -x $jdk/bin/jlink ]] || die "no jlink in $jdk: set IMAGE_JDK to a full JDK (not a JRE)"
[[ -f $jdk/release ]] || die "$jdk has no release file: set IMAGE_JDK to a JDK home"
feature=$(java_feature "$jdk")
version=$(sed -n 's/^JAVA_VERSION="\(.*\)"/\1/p' "$jdk/release")
if [[ ! -d $jdk/jmods && $feature -lt 24 ]]; then
  die "jlink of JDK $version in $jdk needs its jmods directory (JDK 24+ with JEP 493 does not):" \
    "install the JDK's jmods package (Debian: openjdk-$feature-jdk-headless ships them) or set" \
    "IMAGE_JDK to a JDK 25"
fi
aot=false
if [[ $feature -ge 25 ]]; then
  aot=true
fi

arch=$(uname -m)
[[ $arch == x86_64 ]] || die "only x86_64 (amd64) images are supported, this machine is $arch"
packages=(libc6 libc-bin zlib1g)
# Some JDK builds (Debian's OpenJDK) link libjvm.so against the C++ runtime.
if grep -q 'libstdc++\.so\.6' "$jdk/lib/server/libjvm.so"; then
  packages+=(libstdc++6 libgcc-s1)
fi

# The version of each package: what this machine has installed, else apt's candidate.
versions=()
for p in "${packages[@]}"; do
  v=""
  if [[ -z ${IMAGE_DEBS:-} ]]; then
    v=$(dpkg-query -W -f '${Version}' "$p:amd64" 2>/dev/null || true)
    if [[ -z $v ]]; then
      v=$(apt-cache policy "$p" 2>/dev/null | sed -n 's/^ *Candidate: //p')
    fi
    [[ -n $v && $v != "(none)" ]] ||
      die "cannot find a version of Debian package $p: run on Debian/Ubuntu with apt, or put the .deb files into a directory and set IMAGE_DEBS"
  fi
  versions+=("$p=${v:-from-IMAGE_DEBS}")
done

key=$(
  {
    cat "$0"
    echo "$jdk"
    cat "$jdk/release"
    echo "$modules"
    command -v strip || true
    printf '%s\n' "${versions[@]}"
    ls "${IMAGE_DEBS:-/nonexistent}" 2>/dev/null || true
  } | sha256sum | cut -c1-16
)
cached=$cache/base/$key

# Builds of two drivers at once (a parallel Maven build) make the base once: the second waits.
mkdir -p "$cache/base"
exec 8>"$cache/base/.lock"
flock 8
if [[ ! -f $cached/base.tar ]]; then
  echo "build-base.sh: building base $key with the JRE of $jdk (Java $version)" >&2
  mkdir -p "$cache/base" "$cache/debs"
  work=$(mktemp -d "$cache/base/.work.XXXXXX")
  trap 'rm -rf "$work"' EXIT
  rootfs=$work/rootfs
  mkdir -p "$rootfs/opt" "$rootfs/lib/x86_64-linux-gnu" "$rootfs/lib64" "$rootfs/etc" \
    "$rootfs/tmp" "$rootfs/var/lib/dpkg/status.d" "$rootfs/usr/share/doc"

  # 1. The JRE. No man pages, headers or debug attributes. The modules image stays uncompressed:
  #    the layer is gzipped anyway, and compressed resources slow down class loading.
  #    With an AOT cache (JDK 25+) the image needs no default CDS archive: the cache holds the
  #    JDK's classes too. Without one, the CDS archive halves the start-up time.
  jlink_opts=(--add-modules "$modules" --strip-debug --no-man-pages --no-header-files)
  if [[ $aot != true ]]; then
    jlink_opts+=(--generate-cds-archive)
  fi
  "$jdk/bin/jlink" "${jlink_opts[@]}" --output "$rootfs/opt/java"
  # The symbol table of libjvm.so (5 MB, 1.5 MB compressed) only names frames in crash reports.
  if command -v strip >/dev/null; then
    strip --strip-unneeded "$rootfs/opt/java/lib/server/libjvm.so"
  fi
  # The driver runs with a small heap, which always uses compressed oops.
  rm -f "$rootfs/opt/java/lib/server/classes_nocoops.jsa"

  # 2. glibc (and zlib, which some JDK builds load) from the Debian packages; libc-bin only for
  #    its C.UTF-8 locale.
  debs=$work/debs
  mkdir -p "$debs"
  for pv in "${versions[@]}"; do
    p=${pv%%=*}
    v=${pv#*=}
    if [[ -n ${IMAGE_DEBS:-} ]]; then
      deb=$(ls "$IMAGE_DEBS"/"${p}"_*_amd64.deb 2>/dev/null | head -1)
      [[ -n $deb ]] || die "no ${p}_*_amd64.deb in IMAGE_DEBS=$IMAGE_DEBS"
    else
      deb=$(ls "$cache/debs/${p}_"*"_amd64.deb" 2>/dev/null | grep -F "_${v/:/%3a}_" | head -1 || true)
      if [[ -z $deb ]]; then
        (cd "$cache/debs" && apt-get download -q "$p=$v" >&2 2>&1) ||
          (cd "$cache/debs" && apt-get download -q "$p" >&2) ||
          die "apt-get download $p failed: check the network and apt sources, or set IMAGE_DEBS"
        deb=$(ls -t "$cache/debs/${p}_"*"_amd64.deb" | head -1)
      fi
    fi
    dpkg-deb -x "$deb" "$debs/$p"
    # What vulnerability scanners read to know which packages an image holds.
    dpkg-deb -f "$deb" >"$rootfs/var/lib/dpkg/status.d/$p"
    mkdir -p "$rootfs/usr/share/doc/$p"
    copyright=$(find "$debs/$p/usr/share/doc" -name copyright -type f 2>/dev/null | head -1)
    if [[ -n $copyright ]]; then
      cp "$copyright" "$rootfs/usr/share/doc/$p/copyright"
    else
      # Some packages (libstdc++6, libgcc-s1) link their doc directory to their source
      # package's (gcc-N-base), which holds the copyright file.
      echo "The copyright file of $p is in its source package's documentation (see" \
        "/var/lib/dpkg/status.d/$p, field Source) at https://sources.debian.org/." \
        >"$rootfs/usr/share/doc/$p/copyright"
    fi
  done
  libs=(ld-linux-x86-64.so.2 libc.so.6 libm.so.6 libdl.so.2 libpthread.so.0 librt.so.1 libz.so.1)
  if [[ " ${packages[*]} " == *" libstdc++6 "* ]]; then
    libs+=(libstdc++.so.6 libgcc_s.so.1)
  fi
  for lib in "${libs[@]}"; do
    found=$(find "$debs" -name "$lib" \( -type f -o -type l \) | head -1)
    [[ -n $found ]] || die "$lib is in none of the packages ${packages[*]}"
    cp -L "$found" "$rootfs/lib/x86_64-linux-gnu/$lib"
    chmod 755 "$rootfs/lib/x86_64-linux-gnu/$lib"
  done
  ln -s /lib/x86_64-linux-gnu/ld-linux-x86-64.so.2 "$rootfs/lib64/ld-linux-x86-64.so.2"
  # The C.UTF-8 locale, so that LANG=C.UTF-8 gives the JVM UTF-8 file names (sun.jnu.encoding).
  mkdir -p "$rootfs/usr/lib/locale"
  cp -r "$debs/libc-bin/usr/lib/locale/C.utf8" "$rootfs/usr/lib/locale/C.utf8"

  # 3. Users, a world-writable /tmp (a read-only root file system mounts a tmpfs there).
  printf '%s\n' 'root:x:0:0:root:/root:/sbin/nologin' \
    'nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin' >"$rootfs/etc/passwd"
  printf '%s\n' 'root:x:0:' 'nonroot:x:65532:' >"$rootfs/etc/group"
  chmod 1777 "$rootfs/tmp"

  # 4. One reproducible layer: sorted names, fixed times and owners, no access/change times.
  tar --sort=name --mtime="@$epoch" --owner=0 --group=0 --numeric-owner --format=posix \
    --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime \
    -C "$rootfs" -cf "$work/layer.tar" .
  diff_id=$(sha256sum "$work/layer.tar" | cut -d' ' -f1)
  cat >"$work/config.json" <<EOF
{"architecture":"amd64","os":"linux","created":"1970-01-01T00:00:00Z","config":{"User":"65532:65532","Env":["PATH=/opt/java/bin:/usr/bin:/bin","JAVA_HOME=/opt/java","LANG=C.UTF-8"]},"rootfs":{"type":"layers","diff_ids":["sha256:$diff_id"]},"history":[{"created":"1970-01-01T00:00:00Z","created_by":"dra4j images/build-base.sh: jlink JRE (Java $version, $modules), ${versions[*]}"}]}
EOF
  cat >"$work/manifest.json" <<EOF
[{"Config":"config.json","RepoTags":["dra4j.local/driver-base:$key"],"Layers":["layer.tar"]}]
EOF
  tar --sort=name --mtime="@$epoch" --owner=0 --group=0 --numeric-owner --format=posix \
    --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime \
    -C "$work" -cf "$work/base.tar" manifest.json config.json layer.tar
  {
    echo "java.home=$jdk"
    echo "java.version=$version"
    echo "java.feature=$feature"
    echo "aot=$aot"
    echo "packages=${versions[*]}"
    echo "modules=$modules"
    echo "key=$key"
  } >"$work/base.properties"
  mkdir -p "$work/out"
  mv "$work/base.tar" "$work/base.properties" "$work/out/"
  rm -rf "$cached"
  mv "$work/out" "$cached"
fi
exec 8>&-

rm -rf "$out/rootfs"
mkdir -p "$out/rootfs"
cp "$cached/base.tar" "$cached/base.properties" "$out/"
# Unpack exactly what the image will hold, with the layer's times and modes.
tar -xOf "$cached/base.tar" layer.tar | tar -x -C "$out/rootfs" --no-same-owner
rm -rf "$out/extra"
mkdir -p "$out/extra/app"
cp "$(dirname "$0")/jvm.args" "$out/extra/app/jvm.args"
echo "build-base.sh: $out/base.tar (base $key, Java $version, aot=$aot)" >&2
