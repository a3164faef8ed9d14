#!/usr/bin/env bash
# Throughput per core on real news, as users' machines see it: news2025 (decompressed once, so
# every step reads the same bytes) through `warta clean` and `warta extract` on one thread (on
# one core) and on two, in alternation, each the fastest of ten runs, against a plain word
# count (`wc -w`) over the same bytes in the same run; two threads over one again on the corpus
# copied 16 times; the entity tagger's tokens per second; the peak memory of extract on the
# corpus and on the 16 copies, on one thread and on two (streaming: the peak should not grow).
# Usage: scripts/bench-throughput.sh   (needs ../shared/corpus/news2025 and ../shared/data/ner)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
warta=target/release/warta
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
zcat ../shared/corpus/news2025/news2025.jsonl.gz > "$work/news.jsonl"
bytes=$(stat -c %s "$work/news.jsonl")
mb=$(python3 -c "print($bytes / 1e6)")

# one thread on one core: the pipeline's reading and writing thread would otherwise run beside
# the worker on the second core
one_core=""
command -v taskset >/dev/null && one_core="taskset -c 0"

# the word count, the fastest of ten
wc_wall=$(python3 - "$work/news.jsonl" <<'PY'
import subprocess, sys, time
best = min(
    (lambda t: (subprocess.run(["wc", "-w", sys.argv[1]], stdout=subprocess.DEVNULL),
                time.perf_counter() - t)[1])(time.perf_counter())
    for _ in range(10))
print(best)
PY
)
wc_rate=$(python3 -c "print(f'{$mb / max($wc_wall, 1e-9):.1f}')")
echo "news2025: $(printf '%.1f' "$mb") MB; wc -w: $wc_rate MB/s"

# one stage on one thread (pinned to one core) and on two, in alternation, the fastest of each:
# the machine is shared and its speed drifts over minutes, so the two are timed side by side
cat > "$work/stage.py" <<'PY'
import os, resource, statistics, subprocess, sys, time
stage, warta, corpus, label, output, pin, wc_rate, rounds = sys.argv[1:9]
mb, wc_rate, rounds = os.path.getsize(corpus) / 1e6, float(wc_rate), int(rounds)
walls, cpus = {1: [], 2: []}, {1: [], 2: []}
for _ in range(rounds):
    for threads in (1, 2):
        command = [warta, stage, "-q", "--threads", str(threads), corpus, "-o", output]
        if threads == 1 and pin:
            command = pin.split() + command
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, check=True)
        walls[threads].append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus[threads].append((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
for threads in (1, 2):
    best = min(range(rounds), key=walls[threads].__getitem__)
    wall, cpu = walls[threads][best], cpus[threads][best]
    rate = mb / wall
    print(f"{stage} {label}, {threads} thread(s): {wall:.3f} s, {rate:.2f} MB/s "
          f"({wc_rate / rate:.0f}x slower than wc -w), {mb / cpu:.2f} MB per CPU-second")
paired = statistics.median(one / two for one, two in zip(walls[1], walls[2]))
print(f"{stage} {label} on 2 threads: {min(walls[1]) / min(walls[2]):.2f}x one thread on one "
      f"core (fastest of {rounds} each; the rounds' own ratios, median {paired:.2f}x)")
PY
for stage in clean extract; do
  python3 "$work/stage.py" "$stage" "$warta" "$work/news.jsonl" news2025 "$work/$stage.jsonl" \
    "$one_core" "$wc_rate" 10
done

$warta eval --ner ../shared/data/ner/idner/train.txt | tail -1 | sed 's/^/tagger (idner train): /'

python3 - "$work/news.jsonl" 16 > "$work/news16.jsonl" <<'PY'
import json, sys
path, copies = sys.argv[1], int(sys.argv[2])
lines = open(path, encoding="utf-8").read().splitlines()
for n in range(copies):
    for line in lines:
        record = json.loads(line)
        record["id"] = f"{record.get('id')}~{n}"
        print(json.dumps(record, ensure_ascii=False))
PY
# two threads over one where the process's start and end are a small part of the run: the
# 16 copies, one round each
for stage in clean extract; do
  python3 "$work/stage.py" "$stage" "$warta" "$work/news16.jsonl" "16 copies" \
    "$work/$stage.jsonl" "$one_core" "$wc_rate" 1
done
# peak resident memory of extract on the corpus and on it copied 16 times, on one thread and
# on two; for the 16 copies on two threads, the most held in each quarter of the run: a
# worker's kept words and pattern caches fill over the first copies as it meets the other
# worker's articles, then hold
python3 - "$warta" "$work" <<'PY'
import os, sys, time
warta, work = sys.argv[1:3]

def run(corpus, threads):
    """Peak resident MiB of one extract run, and the resident MiB sampled as it ran."""
    pid = os.spawnv(os.P_NOWAIT, warta, [warta, "extract", "-q", "--threads", str(threads),
                                         f"{work}/{corpus}", "-o", f"{work}/records.jsonl"])
    samples, start = [], time.perf_counter()
    while True:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            break
        try:
            with open(f"/proc/{pid}/status") as process:
                rss = next(int(line.split()[1]) for line in process if line.startswith("VmRSS:"))
            samples.append((time.perf_counter() - start, rss))
        except (OSError, StopIteration):
            pass
        time.sleep(0.02)
    assert os.waitstatus_to_exitcode(status) == 0, f"extract on {corpus} failed"
    return usage.ru_maxrss // 1024, samples, time.perf_counter() - start

for threads in (1, 2):
    one, _, _ = run("news.jsonl", threads)
    sixteen, samples, wall = run("news16.jsonl", threads)
    line = (f"extract peak memory, {threads} thread(s): news2025 {one} MiB, "
            f"16 copies {sixteen} MiB ({wall:.1f} s)")
    if threads == 2 and samples:
        quarters = [max((rss for t, rss in samples if q * wall / 4 <= t < (q + 1) * wall / 4),
                        default=0) // 1024 for q in range(4)]
        line += "; 16 copies by quarter of the run: " + " / ".join(f"{q}" for q in quarters) + " MiB"
    print(line)
PY
