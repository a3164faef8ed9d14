#!/usr/bin/env bash
# Time and peak memory of the graph stage as the corpus grows: news2025's article records, then
# the same records again under new ids (as syndicated news repeats), 1, 2, 4, 8 and 16 times.
# Usage: scripts/bench-graph.sh [COPIES ...]   (needs ../shared/corpus/news2025)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
corpus=../shared/corpus/news2025/news2025.jsonl.gz
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[ $# -gt 0 ] || set -- 1 2 4 8 16
measure() { # label, command...
  local label=$1; shift
  local stats
  stats=$( { /usr/bin/time -f "%M %e %U" "$@" >/dev/null; } 2>&1 | tail -1)
  read -r kb seconds user <<<"$stats"
  echo "$label: ${seconds} s wall, ${user} s CPU, peak $((kb / 1024)) MiB"
}
measure "extract news2025 (1 thread)" target/release/warta extract -q --threads 1 "$corpus" -o "$work/records.jsonl"
measure "run news2025 (1 thread)" target/release/warta run -q --threads 1 "$corpus" -o "$work/run"
for copies in "$@"; do
  python3 - "$work/records.jsonl" "$copies" > "$work/copies.jsonl" <<'PY'
import json, sys
path, copies = sys.argv[1], int(sys.argv[2])
for n in range(copies):
    for line in open(path, encoding="utf-8"):
        record = json.loads(line)
        if n:
            record["id"] = f"{record['id']}~{n}"
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
PY
  articles=$(wc -l < "$work/copies.jsonl")
  measure "graph, $copies× ($articles articles, 1 thread)" target/release/warta graph -q --threads 1 "$work/copies.jsonl" -o "$work/graph-$copies"
done
