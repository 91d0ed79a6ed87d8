#!/usr/bin/env bash
# Installs what Govox needs to build, run and test on Debian 12, and nothing that is
# already there. Idempotent; works as root or through sudo.
set -euo pipefail

packages=(
  # build tools
  cmake ninja-build pkg-config g++ git
  # Qt 6 and the libraries the app links
  qt6-base-dev qt6-multimedia-dev qt6-svg-dev libqcustomplot-dev librsvg2-bin
  librtaudio-dev librtmidi-dev libsndfile1-dev libsmf-dev
  # tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev libboost-dev
  jackd2 libjack-jackd2-dev xvfb xauth
  # the soak test's load phase (tests/soak): both cores saturated
  stress-ng
  pulseaudio pulseaudio-utils
  # the package test (tests/packaging/test-deb.sh): dpkg-shlibdeps, the linters, a WAV check
  dpkg-dev lintian appstream desktop-file-utils python3
  # the sanitizer builds (RealtimeSanitizer needs clang 20 or newer), and the format check
  clang-22 libclang-rt-22-dev llvm-22 clang-format-22
)
# Go: the one on PATH if there is one, else Debian's (the Go module declares go 1.19).
# Debian's Go 1.19 is installed beside it either way: the tests prove the SDK still
# builds with the oldest toolchain Govox supports.
command -v go >/dev/null 2>&1 || packages+=(golang-go)
packages+=(golang-1.19-go)

if ((EUID == 0)); then
  as_root=()
elif command -v sudo >/dev/null 2>&1; then
  as_root=(sudo)
else
  as_root=(false)
fi

# A dpkg run that was killed (a machine powered off or a session ended during a trigger)
# leaves its journal in /var/lib/dpkg/updates, and then every apt-get install refuses with
# "dpkg was interrupted". Finish it first, as apt's message says to, and say so.
if compgen -G '/var/lib/dpkg/updates/[0-9]*' >/dev/null || [[ -n "$(dpkg --audit 2>/dev/null)" ]]; then
  echo "setup: a previous dpkg run was interrupted; finishing it with dpkg --configure -a"
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive dpkg --configure -a ||
    { echo "setup: dpkg --configure -a failed: run it as root and run me again" >&2; exit 1; }
fi

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done

if ((${#missing[@]} == 0)); then
  echo "setup: every package Govox needs is installed"
  exit 0
fi

if [[ "${as_root[*]}" == false ]]; then
  echo "setup: these packages are missing and I am not root and there is no sudo:" >&2
  echo "  ${missing[*]}" >&2
  echo "setup: install them as root (apt-get install ${missing[*]}) and run me again" >&2
  exit 1
fi

echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -q
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
