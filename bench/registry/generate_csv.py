#!/usr/bin/env python3
"""Writes a synthetic lost/stolen document list for `limen registry import` benchmarks.

Full list: issuing_state,number,type,reason,reported_on,source with source interpol-sltd.
Numbers are TD3-like (two letters and seven digits), spread over 150 issuing States;
every (State, number) is unique, as in bench/registry/registry_bench.cc. With --delta, writes a
delta for the full list of the same --entries: --delta-rows rows, half removals of listed
documents and half additions of new ones.

  bench/registry/generate_csv.py --entries 10000000 --out sltd.csv
  bench/registry/generate_csv.py --entries 10000000 --delta --delta-rows 10000 --out delta.csv
"""
import argparse
import sys

STATES = ["".join((chr(65 + i % 26), chr(65 + (i // 26) % 26), chr(65 + (i * 7) % 26)))
          for i in range(150)]
SPACE = 676 * 10_000_000  # Two letters and seven digits.
REASONS = ["lost", "stolen", "stolen", "stolen_blank", "invalid"]
TYPES = ["passport", "passport", "passport", "identity_card", "travel_document"]


def number(k):
    # An odd multiplier coprime to 5 makes this a bijection of [0, SPACE).
    scrambled = (k * 2_654_435_761 + 12_345) % SPACE
    letters, digits = divmod(scrambled, 10_000_000)
    return chr(65 + letters // 26) + chr(65 + letters % 26) + f"{digits:07d}"


def row(i):
    date = f"{2015 + i % 11}-{1 + i % 12:02d}-{1 + i % 28:02d}"
    return (f"{STATES[i % 150]},{number(i // 150)},{TYPES[i % 5]},{REASONS[i % 5]},{date},"
            "interpol-sltd")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=10_000_000)
    parser.add_argument("--delta", action="store_true")
    parser.add_argument("--delta-rows", type=int, default=10_000)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    with open(args.out, "w", buffering=1 << 22) as out:
        if not args.delta:
            out.write("issuing_state,number,type,reason,reported_on,source\n")
            batch = []
            for i in range(args.entries):
                batch.append(row(i))
                if len(batch) == 100_000:
                    out.write("\n".join(batch) + "\n")
                    batch.clear()
            if batch:
                out.write("\n".join(batch) + "\n")
            return 0
        out.write("issuing_state,number,type,reason,reported_on,source,op\n")
        half = args.delta_rows // 2
        step = max(1, args.entries // max(1, half))
        for j in range(half):  # Remove listed documents spread over the list.
            out.write(f"{STATES[(j * step) % 150]},{number((j * step) // 150)},,,,interpol-sltd,"
                      "remove\n")
        for j in range(args.delta_rows - half):  # Add documents the list does not hold.
            i = args.entries + j
            out.write(row(i) + ",add\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
