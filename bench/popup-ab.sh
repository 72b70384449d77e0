#!/usr/bin/env bash
# Popup timings of several builds on one kept profile, run after run: bash bench/popup-ab.sh DIR[:PROFILE] DIR[:PROFILE] [...]
#
# Each DIR is a built extension copied aside (cp -r .output/chrome-mv3 /tmp/build-a). A kept profile belongs to the
# extension path it was made with (the path gives the extension id, the id the database), so each run copies its build
# into .output/chrome-mv3 and runs `bench/browser.bench.ts --popup-only --verbose` there; give the builds in
# alternating order (A B A B) to see differences smaller than the machine's noise. PROFILE: another kept profile than
# browser.bench.ts's default (a build with a newer schema upgrades the profile it opens, which older builds then cannot
# open: give each its own copy, made from one profile). Logs go to $OUT (default
# /tmp/popup-ab), one line per run is printed; the build that was in .output/chrome-mv3 is put back at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${OUT:-/tmp/popup-ab}
mkdir -p "$OUT"
saved=$(mktemp -d)
[ -d .output/chrome-mv3 ] && cp -r .output/chrome-mv3 "$saved/"
trap 'rm -rf .output/chrome-mv3; [ -d "$saved/chrome-mv3" ] && cp -r "$saved/chrome-mv3" .output/; rm -rf "$saved"' EXIT
for arg in "$@"; do
  dir=${arg%%:*}
  profile=()
  [ "$arg" != "$dir" ] && profile=(--profile "${arg#*:}")
  name=$(basename "$dir")
  log="$OUT/$name-$(date +%H%M%S).log"
  rm -rf .output/chrome-mv3 && mkdir -p .output && cp -r "$dir" .output/chrome-mv3
  npx tsx bench/browser.bench.ts --popup-only --verbose "${profile[@]}" > "$log" 2>&1 || echo "$name: failed, see $log"
  open=$(grep -m1 '^| popup.html |' "$log" | cut -d'|' -f3 || true)
  shown=$(grep -m1 '^| popup.html, the first frame' "$log" | cut -d'|' -f3 || true)
  blank=$(grep -m1 '^| blank extension page' "$log" | cut -d'|' -f3 || true)
  painted=$(grep -m1 '^| popup.html, the list painted' "$log" | cut -d'|' -f3 || true)
  blankpainted=$(grep -m1 '^| blank extension page, its list painted' "$log" | cut -d'|' -f3 || true)
  cold=$(grep -m1 '^| popup.html, the service worker stopped' "$log" | cut -d'|' -f3 || true)
  coldblank=$(grep -m1 '^| blank extension page, the service worker stopped' "$log" | cut -d'|' -f3 || true)
  keys=$(grep -m1 '^| keystroke' "$log" | cut -d'|' -f3-5 || true)
  echo "$name: open$open (searchbox shown$shown; blank$blank); list painted$painted (blank$blankpainted); worker stopped: open$cold (blank$coldblank); keystroke p50 | p95 | max:$keys  ($log)"
done
