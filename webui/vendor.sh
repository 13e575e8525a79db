#!/bin/sh
# Re-vendor the front-end assets from the npm registry (no CDN at run time: machines are offline).
# Usage: sh webui/vendor.sh   (needs npm and network; writes webui/static/vendor/ and prints versions)
# Versions are pinned here and listed in webui/VENDOR.md; change both together.
set -eu
YASQE_VERSION=4.2.28
HERE=$(cd "$(dirname "$0")" && pwd)
DEST="$HERE/static/vendor"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT INT TERM
cd "$TMP"
npm pack --silent "@triply/yasqe@$YASQE_VERSION" >/dev/null
mkdir yasqe && tar xzf "triply-yasqe-$YASQE_VERSION.tgz" -C yasqe
rm -rf "$DEST/yasqe" && mkdir -p "$DEST/yasqe"
cp yasqe/package/build/yasqe.min.js yasqe/package/build/yasqe.min.css "$DEST/yasqe/"
cp yasqe/package/LICENSE.txt "$DEST/yasqe/LICENSE.txt"
sha256sum "$DEST"/yasqe/* | sed "s#$DEST/##"
echo "vendored @triply/yasqe $YASQE_VERSION into $DEST"
