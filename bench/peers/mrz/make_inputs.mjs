// Generates the shared input set: MRZ documents separated by blank lines (inputs.txt) and the
// expected verdict of each (truth.json: true when the MRZ is valid per ICAO Doc 9303).
// Deterministic (seeded), independent of both programs under test.
import { writeFileSync } from 'node:fs';

const count = Number(process.argv[2] ?? 3000);
const outDir = process.argv[3] ?? 'out';
let seed = 20261126;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = (items) => items[Math.floor(random() * items.length)];
const digits = (n) => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');

function checkDigit(text) {
  const weights = [7, 3, 1];
  let sum = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const v = c === '<' ? 0 : c >= '0' && c <= '9' ? c.charCodeAt(0) - 48 : c.charCodeAt(0) - 55;
    sum += v * weights[i % 3];
  }
  return String(sum % 10);
}
const pad = (text, n) => (text + '<'.repeat(n)).slice(0, n);
const two = (n) => String(n).padStart(2, '0');

const states = ['SWE', 'FRA', 'D<<', 'NLD', 'GBR', 'USA', 'ESP', 'POL', 'UTO', 'XXA', 'GBD', 'UNO'];
const surnames = ['ERIKSSON', 'MUELLER', 'DVORAK', 'IVANOV', 'NGUYEN', 'GARCIA<LOPEZ', 'OBRIEN'];
const given = ['ANNA<MARIA', 'JUERGEN', 'OLVE', 'IULIIA', 'MOHAMED', 'JEAN<LUC'];

function randomDates() {
  const birth = `${two(40 + Math.floor(random() * 59))}${two(1 + Math.floor(random() * 12))}${two(1 + Math.floor(random() * 28))}`;
  const expiry = `${two(27 + Math.floor(random() * 8))}${two(1 + Math.floor(random() * 12))}${two(1 + Math.floor(random() * 28))}`;
  return { birth, expiry };
}

function td3(code) {
  const { birth, expiry } = randomDates();
  const number = 'X' + digits(8);
  const line1 = pad(`${code}<${pick(states)}${pick(surnames)}<<${pick(given)}`, 44);
  if (code === 'V') {
    return [line1, pad(number + checkDigit(number) + pick(states) + birth + checkDigit(birth) + pick(['M', 'F']) + expiry + checkDigit(expiry), 44)];
  }
  const optional = pad(digits(random() < 0.5 ? 0 : 9), 14);
  let line2 = number + checkDigit(number) + pick(states) + birth + checkDigit(birth) + pick(['M', 'F']) + expiry + checkDigit(expiry) + optional + checkDigit(optional);
  line2 += checkDigit(line2.slice(0, 10) + line2.slice(13, 20) + line2.slice(21, 43));
  return [line1, line2];
}

function td2(code) {
  const { birth, expiry } = randomDates();
  const number = 'X' + digits(8);
  const line1 = pad(`${code}<${pick(states)}${pick(surnames)}<<${pick(given)}`, 36);
  let line2 = number + checkDigit(number) + pick(states) + birth + checkDigit(birth) + pick(['M', 'F']) + expiry + checkDigit(expiry);
  if (code === 'V') return [line1, pad(line2, 36)];
  line2 = pad(line2, 35);
  line2 += checkDigit(line2.slice(0, 10) + line2.slice(13, 20) + line2.slice(21, 35));
  return [line1, line2];
}

function td1() {
  const { birth, expiry } = randomDates();
  const number = 'X' + digits(8);
  const line1 = pad(`I<${pick(states)}${number}${checkDigit(number)}`, 30);
  let line2 = pad(birth + checkDigit(birth) + pick(['M', 'F']) + expiry + checkDigit(expiry) + pick(states), 29);
  line2 += checkDigit(line1.slice(5, 30) + line2.slice(0, 7) + line2.slice(8, 15) + line2.slice(18, 29));
  return [line1, line2, pad(`${pick(surnames)}<<${pick(given)}`, 30)];
}

function frenchId() {
  const birth = `${two(40 + Math.floor(random() * 59))}${two(1 + Math.floor(random() * 12))}${two(1 + Math.floor(random() * 28))}`;
  const number = '1205' + '750' + digits(5);
  const line1 = pad(`IDFRA${pick(surnames)}`, 30) + '750123';
  let line2 = number + checkDigit(number) + pad(pick(given).replace('<', '<<'), 14) + birth + checkDigit(birth) + pick(['M', 'F']);
  line2 += checkDigit(line1 + line2);
  return [line1, line2];
}

// Reading errors that make the MRZ invalid. Each returns new lines.
function corrupt(lines, kind) {
  const out = [...lines];
  const last = out.length - 1;
  const bump = (line, column) => {
    const c = out[line][column];
    const next = c >= '0' && c <= '9' ? String((Number(c) + 1) % 10) : '0';
    out[line] = out[line].slice(0, column) + next + out[line].slice(column + 1);
  };
  if (kind === 'check') bump(out.length === 3 ? 0 : 1, out.length === 3 ? 14 : 9);
  if (kind === 'composite') bump(out.length === 3 ? 1 : 1, out[out.length === 3 ? 1 : 1].length - 1);
  if (kind === 'date') {
    // 30 February with its check digit recomputed: only a calendar check catches it.
    const line = out.length === 3 ? 1 : 1;
    const start = out.length === 3 ? 0 : 13;
    const date = out[line].slice(start, start + 2) + '0230';
    out[line] = out[line].slice(0, start) + date + checkDigit(date) + out[line].slice(start + 7);
    fixComposite(out);
  }
  void last;
  return out;
}

function fixComposite(lines) {
  if (lines.length === 3) {
    const l1 = lines[0], l2 = lines[1];
    lines[1] = l2.slice(0, 29) + checkDigit(l1.slice(5, 30) + l2.slice(0, 7) + l2.slice(8, 15) + l2.slice(18, 29));
  } else if (lines[0][0] !== 'V' && lines[0].length === 44) {
    const l2 = lines[1];
    lines[1] = l2.slice(0, 43) + checkDigit(l2.slice(0, 10) + l2.slice(13, 20) + l2.slice(21, 43));
  } else if (lines[0][0] !== 'V' && lines[0].length === 36) {
    const l2 = lines[1];
    lines[1] = l2.slice(0, 35) + checkDigit(l2.slice(0, 10) + l2.slice(13, 20) + l2.slice(21, 35));
  }
}

const documents = [];
const truth = [];
const kinds = [];
for (let i = 0; i < count; i++) {
  const roll = random();
  let lines;
  let kind;
  if (roll < 0.5) { lines = td3('P'); kind = 'TD3'; }
  else if (roll < 0.65) { lines = td1(); kind = 'TD1'; }
  else if (roll < 0.72) { lines = td2('I'); kind = 'TD2'; }
  else if (roll < 0.8) { lines = td3('V'); kind = 'MRV-A'; }
  else if (roll < 0.86) { lines = td2('V'); kind = 'MRV-B'; }
  else { lines = frenchId(); kind = 'FRA-ID'; }
  let valid = true;
  const error = random();
  if (kind !== 'FRA-ID' && error < 0.08) { lines = corrupt(lines, 'check'); valid = false; kind += '+check'; }
  else if (kind !== 'FRA-ID' && kind[0] === 'T' && error < 0.12) { lines = corrupt(lines, 'composite'); valid = false; kind += '+composite'; }
  else if (kind !== 'FRA-ID' && error < 0.16) { lines = corrupt(lines, 'date'); valid = false; kind += '+date'; }
  documents.push(lines.join('\n'));
  truth.push({ valid, kind });
  kinds.push(kind);
}
writeFileSync(`${outDir}/inputs.txt`, documents.join('\n\n') + '\n');
writeFileSync(`${outDir}/truth.json`, JSON.stringify(truth));
console.error(`wrote ${count} documents to ${outDir}/inputs.txt`);
