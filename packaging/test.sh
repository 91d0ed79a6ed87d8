#!/usr/bin/env bash
# The README's test command: installs what is missing, builds every configuration and
# runs every test - the plain build (app, tests, benchmark smoke runs), govox built
# without its window (the headless commands, no Qt Widgets), the engine
# under AddressSanitizer, ThreadSanitizer and RealtimeSanitizer, and the preset and bundle
# readers under libFuzzer (30 s each), and the two-minute soak and fault run
# (tests/soak, CTest label soak, in the default preset). GOVOX_SOAK_MINUTES=10 adds the
# full soak after the presets. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."

./packaging/setup-debian.sh

presets=(${GOVOX_TEST_PRESETS:-default headless asan tsan rtsan fuzz})
for preset in "${presets[@]}"; do
  echo "=== $preset: configure, build, test"
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset"
  ctest --preset "$preset"
done
echo "=== every test passed in: ${presets[*]}"

# The full soak, by hand only (CI runs the short one with the default preset's tests).
if [[ -n "${GOVOX_SOAK_MINUTES:-}" ]]; then
  echo "=== soak: ${GOVOX_SOAK_MINUTES} minutes"
  build/default/tests/soak/govox_soak --minutes "$GOVOX_SOAK_MINUTES"
fi

# The Debian package: built, linted, installed and run (a few minutes). CI always runs it.
if [[ "${CI:-}" == true || "${GOVOX_TEST_PACKAGE:-0}" == 1 ]]; then
  ./tests/packaging/test-deb.sh
fi
