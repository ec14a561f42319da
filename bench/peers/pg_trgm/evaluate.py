"""Scores both runs on the development set's ground truth and prints one table.

pg_trgm has no alert threshold of its own; its hits are counted as alerts at similarity >= 0.5
(the usual cut-off above the extension's 0.3 default), Limen's at its own alert flag.

expected_id may hold several `;`-separated ids (a synthetic list made by
`screening_scale --export` lists common names more than once): finding any of them counts."""
import csv
import json
import sys
from collections import defaultdict

queries_csv, pg_hits, pg_seconds, limen_hits, limen_seconds = sys.argv[1:6]
PG_ALERT = 0.5

truth = {}
non_latin = set()
with open(queries_csv, newline="", encoding="utf-8") as f:
    for row in csv.DictReader(f):
        truth[row["query_id"]] = set(filter(None, row["expected_id"].split(";")))
        if any(ord(c) > 0x24F and c.isalpha() for c in row["name"]):
            non_latin.add(row["query_id"])

pg = defaultdict(list)
with open(pg_hits, encoding="utf-8") as f:
    for line in f:
        query_id, entry_id, score = line.rstrip("\n").split("\t")
        pg[query_id].append((entry_id, float(score), float(score) >= PG_ALERT))
limen = {}
with open(limen_hits, encoding="utf-8") as f:
    for line in f:
        row = json.loads(line)
        limen[row["query_id"]] = [(h["id"], h["score"], h["alert"]) for h in row["hits"]]


def metrics(hits, subset):
    pos = [q for q in subset if truth[q]]
    neg = [q for q in subset if not truth[q]]
    r1 = sum(1 for q in pos if hits.get(q) and hits[q][0][0] in truth[q]) / max(1, len(pos))
    r10 = sum(1 for q in pos if any(h[0] in truth[q] for h in hits.get(q, [])[:10])) / max(1, len(pos))
    alerted = sum(1 for q in pos if any(h[0] in truth[q] and h[2] for h in hits.get(q, []))) / max(1, len(pos))
    false = sum(1 for q in neg if any(h[2] for h in hits.get(q, []))) / max(1, len(neg))
    return r1, r10, alerted, false


n = len(truth)
print(f"{'engine':<10} {'slice':<10} {'recall@1':>9} {'recall@10':>10} {'alert_rec':>10} "
      f"{'neg_alert':>10} {'qps':>9}")
for name, hits, seconds in (("pg_trgm", pg, float(pg_seconds)), ("limen", limen, float(limen_seconds))):
    for label, subset in (("all", list(truth)), ("non-latin", [q for q in truth if q in non_latin])):
        r1, r10, alerted, false = metrics(hits, subset)
        qps = n / seconds if label == "all" else float("nan")
        print(f"{name:<10} {label:<10} {r1:>9.3f} {r10:>10.3f} {alerted:>10.3f} {false:>10.3f} "
              f"{qps:>9.0f}")
print(f"queries: {n}; pg_trgm: {float(pg_seconds):.2f} s in one SQL statement; "
      f"limen: {float(limen_seconds):.3f} s screening on one thread (list load and index build "
      f"not counted); throughput ratio limen/pg_trgm: {float(pg_seconds) / float(limen_seconds):.1f}x")
