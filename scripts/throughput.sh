#!/usr/bin/env bash
# Whole-CLI throughput and peak memory on a real corpus.
#
#   scripts/throughput.sh [CORPUS_DIR] [COPIES]
#
# Defaults: ../shared/corpora/bbc, 1 copy. With COPIES > 1 the corpus is copied that many times
# into a temporary folder first (100 copies of BBC: about 500 MB, 222,500 files). Prints the
# run's own summary line (articles, MB, seconds, MB/s) and the peak RSS from /usr/bin/time.
set -euo pipefail
corpus="${1:-../shared/corpora/bbc}"
copies="${2:-1}"
cargo build --release --quiet
bin="$(pwd)/target/release/newsrake"
work="$(mktemp -d)"; out="$(mktemp -d)"; log="$(mktemp)"; trap 'rm -rf "$work" "$out" "$log"' EXIT
src="$corpus"
if [ "$copies" -gt 1 ]; then
  for i in $(seq -w 1 "$copies"); do cp -r "$corpus" "$work/copy$i"; done
  src="$work"
fi
# Warm the page cache so the run measures newsrake, not the disk.
find "$src" -type f -exec cat {} + > /dev/null
if [ -x /usr/bin/time ]; then
  NEWSRAKE_TIMING=1 /usr/bin/time -v "$bin" "$src" -o "$out" 2> "$log" || true
  grep -E "^(newsrake:|comparison:)" "$log" || true
  grep -E 'Maximum resident set size' "$log" | sed 's/^\s*/peak RSS: /'
else
  "$bin" "$src" -o "$out"
fi
