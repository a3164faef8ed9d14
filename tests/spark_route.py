"""The Spark route, tested for real: pyspark in local[2] runs scripts/spark/warta_spark.py over
the bundled corpus and a few thousand news2025 articles with bad lines mixed in, and the result
must equal a single-process `warta run` on the same lines: the same graph files byte for byte,
the same records apart from where they were read, every bad line kept as a reject with its
reason, nothing else lost. Run by .ci/run; takes the warta binary and, optionally, how many
news2025 articles to use."""

import gzip
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NEWS = ROOT.parent / "shared" / "corpus" / "news2025" / "news2025.jsonl.gz"
GRAPH_FILES = [
    "graph.json", "graph.dot", "graph.graphml", "graph.gexf", "claims.json", "claims.md", "report.html"
]

BAD_LINES = [
    '{"id": "cut-short", "text": "Kalimat yang terpotong',
    '{"id": "no-text", "title": "Hanya judul tanpa isi"}',
    "this is not JSON at all",
    '["a", "list", "not", "an", "article"]',
    '{"id": "empty-text", "text": "   "}',
]


def build_input(path, news_count):
    lines = []
    for text_file in sorted((ROOT / "corpus").glob("*.txt")):
        text = text_file.read_text(encoding="utf-8")
        lines.append(json.dumps({"id": text_file.stem, "text": text}, ensure_ascii=False))
    assert NEWS.exists(), f"the Spark test needs {NEWS}"
    with gzip.open(NEWS, "rt", encoding="utf-8") as news:
        for number, line in enumerate(news):
            if number == news_count:
                break
            lines.append(line.rstrip("\n"))
    # bad lines spread through the input, so that several partitions meet one
    step = max(1, len(lines) // (len(BAD_LINES) + 1))
    for number, bad in enumerate(BAD_LINES):
        lines.insert((number + 1) * step + number, bad)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return lines


def without_origin(record):
    """A record without where it was read: path and line differ between a file and a pipe."""
    provenance = dict(record.pop("provenance"))
    provenance.pop("path")
    provenance.pop("record")
    record["provenance"] = provenance
    return record


def read_parts(folder):
    lines = []
    for part in sorted(folder.glob("part-*")):
        lines.extend(line for line in part.read_text(encoding="utf-8").splitlines() if line)
    return lines


def main():
    warta = str(Path(sys.argv[1]).resolve())
    news_count = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    work = Path(tempfile.mkdtemp(prefix="warta-spark-"))
    source = work / "input.jsonl"
    lines = build_input(source, news_count)

    started = time.monotonic()
    single = subprocess.run(
        [warta, "run", str(source), "-o", str(work / "single"), "--quiet", "--threads", "2"],
        capture_output=True,
        text=True,
    )
    single_seconds = time.monotonic() - started
    assert single.returncode == 2, f"the bad lines make a plain run exit 2: {single.stderr}"

    started = time.monotonic()
    job = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "spark" / "warta_spark.py"),
            "--master", "local[2]",
            "--partitions", "4",
            "--warta", warta,
            "--out", str(work / "spark"),
            "--graph", str(work / "spark-graph"),
            str(source),
        ],
        capture_output=True,
        text=True,
    )
    spark_seconds = time.monotonic() - started
    assert job.returncode == 0, f"the Spark job failed:\n{job.stdout}\n{job.stderr[-4000:]}"
    counts = json.loads(job.stdout.strip().splitlines()[-1])

    records = [json.loads(line) for line in read_parts(work / "spark" / "records")]
    rejects = [json.loads(line)["reject"] for line in read_parts(work / "spark" / "rejects")]
    assert len(records) + len(rejects) == len(lines), (len(records), len(rejects), len(lines))
    assert counts == {"input_lines": len(lines), "records": len(records), "rejects": len(rejects)}

    rejected = {reject["line"]: reject["reason"] for reject in rejects}
    for bad in BAD_LINES:
        assert bad in rejected, f"bad line not among the rejects: {bad}"
        assert rejected[bad], f"a reject without its reason: {bad}"
    assert len(rejects) == len(BAD_LINES), f"good lines rejected: {set(rejected) - set(BAD_LINES)}"

    single_records = [
        json.loads(line)
        for line in (work / "single" / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert [without_origin(r) for r in records] == [without_origin(r) for r in single_records], (
        "records through Spark differ from a single-process run"
    )
    for name in GRAPH_FILES:
        spark_bytes = (work / "spark-graph" / name).read_bytes()
        single_bytes = (work / "single" / name).read_bytes()
        assert spark_bytes == single_bytes, f"{name} differs between Spark and a single process"

    print(
        f"spark route: {len(lines)} lines ({len(records)} records, {len(rejects)} rejects); "
        f"single process (2 threads) {single_seconds:.1f} s, Spark local[2] {spark_seconds:.1f} s"
    )


if __name__ == "__main__":
    main()
