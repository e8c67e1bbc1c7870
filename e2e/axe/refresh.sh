#!/usr/bin/env bash
# Refreshes the vendored axe-core (MPL-2.0) from npm. Usage:
#   e2e/axe/refresh.sh [version]   (default: the pinned version in VERSION)
# Review the diff of axe.min.js and VERSION before committing.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
version="${1:-$(cat "$here/VERSION")}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

(cd "$tmp" && npm pack --silent "axe-core@$version" >/dev/null)
tar -xzf "$tmp"/axe-core-*.tgz -C "$tmp"
got="$(node -p "require('$tmp/package/package.json').version")"
if [[ "$got" != "$version" ]]; then
  echo "refresh.sh: wanted axe-core $version, npm gave $got" >&2
  exit 1
fi
cp "$tmp/package/axe.min.js" "$here/axe.min.js"
cp "$tmp/package/LICENSE" "$here/LICENSE"
echo "$version" >"$here/VERSION"
echo "axe-core $version vendored into $here"
