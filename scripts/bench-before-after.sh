#!/usr/bin/env bash
# Criterion before and after: an earlier commit against this checkout, interleaved in the
# same minutes (before, after, before, after), on the same input.
#
# Usage: scripts/bench-before-after.sh [COMMIT]      (default 151513c, the base of the re-lay)
#        ROUNDS=3 BASE_DIR=/tmp/pacte-base scripts/bench-before-after.sh 151513c
#
# The earlier commit is checked out as a detached worktree (BASE_DIR, default
# target/bench-base) with its own target folder, and its benches adapted there, never
# committed: no global allocator in benches/render.rs (this checkout's benches use the
# system allocator). Both trees must be built first (`cargo bench --no-run` in each; the
# script does it) so that the builds do not share the processors with the measurements.
#
# What is timed, in both trees:
#   vaucluse-2017-2020/render    render_pdf of the Vaucluse pact to PDF bytes, empty caches
#   vaucluse-2017-2020/layout    its layout stage alone, and /write, the PDF writer alone
#   batch_101_departements/1_threads  the national template for the 101 départements,
#                                resolved, rendered and written, on one thread
# The render bench reads fixtures/vaucluse-2017-2020.json from its own tree; the earlier
# commit may not read today's file (new keys), so this checkout's copy is swapped for the
# earlier one while "after" runs (restored on exit): the same pact on both sides.
# Output that changed on purpose since (tags, typography) is part of what "after" does.
set -euo pipefail
cd "$(dirname "$0")/.."
HERE=$(pwd)
COMMIT=${1:-151513c}
ROUNDS=${ROUNDS:-2}
BASE_DIR=${BASE_DIR:-$HERE/target/bench-base}
RENDER_FILTER='vaucluse-2017-2020/(render|layout|write)$'
BATCH_FILTER='batch_101_departements/1_threads'
FIXTURE=fixtures/vaucluse-2017-2020.json

if [ ! -e "$BASE_DIR/.git" ]; then
    git worktree add --detach "$BASE_DIR" "$COMMIT"
    sed -i '/^#\[global_allocator\]/,+1d' "$BASE_DIR/benches/render.rs"
fi
(cd "$BASE_DIR" && CARGO_TARGET_DIR="$BASE_DIR/target" cargo bench --bench render --bench batch --no-run)
cargo bench --bench render --bench batch --no-run

restore() { git -C "$HERE" checkout -- "$FIXTURE"; }
trap restore EXIT
run() { # $1 = label, $2 = tree
    echo "== $1 ($(git -C "$2" rev-parse --short HEAD)), load: $(cut -d' ' -f1-3 /proc/loadavg)"
    if [ "$1" = after ]; then cp "$BASE_DIR/$FIXTURE" "$HERE/$FIXTURE"; fi
    (cd "$2" && CARGO_TARGET_DIR="$2/target" cargo bench --bench render -- "$RENDER_FILTER" 2>&1 \
        | grep -E '^vaucluse|time:')
    (cd "$2" && CARGO_TARGET_DIR="$2/target" cargo bench --bench batch -- "$BATCH_FILTER" 2>&1 \
        | grep -E '^batch|time:')
    if [ "$1" = after ]; then restore; fi
}
for _ in $(seq "$ROUNDS"); do
    run before "$BASE_DIR"
    run after "$HERE"
done
echo "== done, load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "(remove the earlier tree with: git worktree remove --force $BASE_DIR)"
