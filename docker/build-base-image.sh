#!/usr/bin/env bash
# Builds the base image `node:24-bookworm-slim` locally, without any image registry:
# a Debian bookworm root filesystem from debootstrap (Debian's package mirror) plus this
# machine's Node.js and npm, loaded with `docker import`. Users with a registry never need it:
# the Dockerfiles stay standard (ARG BASE=node:24-bookworm-slim) and pull the official image.
set -euo pipefail
TAG="${1:-node:24-bookworm-slim}"
if docker image inspect "$TAG" >/dev/null 2>&1; then echo "base image $TAG already present"; exit 0; fi
command -v debootstrap >/dev/null || { echo "debootstrap is required (apt-get install debootstrap)" >&2; exit 1; }
NODE_BIN="$(readlink -f "$(command -v node)")"
NPM_DIR="$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")"   # .../node_modules/npm
case "$("$NODE_BIN" --version)" in v24.*) ;; *) echo "expected Node.js 24 (first on PATH), found $("$NODE_BIN" --version)" >&2; exit 1 ;; esac
ROOTFS="$(mktemp -d)"
chmod 0755 "$ROOTFS"   # it becomes the image's /: mktemp makes it 0700
trap 'rm -rf "$ROOTFS"' EXIT
debootstrap --variant=minbase --include=ca-certificates bookworm "$ROOTFS" "${DEBIAN_MIRROR:-http://deb.debian.org/debian}" >/dev/null
install -m 0755 "$NODE_BIN" "$ROOTFS/usr/local/bin/node"
mkdir -p "$ROOTFS/usr/local/lib/node_modules"
cp -a "$NPM_DIR" "$ROOTFS/usr/local/lib/node_modules/npm"
ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$ROOTFS/usr/local/bin/npm"
ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$ROOTFS/usr/local/bin/npx"
# Trust what this machine trusts (site CAs, e.g. an egress proxy), so npm works in builds here.
if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
  cp /usr/local/share/ca-certificates/*.crt "$ROOTFS/usr/local/share/ca-certificates/"
  chroot "$ROOTFS" update-ca-certificates >/dev/null 2>&1
fi
rm -rf "$ROOTFS"/var/cache/apt/* "$ROOTFS"/var/lib/apt/lists/* "$ROOTFS"/usr/share/doc/* "$ROOTFS"/usr/share/man/*
tar -C "$ROOTFS" -c . | docker import \
  --change 'ENV PATH=/usr/local/bin:/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'ENV NODE_VERSION=24' \
  --change 'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt' \
  --change 'CMD ["node"]' - "$TAG"
echo "built base image $TAG from debootstrap + $("$NODE_BIN" --version)"
