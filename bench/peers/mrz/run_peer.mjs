// Runs the npm package mrz on the shared inputs: correct verdicts and throughput (in-process,
// after a warm-up pass). Prints one JSON object.
import { readFileSync } from 'node:fs';
import { parse } from 'mrz';

const dir = process.argv[2] ?? 'out';
const rounds = Number(process.argv[3] ?? 5);
const documents = readFileSync(`${dir}/inputs.txt`, 'utf8').trim().split('\n\n').map((d) => d.split('\n'));
const truth = JSON.parse(readFileSync(`${dir}/truth.json`, 'utf8'));

function verdict(lines) {
  try {
    return parse(lines).valid === true;
  } catch {
    return false;  // Unsupported format or shape: the peer gives no valid verdict.
  }
}

const byKind = {};
let correct = 0;
documents.forEach((lines, i) => {
  const ok = verdict(lines) === truth[i].valid;
  correct += ok ? 1 : 0;
  const kind = truth[i].kind;
  byKind[kind] ??= { total: 0, correct: 0 };
  byKind[kind].total += 1;
  byKind[kind].correct += ok ? 1 : 0;
});
const start = process.hrtime.bigint();
let sink = 0;
for (let r = 0; r < rounds; r++) for (const lines of documents) sink += verdict(lines) ? 1 : 0;
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
console.log(JSON.stringify({ program: 'npm mrz', documents: documents.length, correct,
  per_second: Math.round((rounds * documents.length) / seconds), by_kind: byKind, sink }));
