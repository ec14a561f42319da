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

# Bad options exit 1 with a message on stderr.
set +e
"$limen" mrz --today 2026-02-30 </dev/null 2>/dev/null
code=$?
set -e
[ "$code" -eq 1 ] || fail "a bad --today should exit 1, got $code"
echo "mrz_cli_test: ok"
