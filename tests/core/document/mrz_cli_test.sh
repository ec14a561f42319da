#!/usr/bin/env bash
# End-to-end test of `limen mrz`: JSON Lines out, blank-line separated input, errors as JSON,
# --generate round trip, exit codes. Usage: mrz_cli_test.sh path/to/limen
set -euo pipefail
limen="$1"
fail() { echo "FAIL: $*" >&2; exit 1; }

input='p<utoeriksson<<anna<maria<<<<<<<<<<<<<<<<<<<
L898902C36UTO7408122F1204159ZE184226B<<<<<10


I<UTOD231458907<<<<<<<<<<<<<<<
7408122F1204159UTO<<<<<<<<<<<6
ERIKSSON<<ANNA<MARIA<<<<<<<<<<
'
out=$(printf '%s' "$input" | "$limen" mrz --today 2026-11-26)
[ "$(printf '%s\n' "$out" | wc -l)" -eq 2 ] || fail "expected 2 JSON lines, got: $out"
line1=$(printf '%s\n' "$out" | sed -n 1p)
line2=$(printf '%s\n' "$out" | sed -n 2p)
[[ $line1 == *'"format":"TD3"'* ]] || fail "first document is not TD3: $line1"
[[ $line1 == *'"mrz_valid":true'* ]] || fail "first document should have a valid MRZ"
[[ $line1 == *'"code":"DOCUMENT_EXPIRED"'* ]] || fail "first document should be expired"
[[ $line2 == *'"format":"TD1"'* ]] || fail "second document is not TD1: $line2"

# A malformed document gives an error line and exit code 2.
set +e
bad=$(printf 'P<UTOERIKSSON\n' | "$limen" mrz --today 2026-11-26)
code=$?
set -e
[ "$code" -eq 2 ] || fail "malformed input should exit 2, got $code"
[[ $bad == *'"code":"MRZ_SHAPE"'* ]] || fail "malformed input should report MRZ_SHAPE: $bad"

# --generate --mrz-only output parses back to the same document.
data='{"format":"TD2","issuing_state":"UTO","primary_identifier":"Eriksson","secondary_identifier":"Anna María","document_number":"D23145890","nationality":"UTO","birth_date":"1974-08-12","sex":"F","expiry_date":"2012-04-15"}'
mrz=$(printf '%s' "$data" | "$limen" mrz --generate --mrz-only)
[ "$(printf '%s\n' "$mrz" | sed -n 2p)" = "D231458907UTO7408122F1204159<<<<<<<6" ] ||
  fail "generated TD2 line 2 differs: $mrz"
back=$(printf '%s\n' "$mrz" | "$limen" mrz --today 2026-11-26)
[[ $back == *'"mrz_valid":true'* ]] || fail "generated MRZ does not parse back as valid"

# Many documents in one file (more output than one write takes), with a malformed one in the
# middle: one line per document, in input order, the error line in its place.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
specimen='P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<
L898902C36UTO7408122F1204159ZE184226B<<<<<10'
for ((i = 1; i <= 120; i++)); do
  if ((i == 61)); then printf 'P<UTOERIKSSON\n\n'; else printf '%s\n\n' "$specimen"; fi
done > "$work/many.txt"
set +e
"$limen" mrz --today 2026-11-26 "$work/many.txt" > "$work/many.jsonl"
code=$?
set -e
[ "$code" -eq 2 ] || fail "a malformed document among many should exit 2, got $code"
[ "$(wc -l < "$work/many.jsonl")" -eq 120 ] || fail "expected 120 lines for 120 documents"
[ "$(wc -c < "$work/many.jsonl")" -gt 131072 ] || fail "the output should span several writes"
[[ $(sed -n 61p "$work/many.jsonl") == *'"code":"MRZ_SHAPE"'* ]] || fail "line 61 should be the error"
[ "$(grep -c '"format":"TD3"' "$work/many.jsonl")" -eq 119 ] || fail "119 lines should be reports"
[ "$(sed -n 1p "$work/many.jsonl")" = "$(sed -n 120p "$work/many.jsonl")" ] ||
  fail "the same document should give the same line wherever it is"
# The same documents through stdin ('-') give the same lines.
set +e
"$limen" mrz --today 2026-11-26 - < "$work/many.txt" > "$work/stdin.jsonl"
set -e
cmp -s "$work/stdin.jsonl" "$work/many.jsonl" || fail "stdin and file input should give the same output"

# --unrecognised-state takes one code per occurrence: a file named after it is read as input.
kosovo=$(printf '%s' '{"issuing_state":"RKS","primary_identifier":"Krasniqi","document_number":"P01234567","nationality":"RKS","birth_date":"1990-01-01","sex":"M","expiry_date":"2030-01-01"}' |
  "$limen" mrz --generate --mrz-only)
printf '%s\n' "$kosovo" > "$work/kosovo.txt"
out=$("$limen" mrz --today 2026-11-26 --unrecognised-state RKS "$work/kosovo.txt" < /dev/null)
[[ $out == *'"code":"ISSUING_STATE_NOT_RECOGNISED"'* ]] ||
  fail "the file after --unrecognised-state RKS should be read: $out"

# Bad options exit 1 with a message on stderr.
set +e
"$limen" mrz --today 2026-02-30 </dev/null 2>/dev/null
code=$?
set -e
[ "$code" -eq 1 ] || fail "a bad --today should exit 1, got $code"
echo "mrz_cli_test: ok"
