#!/usr/bin/env bash
# Runs every libFuzzer target in BUILD_DIR/fuzz for SECONDS each, over its corpus in fuzz/corpus/.
set -euo pipefail
build_dir=${1:-build/fuzz}
seconds=${2:-60}
status=0
mkdir -p fuzz/artifacts
for target in "$build_dir"/fuzz/fuzz_*; do
  [[ -x $target ]] || continue
  name=$(basename "$target")
  corpus="fuzz/corpus/${name#fuzz_}"
  work=$(mktemp -d)
  [[ -d $corpus ]] && cp -r "$corpus"/. "$work"/
  echo "fuzz: $name for ${seconds}s"
  if ! "$target" -max_total_time="$seconds" -artifact_prefix=fuzz/artifacts/ "$work"; then
    status=1
  fi
  rm -rf "$work"
done
exit $status
