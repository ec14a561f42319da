// Summarises a run.sh run: correct verdicts of both programs, then every round's rates and
// ratios, then the median ratio (the figure to quote) and its range.
//
//   node summarise.mjs [DIR]   (reads DIR/limen.jsonl, DIR/truth.json, DIR/rounds.jsonl)
import { readFileSync } from 'node:fs';

const dir = process.argv[2] ?? 'out';
const truth = JSON.parse(readFileSync(`${dir}/truth.json`, 'utf8'));
const reports = readFileSync(`${dir}/limen.jsonl`, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
if (reports.length !== truth.length) {
  throw new Error(`limen gave ${reports.length} reports for ${truth.length} documents`);
}
const limenCorrect = reports.filter((r, i) => (r.mrz_valid === true) === truth[i].valid).length;
// Each round timed one engine twice around the other (run.sh): the mean of the two timings.
const mean = (a, b) => (a + b) / 2;
const rounds = readFileSync(`${dir}/rounds.jsonl`, 'utf8').trim().split('\n').map((l) => {
  const r = JSON.parse(l);
  return { ...r, engine: Math.round(mean(r.engine[0], r.engine[1])),
    peer_rate: Math.round(mean(r.peer.per_second, r.peer_last.per_second)) };
});
const peer = rounds[0].peer;

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const fixed = (value) => value.toFixed(1);
const summary = (name, values) =>
  `${name}: median ${fixed(median(values))}x (range ${fixed(Math.min(...values))}-` +
  `${fixed(Math.max(...values))}x over ${values.length} rounds)`;

console.log(`correct verdicts: limen ${limenCorrect}/${truth.length}, npm mrz ${peer.correct}/${peer.documents}`);
console.log('round  load  limen engine/s  npm mrz/s  ratio  limen mrz process/s  ratio');
const engineRatios = [];
const processRatios = [];
for (const r of rounds) {
  const engineRatio = r.engine / r.peer_rate;
  const processRatio = r.process / r.peer_rate;
  engineRatios.push(engineRatio);
  processRatios.push(processRatio);
  console.log(`${String(r.round).padStart(5)}  ${r.load.padStart(4)}  ${String(r.engine).padStart(14)}` +
    `  ${String(r.peer_rate).padStart(9)}  ${fixed(engineRatio).padStart(5)}` +
    `  ${String(r.process).padStart(19)}  ${fixed(processRatio).padStart(5)}`);
}
const rate = (values) => Math.round(median(values));
console.log(`medians: limen engine ${rate(rounds.map((r) => r.engine))}/s, npm mrz ` +
  `${rate(rounds.map((r) => r.peer_rate))}/s, limen mrz process ${rate(rounds.map((r) => r.process))}/s`);
console.log(summary('engine only (ParseMrz in-process vs parse() in-process, one core)', engineRatios));
console.log(summary('whole limen mrz process with JSON output vs parse() in-process', processRatios));
