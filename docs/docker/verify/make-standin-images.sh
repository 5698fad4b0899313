#!/usr/bin/env bash
# Builds local stand-ins for the base images docs/docker/Dockerfile and compose.yaml name, for a machine
# that has a Docker daemon but cannot reach Docker Hub (only Debian's apt repositories and Maven Central).
#
#   debian-local:bookworm          Debian 12 minbase made with debootstrap and `docker import`
#   maven:3.9-eclipse-temurin-17   debian-local + Debian's OpenJDK 17 JDK + Apache Maven 3.9.9 from Maven Central
#   eclipse-temurin:17-jre         debian-local + Debian's OpenJDK 17 JRE (apt and useradd come with Debian)
#   pandu-standin/postgres:15      debian-local + Debian's PostgreSQL 15 with an entrypoint that reads
#                                  POSTGRES_DB/USER/PASSWORD like the official image (used only through
#                                  compose.standin.yaml; it is NOT tagged postgres:16 because it is not that)
#
# These are stand-ins: building on them checks the Dockerfile's own steps (Maven build, non-root user,
# HEALTHCHECK, volume, entrypoint), not the upstream images. Do not push them anywhere.
# Needs root, debootstrap and a running dockerd. Usage: docs/docker/verify/make-standin-images.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
rootfs="${STANDIN_ROOTFS:-/tmp/pandu-standin-rootfs}"

if ! docker image inspect debian-local:bookworm > /dev/null 2>&1; then
  rm -rf "$rootfs"
  debootstrap --variant=minbase bookworm "$rootfs" "$mirror"
  cat > "$rootfs/etc/apt/sources.list.d/debian.sources" <<SOURCES
Types: deb
URIs: $mirror
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: ${mirror%/debian}/debian-security
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SOURCES
  rm -f "$rootfs/etc/apt/sources.list"
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  tar -C "$rootfs" -c . | docker import --change 'CMD ["bash"]' - debian-local:bookworm
  rm -rf "$rootfs"
fi

# The build context: standin/ plus the host's locally added CA certificates (public certificates in
# /usr/local/share/ca-certificates, e.g. of a TLS-intercepting egress proxy), which only the Maven
# stand-in trusts, so that Maven in the build stage reaches Maven Central the way the host does.
context="$(mktemp -d /tmp/pandu-standin-context.XXXXXX)"
trap 'rm -rf "$context"' EXIT
cp "$here"/standin/* "$context"/
mkdir -p "$context/local-ca"
cp /usr/local/share/ca-certificates/*.crt "$context/local-ca/" 2> /dev/null || true
# builds use the host's network: apt and Maven Central are reachable from the host
docker build --network=host -t maven:3.9-eclipse-temurin-17 -f "$context/maven.Dockerfile" "$context"
docker build --network=host -t eclipse-temurin:17-jre -f "$context/jre.Dockerfile" "$context"
docker build --network=host -t pandu-standin/postgres:15 -f "$context/postgres.Dockerfile" "$context"
docker image ls --format '{{.Repository}}:{{.Tag}}\t{{.Size}}' \
  | grep -E '^(debian-local|maven|eclipse-temurin|pandu-standin/postgres):'
