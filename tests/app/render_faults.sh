#!/usr/bin/env bash
# `govox render` through voices that go wrong (go-plugins/internal/testvoices), as a user
# runs it: each fails with a non-zero status, says the voice's name and the cause, and
# leaves nothing at --out (a file that was there is untouched). With --keep-going the NaN
# voice renders, with a warning. The render of the chord reaches each fault within its
# first second of song.
# Usage: render_faults.sh GOVOX_BINARY SDK_DIR
set -euo pipefail
govox=$1 sdk=$2
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_CACHE_HOME="$tmp/cache"
fail() { echo "FAIL: $*" >&2; exit 1; }
python3 "$here/../packaging/audio_check.py" midi "$tmp/chord.mid" # A3 C4 E4 for 1 s

# voice, expected cause, extra arguments
check() {
  local voice=$1 cause=$2
  shift 2
  echo "keep me" >"$tmp/out.wav"
  local status=0
  "$govox" render --voice "$sdk/internal/testvoices/$voice" --midi "$tmp/chord.mid" \
    --out "$tmp/out.wav" "$@" >"$tmp/stdout.txt" 2>"$tmp/stderr.txt" || status=$?
  [[ $status -ne 0 ]] || fail "$voice: the render succeeded"
  grep -q "voice '$voice'" "$tmp/stderr.txt" || fail "$voice: not named: $(cat "$tmp/stderr.txt")"
  grep -qF "$cause" "$tmp/stderr.txt" || fail "$voice: no '$cause' in: $(cat "$tmp/stderr.txt")"
  [[ "$(cat "$tmp/out.wav")" == "keep me" ]] || fail "$voice: the failed render touched --out"
  ls -A "$tmp" | grep -q partial && fail "$voice: a partial file was left behind: $(ls -A "$tmp")"
  echo "ok: $voice (status $status): $(head -1 "$tmp/stderr.txt")"
}

check stuckon "has been inside NoteOn for"
check stuckoff "has been inside NoteOff for"
check stuckparam "has been inside ParamChanged for" --set Hang=1
check nanout "produced NaN or infinite samples at 0.248 s; the render stopped there"
check panicmid "panic: panicmid: exploded after 0.5 s on purpose"

rm -f "$tmp/out.wav"
"$govox" render --voice "$sdk/internal/testvoices/nanout" --midi "$tmp/chord.mid" --out "$tmp/out.wav" \
  --keep-going 2>"$tmp/stderr.txt" || fail "--keep-going failed: $(cat "$tmp/stderr.txt")"
grep -q "warning: voice 'nanout' (slot 0) produced NaN" "$tmp/stderr.txt" || fail "no warning: $(cat "$tmp/stderr.txt")"
[[ -s "$tmp/out.wav" ]] || fail "--keep-going wrote nothing"
echo "ok: nanout --keep-going renders, with a warning"

# --quality: a word that is not a quality is refused by name, and nothing is written; the
# pad (whose ladder filter follows Context.Quality) sounds different at low and at high.
echo "keep me" >"$tmp/out.wav"
status=0
"$govox" render --voice "$sdk/voices/pad" --midi "$tmp/chord.mid" --out "$tmp/out.wav" \
  --quality best 2>"$tmp/stderr.txt" || status=$?
[[ $status -eq 2 ]] || fail "--quality best: status $status"
grep -q "quality must be low, normal or high, not 'best'" "$tmp/stderr.txt" ||
  fail "--quality best: $(cat "$tmp/stderr.txt")"
[[ "$(cat "$tmp/out.wav")" == "keep me" ]] || fail "--quality best touched --out"
for q in low high; do
  "$govox" render --voice "$sdk/voices/pad" --midi "$tmp/chord.mid" --out "$tmp/$q.wav" \
    --quality "$q" 2>"$tmp/stderr.txt" || fail "--quality $q: $(cat "$tmp/stderr.txt")"
done
! cmp -s "$tmp/low.wav" "$tmp/high.wav" || fail "the pad renders the same at low and high quality"
echo "ok: --quality is checked, and the pad follows it"
