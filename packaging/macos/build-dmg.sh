#!/usr/bin/env bash
# Build StretchApp.app and a disk image on macOS (run by .github/workflows/packages.yml on a
# hosted macOS runner; it cannot run on Linux: hdiutil is macOS's). From the checkout root, with
# StretchApp's dependencies and PyInstaller installed in the active Python:
#
#   packaging/macos/build-dmg.sh
#
# writes dist/StretchApp.app and dist/StretchApp-VERSION.dmg (the app and a link to
# /Applications, to drag it onto). Unsigned unless CODESIGN_IDENTITY is set; see docs/packaging.md.
set -euo pipefail
cd "$(dirname "$0")/../.."

python=${PYTHON:-python3}
version=$("$python" -c 'import stretchapp; print(stretchapp.__version__)')
"$python" packaging/make-platform-icons
"$python" -m PyInstaller --noconfirm --clean --distpath dist --workpath build/pyinstaller \
  packaging/stretchapp.spec

app=dist/StretchApp.app
[[ -d $app ]] || { echo "build-dmg: $app was not made" >&2; exit 1; }
if [[ -n ${CODESIGN_IDENTITY:-} ]]; then
  codesign --deep --force --options runtime --timestamp --sign "$CODESIGN_IDENTITY" "$app"
fi

staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT
cp -R "$app" "$staging/"
ln -s /Applications "$staging/Applications"
dmg="dist/StretchApp-$version.dmg"
rm -f "$dmg"
# hdiutil now and then fails with "Resource busy" on hosted runners: try up to three times.
for attempt in 1 2 3; do
  if hdiutil create -volname "StretchApp $version" -srcfolder "$staging" -ov -format UDZO "$dmg"; then
    break
  fi
  if [[ $attempt == 3 ]]; then
    echo "build-dmg: hdiutil failed three times" >&2
    exit 1
  fi
  sleep 5
done
echo "build-dmg: $dmg"
