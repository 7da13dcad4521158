#!/bin/sh
# Copies the editor of /admin/ (Decap CMS, at the version package.json pins) from node_modules into
# ratify/admin_files/, with its licence and a note of its version and sha256. `make vendor-cms` runs it after
# `npm ci`; to update, change the version in package.json, run `npm install`, then `make vendor-cms`.
set -eu
cd "$(dirname "$0")/.."
package=node_modules/decap-cms
target=ratify/admin_files
version=$(node -p "require('./$package/package.json').version")
cp "$package/dist/decap-cms.js" "$target/decap-cms.js"
cp "$package/dist/decap-cms.js.LICENSE.txt" "$target/decap-cms.js.LICENSE.txt"
# The npm package ships no LICENSE file: ratify/admin_files/LICENSE is the MIT licence of decaporg/decap-cms.
{
  echo "Decap CMS $version, from the npm package decap-cms@$version (dist/decap-cms.js), MIT licence (LICENSE)."
  echo "Copied by scripts/vendor-cms.sh; do not edit. sha256:"
  (cd "$target" && sha256sum decap-cms.js)
} > "$target/VENDORED.txt"
echo "vendored decap-cms $version into $target"
