#!/usr/bin/env bash
# The README's first command: installs what is missing, builds Govox and launches it.
# Arguments go to govox (for example: ./packaging/run.sh tone --backend null).
# Idempotent: a second run only rebuilds what changed.
set -euo pipefail
cd "$(dirname "$0")/.."

./packaging/setup-debian.sh
cmake --preset default >/dev/null
cmake --build --preset default --target govox
exec ./build/default/app/govox "$@"
