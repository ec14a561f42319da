#!/usr/bin/env python3
"""Registry import and start-up benchmark with `limen registry` (docs/benchmarks/registry.md).

Generates a full list of --entries documents and a delta (generate_csv.py), then, --runs times
each into a fresh database:
  baseline  `limen registry import --dry-run`: parse the CSV and build the snapshot, which is
            what a node did at every start-up when it read registry.path;
  import    `limen registry import --source interpol-sltd`: the same plus storing the snapshot;
  load      the stored snapshot read back, verified and indexed (`limen registry stats`
            load_seconds), which is what a node now does at start-up;
  delta     `limen registry import --delta` of --delta-rows rows on top of the full list;
  serve     `limen serve` until it listens, with its own "registry loaded in" figure.
Times are the commands' own (`seconds`, `load_seconds`: from the start of the work, file
reading included, process start excluded), except `serve`, which is wall time until the port is
open. Prints medians, the load/baseline ratio, the machine and the date.

  bench/registry/store_bench.py --limen build/release/src/cli/limen --entries 10000000
"""
import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def run(command):
    """Runs a limen command that prints JSON; returns the JSON."""
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return json.loads(done.stdout)


def cpu_model():
    with open("/proc/cpuinfo") as info:
        for line in info:
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.machine()


def serve_load_seconds(limen, db, directory):
    """Starts `limen serve` on a free port; returns (seconds until it listens, its load figure)."""
    log_path = os.path.join(directory, "serve.log")
    start = time.perf_counter()
    with open(log_path, "w") as log:
        server = subprocess.Popen([limen, "serve", "--db", db, "--listen", "127.0.0.1:0"],
                                  stdout=log, stderr=subprocess.STDOUT)
    try:
        while time.perf_counter() - start < 300:
            with open(log_path) as log:
                text = log.read()
            if "serving on" in text:
                until_listening = time.perf_counter() - start
                loaded = re.search(r"registry loaded in ([0-9.]+) s", text)
                return until_listening, float(loaded.group(1)) if loaded else float("nan")
            if server.poll() is not None:
                sys.exit("limen serve stopped:\n" + text)
            time.sleep(0.05)
        sys.exit("limen serve did not listen within 300 s")
    finally:
        server.terminate()
        server.wait()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limen", required=True)
    parser.add_argument("--entries", type=int, default=10_000_000)
    parser.add_argument("--delta-rows", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workdir", default=None)
    args = parser.parse_args()
    directory = tempfile.mkdtemp(prefix="limen-registry-bench-", dir=args.workdir)
    try:
        full = os.path.join(directory, "sltd.csv")
        delta = os.path.join(directory, "delta.csv")
        generator = os.path.join(HERE, "generate_csv.py")
        subprocess.run([sys.executable, generator, "--entries", str(args.entries), "--out", full],
                       check=True)
        subprocess.run([sys.executable, generator, "--entries", str(args.entries), "--delta",
                        "--delta-rows", str(args.delta_rows), "--out", delta], check=True)
        results = {name: [] for name in ("baseline", "import", "load", "delta", "serve", "serve_load")}
        snapshot_bytes = 0
        for run_index in range(args.runs):
            db = os.path.join(directory, f"run{run_index}.db")
            source = ["--source", "interpol-sltd"]
            results["baseline"].append(
                run([args.limen, "registry", "import", full, "--dry-run"])["seconds"])
            summary = run([args.limen, "registry", "import", full, *source, "--db", db])
            results["import"].append(summary["seconds"])
            snapshot_bytes = summary["snapshot_bytes"]
            stats = run([args.limen, "registry", "stats", "--db", db])
            assert stats["entries"] == args.entries, stats["entries"]
            results["load"].append(stats["load_seconds"])
            until_listening, serve_load = serve_load_seconds(args.limen, db, directory)
            results["serve"].append(until_listening)
            results["serve_load"].append(serve_load)
            results["delta"].append(
                run([args.limen, "registry", "import", delta, *source, "--delta", "--db", db])
                ["seconds"])
            os.remove(db)
        medians = {name: statistics.median(values) for name, values in results.items()}
        print(f"date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
        print(f"machine: {cpu_model()}, {os.cpu_count()} cores, "
              f"load average {os.getloadavg()[0]:.1f}")
        print(f"entries: {args.entries}, csv bytes: {os.path.getsize(full)}, "
              f"stored snapshot bytes: {snapshot_bytes}, runs: {args.runs}")
        for name, values in results.items():
            print(f"{name:10s} median {medians[name]:8.3f} s   runs: "
                  + ", ".join(f"{v:.3f}" for v in values))
        print(f"load / baseline (start-up now vs. parsing the CSV): "
              f"{medians['load'] / medians['baseline']:.3f}")
    finally:
        shutil.rmtree(directory, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
