#!/usr/bin/env bash
# Fuzzes every target for a fixed time each (default 30 s), starting from seeds made of the
# project's own sample files. A finding fails the script: its input is left in
# fuzz/artifacts/TARGET/; minimise it, fix the bug, and keep the input in tests/fixtures/fuzz/
# (documents/ for the pipeline, records/ for the graph stage) so that `cargo test`
# (tests/hostile.rs) replays it.
# Usage: fuzz/run.sh [SECONDS]   (needs cargo-fuzz; stable Rust with RUSTC_BOOTSTRAP=1)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
export RUSTC_BOOTSTRAP=1

seed() { # seed TARGET FILE...
  local dir="fuzz/corpus/$1"
  shift
  mkdir -p "$dir"
  for f in "$@"; do cp "$f" "$dir/"; done
}
seed clean_text corpus/*.txt tests/fixtures/latin1.txt
seed extract corpus/*.txt
mkdir -p fuzz/corpus/clean_html
printf '<html lang="id"><head><title>Judul</title><meta property="og:site_name" content="Situs"></head><body><nav>Menu</nav><article><h1>Judul</h1><p>Budi Santoso berkata, "Kami menolak," di Jakarta pada Senin (1/7/2024).</p></article></body></html>' \
  > fuzz/corpus/clean_html/page.html
# read_corpus: the first byte picks the kind of file (see its target)
mkdir -p fuzz/corpus/read_corpus
{ printf '\x00'; head -c 3000 corpus/003_29b43ec06a4ce155.txt; } > fuzz/corpus/read_corpus/text
{ printf '\x02'; cat tests/fixtures/feed.jsonl; } > fuzz/corpus/read_corpus/jsonl
{ printf '\x03'; cat tests/fixtures/fuzz/documents/absurd-length.warc; } > fuzz/corpus/read_corpus/warc
{ printf '\x04'; cat tests/fixtures/banjir.txt.gz; } > fuzz/corpus/read_corpus/gzip
{ printf '\x05'; cat tests/fixtures/banjir-zst.txt.zst; } > fuzz/corpus/read_corpus/zstd
mkdir -p fuzz/corpus/graph
head -n 3 graphs/articles.jsonl > fuzz/corpus/graph/three

cargo fuzz build -s none -O
for target in clean_text clean_html read_corpus extract graph; do
  echo "== fuzz $target for $seconds s"
  cargo fuzz run -s none -O "$target" -- -max_total_time="$seconds" -max_len=65536 \
    -rss_limit_mb=4096 -timeout=20 -print_final_stats=1 2>&1 | grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb|==|SUMMARY|.*panicked)" || true
  # libFuzzer leaves a crash-, timeout- or oom- file behind on a finding
  if compgen -G "fuzz/artifacts/$target/*" >/dev/null; then
    echo "fuzz $target found a failing input:"; ls fuzz/artifacts/"$target"
    exit 1
  fi
done
