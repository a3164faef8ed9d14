"""warta past one machine: the per-article stage on Spark, then one graph from the records.

Every partition of the JSON Lines input is piped through `warta extract - -o - --rejects -`
(one warta process per partition, one thread each: Spark gives the parallelism). What comes back
is split into records and rejects, each written as part files; the counts are checked (records
plus rejects equal the input's non-blank lines, or the job fails) and, with --graph, `warta
graph` merges the record part files into the graph files on the driver.

    spark-submit scripts/spark/warta_spark.py --out OUT [--graph DIR] INPUT...

INPUT is any path or URI Hadoop reads (local files, hdfs://, s3a://; .gz is decompressed).
On a cluster, ship the binary with `--files target/release/warta` and pass `--warta ./warta`.
"""

import argparse
import shlex
import json
import subprocess
import sys

from pyspark import SparkConf, SparkContext, StorageLevel

REJECT_MARK = '{"reject":'
# the characters `warta` treats as blank in a JSON Lines input (Rust's ASCII whitespace)
BLANK = " \t\n\x0c\r"


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="+", help="JSON Lines inputs: paths or Hadoop URIs")
    parser.add_argument("--out", required=True, help="folder or URI for records/ and rejects/")
    parser.add_argument("--graph", help="local folder for the graph files (warta graph)")
    parser.add_argument(
        "--warta", default="warta", help="the warta binary as executors reach it"
    )
    parser.add_argument(
        "--driver-warta", help="the warta binary on the driver, for --graph (default: --warta)"
    )
    parser.add_argument("--partitions", type=int, help="least number of input partitions")
    parser.add_argument("--master", help="Spark master when not run by spark-submit")
    parser.add_argument("--lang", choices=["auto", "id", "en"], default="auto")
    return parser.parse_args(argv)


def main(argv):
    args = parse_args(argv)
    conf = SparkConf().setAppName("warta")
    if args.master:
        conf.setMaster(args.master)
    sc = SparkContext(conf=conf)
    sc.setLogLevel("WARN")
    try:
        counts = extract(sc, args)
    finally:
        sc.stop()
    print(json.dumps(counts), flush=True)
    if counts["records"] + counts["rejects"] != counts["input_lines"]:
        sys.exit("warta-spark: records and rejects do not add up to the input lines")
    if args.graph:
        warta = args.driver_warta or args.warta
        records = args.out.rstrip("/") + "/records"
        subprocess.run(
            [warta, "graph", "--quiet", records, "-o", args.graph], check=True
        )


def extract(sc, args):
    inputs = ",".join(args.inputs)
    lines = (
        sc.textFile(inputs, args.partitions) if args.partitions else sc.textFile(inputs)
    )
    command = [args.warta, "extract", "-", "-o", "-", "--rejects", "-", "--quiet"]
    command += ["--threads", "1", "--lang", args.lang]
    # checkCode: a warta that exits non-zero (input it could not read at all) fails the job
    # rather than losing the partition's lines
    # kept for the two writes and the counts; spilled to disk rather than piped through again
    out = lines.pipe(shlex.join(command), checkCode=True).persist(StorageLevel.MEMORY_AND_DISK)
    records = out.filter(lambda line: not line.startswith(REJECT_MARK))
    rejects = out.filter(lambda line: line.startswith(REJECT_MARK))
    base = args.out.rstrip("/")
    records.saveAsTextFile(base + "/records")
    rejects.saveAsTextFile(base + "/rejects")
    return {
        "input_lines": lines.filter(lambda line: line.strip(BLANK) != "").count(),
        "records": records.count(),
        "rejects": rejects.count(),
    }


if __name__ == "__main__":
    main(sys.argv[1:])
