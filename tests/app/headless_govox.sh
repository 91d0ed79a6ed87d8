#!/usr/bin/env bash
# A govox built without its window (GOVOX_BUILD_UI=OFF): it links no Qt Widgets (nor Gui),
# renders a MIDI file through go-plugins/voices/pad into a WAV that is not silent, and says
# what to do when asked for the window.
# Usage: headless_govox.sh GOVOX_BINARY SDK_DIR
set -euo pipefail
govox=$1 sdk=$2
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

if ldd "$govox" | grep -E 'libQt6(Widgets|Gui)' >&2; then
  fail "a headless govox links Qt Widgets or Gui"
fi
python3 "$here/../packaging/audio_check.py" midi "$tmp/chord.mid"
"$govox" render --voice "$sdk/voices/pad" --midi "$tmp/chord.mid" --out "$tmp/pad.wav" \
  || fail "govox render failed"
python3 "$here/../packaging/audio_check.py" peak "$tmp/pad.wav" || fail "the render is silent or broken"
if "$govox" >"$tmp/window.txt" 2>&1; then fail "asking for the window succeeded"; fi
grep -q "built without its window" "$tmp/window.txt" || fail "no word on the missing window: $(cat "$tmp/window.txt")"
echo "headless govox: no Qt Widgets, renders, explains the missing window"
