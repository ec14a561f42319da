// Runs the npm package mrz on the shared inputs: correct verdicts and throughput, timed in-process
// the way bench_document times Limen's engine (BM_ParseMrzInputs): passes over the inputs after a
// warm-up, for at least SECONDS, counting the CPU time the process used (user + system: the JIT
// and garbage collector threads run on the same pinned core) and, for reference, the wall time.
// Prints one JSON object.
//
//   node run_peer.mjs [DIR] [SECONDS]
import { readFileSync } from 'node:fs';
import { parse } from 'mrz';

const dir = process.argv[2] ?? 'out';
const seconds = Number(process.argv[3] ?? 1);
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

let sink = 0;
// Passes over the inputs until `budget` seconds of CPU time have gone; returns what was used.
function timedPasses(budget) {
  const wallStart = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  let parsed = 0;
  let cpu = 0;
  do {
    for (const lines of documents) sink += verdict(lines) ? 1 : 0;
    parsed += documents.length;
    const used = process.cpuUsage(cpuStart);
    cpu = (used.user + used.system) / 1e6;
  } while (cpu < budget);
  const wall = Number(process.hrtime.bigint() - wallStart) / 1e9;
  return { parsed, cpu, wall };
}

timedPasses(Math.max(0.5, seconds / 2));  // Warm-up: lets the JIT compile parse() fully.
const run = timedPasses(seconds);
console.log(JSON.stringify({
  program: 'npm mrz', documents: documents.length, correct,
  per_second: Math.round(run.parsed / run.cpu), per_second_wall: Math.round(run.parsed / run.wall),
  by_kind: byKind, sink,
}));
