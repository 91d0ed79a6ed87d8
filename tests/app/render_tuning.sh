#!/usr/bin/env bash
# `govox render` in another tuning, as a user runs it: --a4 moves the reference pitch,
# --scale plays a Scala scale (a 19-tone equal temperament here), a malformed scale file
# fails the render naming the file and the line and writes nothing, a bad --a4 is refused.
# The voice is gctorture with its vibrato and garbage off: a plain sine, whose frequency
# the zero crossings give to a hundredth of a hertz.
# Usage: render_tuning.sh GOVOX_BINARY SDK_DIR
set -euo pipefail
govox=$1 sdk=$2
here=$(cd "$(dirname "$0")" && pwd)
check=("python3" "$here/../packaging/audio_check.py")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_CACHE_HOME="$tmp/cache"
fail() { echo "FAIL: $*" >&2; exit 1; }

# render NOTE OUT [options...]: one second of NOTE through the sine
render() {
  local note=$1 out=$2
  shift 2
  "${check[@]}" note "$note" "$tmp/note.mid"
  "$govox" render --voice "$sdk/voices/gctorture" --midi "$tmp/note.mid" --out "$out" \
    --set Vibrato=0 --set Garbage=0 "$@"
}
# expect NOTE HZ [options...]: the note sounds at HZ within 0.05 Hz
expect() {
  local note=$1 want=$2
  shift 2
  render "$note" "$tmp/out.wav" "$@" >/dev/null 2>"$tmp/stderr.txt" ||
    fail "note $note $*: $(cat "$tmp/stderr.txt")"
  local got
  got=$("${check[@]}" freq "$tmp/out.wav")
  python3 -c "import sys; sys.exit(abs($got - $want) > 0.05)" ||
    fail "note $note $*: $got Hz, want $want"
  echo "ok: note $note $* at $got Hz"
}

expect 69 440.00
expect 69 432.00 --a4 432
# 19-EDO, middle C kept: one key up is one 19th of an octave, not a 12th.
{ echo "19-tone equal temperament"; echo 19
  for i in $(seq 1 19); do python3 -c "print(f'{1200*$i/19:.6f}')"; done; } >"$tmp/19edo.scl"
expect 60 261.63 --scale "$tmp/19edo.scl"
expect 61 271.35 --scale "$tmp/19edo.scl"
expect 79 523.25 --scale "$tmp/19edo.scl" # 19 keys up: the octave

printf 'broken\n3\n100.0\nfifty\n1200.0\n' >"$tmp/broken.scl"
echo "keep me" >"$tmp/out.wav"
status=0
render 60 "$tmp/out.wav" --scale "$tmp/broken.scl" >/dev/null 2>"$tmp/stderr.txt" || status=$?
[[ $status -ne 0 ]] || fail "a broken scale rendered"
grep -qF "broken.scl line 4: \"fifty\" is not a pitch" "$tmp/stderr.txt" ||
  fail "the broken scale is not named with its line: $(cat "$tmp/stderr.txt")"
[[ "$(cat "$tmp/out.wav")" == "keep me" ]] || fail "a failed render touched --out"
echo "ok: a broken scale: $(grep -m1 broken.scl "$tmp/stderr.txt")"

status=0
render 60 "$tmp/out.wav" --a4 5 >/dev/null 2>"$tmp/stderr.txt" || status=$?
[[ $status -eq 2 ]] && grep -q "a4 must be a frequency between 100 and 1000 Hz" "$tmp/stderr.txt" ||
  fail "--a4 5: status $status: $(cat "$tmp/stderr.txt")"
status=0
render 60 "$tmp/out.wav" --scale "$tmp/missing.scl" >/dev/null 2>"$tmp/stderr.txt" || status=$?
[[ $status -eq 2 ]] && grep -q "missing.scl: cannot read the file" "$tmp/stderr.txt" ||
  fail "a missing scale: status $status: $(cat "$tmp/stderr.txt")"
echo "ok: --a4 5 and a missing scale file are refused"
