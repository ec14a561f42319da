"""Writes names.tsv (entry id, one name per line: primary and aliases) and queries.tsv for
PostgreSQL COPY from the development set's CSV files."""
import csv
import sys

data, work = sys.argv[1], sys.argv[2]


def clean(text):
    return text.replace("\t", " ").replace("\\", " ").replace("\n", " ")


with open(f"{data}/watchlist.csv", newline="", encoding="utf-8") as src, \
        open(f"{work}/names.tsv", "w", encoding="utf-8") as out:
    for row in csv.DictReader(src):
        names = [row["name"]] + [a for a in row.get("aliases", "").split(";") if a.strip()]
        for name in names:
            out.write(f"{row['id']}\t{clean(name.strip())}\n")

with open(f"{data}/queries.csv", newline="", encoding="utf-8") as src, \
        open(f"{work}/queries.tsv", "w", encoding="utf-8") as out:
    for row in csv.DictReader(src):
        out.write(f"{row['query_id']}\t{clean(row['name'])}\n")
