#!/usr/bin/env bash
# Peak memory of `warta extract` as the corpus grows: the bundled articles copied N times.
# Streaming means the peak should stay flat. Usage: scripts/bench-memory.sh [N ...]
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[ $# -gt 0 ] || set -- 10 100 1000
for copies in "$@"; do
  rm -rf "$work/corpus" && mkdir -p "$work/corpus"
  for i in $(seq 1 "$copies"); do
    for f in corpus/*.txt; do cp "$f" "$work/corpus/$(basename "$f" .txt)-$i.txt"; done
  done
  docs=$(ls "$work/corpus" | wc -l)
  stats=$( { /usr/bin/time -f "%M %e" target/release/warta extract "$work/corpus" -q -o "$work/out.jsonl"; } 2>&1 | tail -1)
  read -r kb seconds <<<"$stats"
  echo "$docs documents: peak $((kb / 1024)) MiB, $seconds s"
done
