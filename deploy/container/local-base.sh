#!/bin/bash
# Builds the three base images of compose.yaml from Debian packages, for engines that cannot
# reach a container registry (deploy/README.md, "No registry"). Needs root, debootstrap and a
# Debian mirror (DEBIAN_MIRROR). Prints the variables that point compose.yaml at them.
#   antrean-local/jre:21             Debian trixie + openjdk-21-jre-headless (bookworm has only 17)
#   antrean-local/mariadb-galera:10.11  Debian bookworm + mariadb-server 10.11, galera-4,
#                                    mariadb-backup, socat (also the HAProxy image: + haproxy 2.6)
# An image that exists already is kept; ANTREAN_LOCAL_REBUILD=1 builds it again.
set -euo pipefail
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
work=${ANTREAN_LOCAL_WORK:-/var/tmp/antrean-local-base}
docker=${DOCKER:-docker}

build() { # image suite packages
  local image=$1 suite=$2 packages=$3 root="$work/$2-$(echo "$1" | tr '/:' '__')"
  if [ "${ANTREAN_LOCAL_REBUILD:-0}" != 1 ] && $docker image inspect "$image" >/dev/null 2>&1; then
    echo "local-base: $image exists" >&2; return
  fi
  echo "local-base: building $image from Debian $suite ($packages)" >&2
  rm -rf "$root"; mkdir -p "$root"
  debootstrap --variant=minbase --include="$packages" "$suite" "$root" "$mirror" >&2
  # Package scripts may have created a database and caches: the image starts with none.
  rm -rf "$root"/var/lib/mysql/* "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
  tar -C "$root" -c . | $docker import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV LANG=C.UTF-8' - "$image" >&2
  rm -rf "$root"
}

build antrean-local/jre:21 trixie openjdk-21-jre-headless,bash
build antrean-local/mariadb-galera:10.11 bookworm \
  mariadb-server,mariadb-client,galera-4,mariadb-backup,socat,haproxy,bash,procps,iproute2

echo "JRE_IMAGE=antrean-local/jre:21"
echo "MARIADB_IMAGE=antrean-local/mariadb-galera:10.11"
echo "HAPROXY_IMAGE=antrean-local/mariadb-galera:10.11"
