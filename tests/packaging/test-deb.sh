#!/usr/bin/env bash
# The package test: builds govox_<version>_amd64.deb (a Release build in build/pkg with
# Debian's hardening flags, then cpack), checks it with lintian, appstreamcli and
# desktop-file-validate, installs it with apt, and runs the installed app: --version, a
# render through an installed example voice with the default `go` and with Debian 12's
# Go 1.19, and the advice it gives when there is no Go at all.
#
# Idempotent; works as root or through sudo. Removes the package at the end (set
# GOVOX_KEEP_PACKAGE=1 to keep it installed). See docs/packaging.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
here=tests/packaging
started=$SECONDS

if ((EUID == 0)); then as_root=(); else as_root=(sudo); fi
step() { echo "=== package: $* ($((SECONDS - started)) s)"; }
fail() { echo "package test FAILED: $*" >&2; exit 1; }
passed=0
pass() { passed=$((passed + 1)); }

./packaging/setup-debian.sh

version=$(sed -n 's/^project(govox VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)
changelog_version=$(sed -n '1s/^govox (\([^)]*\)).*/\1/p' packaging/changelog)
[[ "$version" == "$changelog_version" ]] ||
  fail "project version $version but packaging/changelog starts at $changelog_version: add an entry"

step "configure and build a Release in build/pkg"
export DEB_BUILD_MAINT_OPTIONS=hardening=+all
cppflags=$(dpkg-buildflags --get CPPFLAGS)
cmake -S . -B build/pkg -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr \
  -DGOVOX_BUILD_TESTS=OFF -DGOVOX_BUILD_BENCHMARKS=OFF -DGOVOX_WARNINGS_AS_ERRORS=ON \
  -DCMAKE_C_FLAGS="$(dpkg-buildflags --get CFLAGS) $cppflags" \
  -DCMAKE_CXX_FLAGS="$(dpkg-buildflags --get CXXFLAGS) $cppflags" \
  -DCMAKE_EXE_LINKER_FLAGS="$(dpkg-buildflags --get LDFLAGS)" >/dev/null
cmake --build build/pkg
rm -f build/pkg/govox_*.deb
(cd build/pkg && cpack >/dev/null)
deb=$(realpath build/pkg/govox_"${version}"_amd64.deb)
[[ -f "$deb" ]] || fail "cpack made no $deb"
dpkg-deb --field "$deb" Package Version Depends Recommends

step "lint: lintian, appstreamcli, desktop-file-validate"
lintian --fail-on error --display-info "$deb" && pass
appstreamcli validate --no-net resources/dev.govox.Govox.metainfo.xml && pass
desktop-file-validate resources/govox.desktop && pass

step "install $deb with apt"
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --reinstall "$deb" >/dev/null
[[ "$(govox --version)" == "govox $version" ]] || fail "govox --version says '$(govox --version)'"
[[ "$(command -v govox)" == /usr/bin/govox ]] || fail "govox runs from $(command -v govox), not /usr/bin"
pass

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 "$here/audio_check.py" midi "$tmp/chord.mid"
touch "$tmp/before-render"
sdk=/usr/share/govox/go-plugins

# render_with LABEL [PATH]: renders the chord through the installed pad and checks it.
render_with() {
  local label=$1 path=${2:-$PATH}
  step "render through $sdk/voices/pad with $(PATH=$path go version)"
  PATH=$path govox render --voice "$sdk/voices/pad" --midi "$tmp/chord.mid" --out "$tmp/$label.wav"
  python3 "$here/audio_check.py" peak "$tmp/$label.wav" || fail "the $label render is silent or broken"
  pass
}
render_with default-go
render_with go-1.19 "/usr/lib/go-1.19/bin:$PATH"
# A user's own voice, copied from the template as the window's "New voice from template"
# does, built by someone who is not root, with a fresh home and so empty Go caches.
step "a user's voice from the template, by a fresh non-root user"
chmod 755 "$tmp" && mkdir -p "$tmp/home/voices/mypad"
cp "$sdk/voices/pad/main.go" "$tmp/home/voices/mypad/"
if ((EUID == 0)); then
  chown -R nobody "$tmp/home"
  as_user=(runuser -u nobody --)
else
  as_user=()
fi
"${as_user[@]}" env -u XDG_CACHE_HOME -u GOCACHE HOME="$tmp/home" govox render --voice "$tmp/home/voices/mypad" \
  --midi "$tmp/chord.mid" --out "$tmp/home/mypad.wav"
python3 "$here/audio_check.py" peak "$tmp/home/mypad.wav" || fail "the user's voice is silent"
pass

written=$(find /usr/share/govox -newer "$tmp/before-render")
[[ -z "$written" ]] || fail "rendering wrote into the read-only SDK: $written"
pass

# hiding GLOB... -- COMMAND: runs COMMAND in a private mount namespace where the folders
# matching GLOB are empty, with a desktop session's PATH and no GOROOT. Nothing outside
# the namespace changes.
hiding() {
  local script='while [ "$1" != -- ]; do [ -d "$1" ] && mount -t tmpfs none "$1"; shift; done; shift
                exec env -u GOROOT PATH=/usr/sbin:/usr/bin:/sbin:/bin "$@"'
  unshare -m sh -c "$script" sh "$@"
}
if ((EUID != 0)) || ! command -v unshare >/dev/null; then
  step "skipped the checks without Go on PATH: hiding Go needs root and unshare"
else
  if [[ -e /usr/bin/go ]]; then
    step "skipped Go off PATH: golang-go puts it on PATH here"
  else
    step "Go off PATH (only Debian's /usr/lib/go-1.N, as a desktop session sees it)"
    hiding /usr/local/go -- govox render --voice "$sdk/voices/pad" --midi "$tmp/chord.mid" \
      --out "$tmp/off-path.wav" || fail "govox render did not find Go off PATH"
    python3 "$here/audio_check.py" peak "$tmp/off-path.wav" || fail "the off-PATH render is silent"
    pass
  fi
  step "no Go toolchain at all: govox says how to get one"
  if hiding /usr/local/go /usr/lib/go-1.* -- govox render --voice "$sdk/voices/pad" \
       --midi "$tmp/chord.mid" --out "$tmp/no-go.wav" 2>"$tmp/no-go.txt"; then
    fail "govox render succeeded without Go"
  fi
  cat "$tmp/no-go.txt"
  grep -q "sudo apt install golang-go" "$tmp/no-go.txt" || fail "no advice to install Go"
  pass
fi

if [[ "${GOVOX_KEEP_PACKAGE:-0}" == 1 ]]; then
  step "done; govox stays installed (GOVOX_KEEP_PACKAGE=1)"
else
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get remove -y -q govox >/dev/null
  step "done; govox removed again"
fi
echo "package test of $(basename "$deb") took $((SECONDS - started)) s"
echo "package: $passed passed, 0 failed"
