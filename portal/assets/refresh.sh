#!/usr/bin/env bash
# Refreshes the embedded KERN-UX design system files in portal/assets/kern/
# from the npm package @kern-ux/native (EUPL-1.2). Run it after changing
# KERN_VERSION, then run the portal tests and commit portal/assets/kern/.
#
#   bash portal/assets/refresh.sh            # the pinned version
#   KERN_VERSION=2.8.0 bash portal/assets/refresh.sh
set -euo pipefail

KERN_VERSION="${KERN_VERSION:-2.7.2}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dest="$here/kern"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# npm checks the tarball's integrity; --ignore-scripts runs nothing from it.
npm install --prefix "$tmp" --no-save --no-package-lock --ignore-scripts \
	--no-audit --no-fund --loglevel=error "@kern-ux/native@${KERN_VERSION}"
pkg="$tmp/node_modules/@kern-ux/native"

got="$(node -p "require('$pkg/package.json').version")"
if [[ "$got" != "$KERN_VERSION" ]]; then
	echo "refresh.sh: npm installed $got, expected $KERN_VERSION" >&2
	exit 1
fi

rm -rf "$dest"
mkdir -p "$dest/fonts/fira-sans"
cp "$pkg/dist/kern.min.css" "$dest/kern.min.css"
cp "$pkg/dist/fonts/fira-sans.css" "$dest/fonts/fira-sans.css"
cp "$pkg/LICENSE.md" "$dest/LICENSE.md"

# Only the font files fira-sans.css refers to (10 of the 32 cuts).
grep -o 'fira-sans/[A-Za-z0-9-]*\.woff2' "$pkg/dist/fonts/fira-sans.css" | sort -u |
	while read -r font; do
		cp "$pkg/dist/fonts/$font" "$dest/fonts/$font"
	done

printf '%s\n' "$KERN_VERSION" >"$dest/VERSION"
echo "KERN-UX $KERN_VERSION copied to $dest:"
(cd "$dest" && find . -type f | sort)
