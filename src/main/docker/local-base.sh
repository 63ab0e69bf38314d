#!/usr/bin/env bash
# Builds a local JDK 25 runtime base image for Dockerfile.jvm where public images cannot be pulled:
# a Debian bookworm minbase root file system (debootstrap) plus a jlinked JDK 25 at /opt/java/openjdk,
# committed with `buildah from scratch`. Does nothing when the image already exists.
#
#   src/main/docker/local-base.sh            # then: podman build --build-arg BASE_IMAGE=$H4_BASE_IMAGE ...
#
# Needs root and the Debian packages debootstrap, buildah and podman. DEBIAN_MIRROR overrides the mirror.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/podman-env.sh"

if podman image exists "$H4_BASE_IMAGE"; then
    echo "base image $H4_BASE_IMAGE exists"
    exit 0
fi

jdk=""
for candidate in ${JDK25_HOME:-} /usr/lib/jvm/*; do
    if [[ -x "$candidate/bin/jlink" ]] && "$candidate/bin/java" -version 2>&1 | grep -q 'version "25'; then
        jdk=$candidate
        break
    fi
done
[[ -n "$jdk" ]] || { echo "no JDK 25 with jlink found (set JDK25_HOME)" >&2; exit 1; }

work=$(mktemp -d /var/tmp/harmony4-base.XXXXXX)
trap 'rm -rf "$work"' EXIT
rootfs="$work/rootfs"

echo "debootstrap: bookworm minbase"
debootstrap --variant=minbase bookworm "$rootfs" "${DEBIAN_MIRROR:-http://deb.debian.org/debian}" >"$work/debootstrap.log" \
    || { tail -20 "$work/debootstrap.log" >&2; exit 1; }
rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*

# java.se plus what Quarkus and its libraries reach outside it: jdk.zipfs (the fast-jar), jdk.unsupported
# (Netty, JBoss Threads), jdk.management (Micrometer's process metrics) and jdk.naming.dns (Vert.x's resolver).
echo "jlink: $jdk"
"$jdk/bin/jlink" --add-modules java.se,jdk.zipfs,jdk.unsupported,jdk.management,jdk.naming.dns,jdk.crypto.cryptoki \
    --strip-debug --no-man-pages --no-header-files --compress=zip-6 --output "$rootfs/opt/java/openjdk"

ctr=$(buildah from scratch)
mnt=$(buildah mount "$ctr")
cp -a "$rootfs/." "$mnt/"
buildah umount "$ctr" >/dev/null
buildah config \
    --env JAVA_HOME=/opt/java/openjdk \
    --env PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    --env LANG=C.UTF-8 \
    --label org.opencontainers.image.description="Debian bookworm minbase with a jlinked JDK $("$jdk/bin/java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p')" \
    --cmd '["/opt/java/openjdk/bin/java","-version"]' "$ctr"
buildah commit --rm "$ctr" "$H4_BASE_IMAGE" >/dev/null
echo "base image $H4_BASE_IMAGE built"
