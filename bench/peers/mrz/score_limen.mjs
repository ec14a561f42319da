// Scores `limen mrz` output (JSON Lines, one object per document) against truth.json.
import { readFileSync } from 'node:fs';

const dir = process.argv[2] ?? 'out';
const seconds = Number(process.argv[3]);
const rounds = Number(process.argv[4] ?? 1);
const truth = JSON.parse(readFileSync(`${dir}/truth.json`, 'utf8'));
const reports = readFileSync(`${dir}/limen.jsonl`, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
if (reports.length !== truth.length) throw new Error(`limen gave ${reports.length} reports for ${truth.length} documents`);
const byKind = {};
let correct = 0;
reports.forEach((report, i) => {
  const ok = (report.mrz_valid === true) === truth[i].valid;
  correct += ok ? 1 : 0;
  const kind = truth[i].kind;
  byKind[kind] ??= { total: 0, correct: 0 };
  byKind[kind].total += 1;
  byKind[kind].correct += ok ? 1 : 0;
});
console.log(JSON.stringify({ program: 'limen mrz', documents: reports.length, correct,
  per_second: Math.round((rounds * reports.length) / seconds), by_kind: byKind }));
