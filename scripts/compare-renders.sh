#!/usr/bin/env bash
# Renders both fixtures and the national template for all 101 départements with two `pacte`
# binaries and compares the files byte for byte (`cmp`). Use it to check that a change meant
# to keep the output (a refactoring) keeps it:
#
#   git stash; cargo build --release; cp target/release/pacte /tmp/pacte-before; git stash pop
#   cargo build --release; scripts/compare-renders.sh /tmp/pacte-before target/release/pacte
set -euo pipefail
cd "$(dirname "$0")/.."
before=$1 after=$2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for bin in before after; do
  exe=${!bin}
  mkdir -p "$out/$bin"
  for f in fixtures/vaucluse-2017-2020.json fixtures/allier-2018-2021.json; do
    "$exe" render "$f" -o "$out/$bin/$(basename "$f" .json).pdf"
  done
  "$exe" batch --template fixtures/modele-national.json --departements all \
    --out-dir "$out/$bin/national" >/dev/null
done
diff -r "$out/before" "$out/after" && echo "identical: $(find "$out/after" -name '*.pdf' | wc -l) files"
