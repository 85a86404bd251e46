#!/usr/bin/env bash
# Linear time on hostile input: instruction counts (callgrind) of the release binary on each
# hostile input at size N and 4N, and the ratio (about 4 when linear, 16 when quadratic): a line
# of words, straight quotation marks, digits and slashes glued and spaced, capitalised words,
# nested HTML, a deeply nested JSON document, a long JSONL line. The test suite does the same at
# small sizes (tests/adversarial.rs, time_grows_linearly_in_instructions).
#
#   scripts/adversarial.sh [N]      N: words per input at the small size (default 20000)
#
# Needs valgrind. Instruction counts are stable on a shared machine; wall time is not.
set -euo pipefail
n="${1:-20000}"
cargo build --release --quiet
bin="$(pwd)/target/release/newsrake"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT

# gen KIND COUNT: COUNT pseudo-random items of the kind, on one line.
gen() {
  awk -v kind="$1" -v n="$2" 'BEGIN {
    srand(7);
    split("the plant will close and workers said it was a day of", plain, " ");
    split("said the \" plant \" close", quotes, " ");
    split("1 2/ 3 / 12 2025/", glued, " ");
    split("1/2 2025 3/4/ 12 / June", spaced, " ");
    split("Kestrel Halvorsen Marine Group Norton Alpha", caps, " ");
    for (i = 0; i < n; i++) {
      r = int(rand() * 1000);
      if (kind == "words")  { w = plain[r % 12 + 1];  sep = " " }
      if (kind == "quotes") { w = quotes[r % 6 + 1];  sep = " " }
      if (kind == "glued")  { w = glued[r % 6 + 1];   sep = "" }
      if (kind == "spaced") { w = spaced[r % 6 + 1];  sep = " " }
      if (kind == "caps")   { w = caps[r % 6 + 1];    sep = " " }
      printf "%s%s", (i ? sep : ""), w;
    }
    print "";
  }'
}

# nested COUNT: COUNT nested elements of HTML.
nested() { printf '<html><body>'; awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++) printf "<div>" }'; echo text; }
# deepjson COUNT: a JSON document nested COUNT deep.
deepjson() { awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++) printf "["; for (i = 0; i < n; i++) printf "]"; print "" }'; }
# jsonl COUNT: one JSONL line whose text is COUNT words.
jsonl() { printf '{"id":"x","published":"2025-03-14","text":"'; gen words "$1" | tr -d '\n'; echo '"}'; }

instructions() {
  local dir="$1"
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" "$dir" -o "$dir.out" --quiet 2>&1 \
    | awk '/Collected/ { print $4 }' || true
}

printf '%-8s %12s %16s %12s %16s %6s\n' input bytes_N instructions_N bytes_4N instructions_4N ratio
for kind in ${KINDS:-words quotes glued spaced caps nested deepjson jsonl}; do
  declare -a sizes=() counts=()
  for k in 1 4; do
    dir="$work/$kind$k"; mkdir -p "$dir"
    case "$kind" in
      nested) nested $((n * 50 * k)) > "$dir/deep.html" ;;
      deepjson) deepjson $((n * 5 * k)) > "$dir/deep.json" ;;
      jsonl) jsonl $((n * 10 * k)) > "$dir/long.jsonl" ;;
      *) gen "$kind" $((n * k)) > "$dir/$kind.txt" ;;
    esac
    sizes+=("$(du -sb "$dir" | cut -f1)")
    counts+=("$(instructions "$dir")")
  done
  ratio=$(awk -v a="${counts[0]}" -v b="${counts[1]}" 'BEGIN { printf "%.2f", b / a }')
  printf '%-8s %12s %16s %12s %16s %6s\n' "$kind" "${sizes[0]}" "${counts[0]}" "${sizes[1]}" "${counts[1]}" "$ratio"
done
