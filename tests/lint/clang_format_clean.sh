#!/usr/bin/env bash
# Fails, naming the files and the first differences, if clang-format would change any of
# Govox's C and C++ files (the style is .clang-format at the top of the tree). Fix with:
#   git ls-files '*.cpp' '*.hpp' '*.h' '*.c' | xargs clang-format-22 -i
# Usage: clang_format_clean.sh CLANG_FORMAT SOURCE_DIR
set -euo pipefail
clang_format=$1
cd "$2"
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  mapfile -t files < <(git ls-files '*.cpp' '*.hpp' '*.h' '*.c')
else
  mapfile -t files < <(find engine ui app tests -name '*.cpp' -o -name '*.hpp' -o -name '*.h' -o -name '*.c')
fi
bad=()
for f in "${files[@]}"; do
  if ! "$clang_format" --dry-run --Werror "$f" >/dev/null 2>&1; then bad+=("$f"); fi
done
if ((${#bad[@]})); then
  echo "clang-format would change ${#bad[@]} file(s):"
  for f in "${bad[@]}"; do
    echo "  $f"
    "$clang_format" "$f" | diff -u "$f" - | head -20 || true
  done
  exit 1
fi
echo "clang-format: ${#files[@]} files clean"
