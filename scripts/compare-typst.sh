#!/usr/bin/env bash
# pacte against Typst 0.15 on the same pact, side by side in one run.
#
# Usage: scripts/compare-typst.sh [PACT.json]     (default: fixtures/vaucluse-2017-2020.json)
#        RUNS=30 scripts/compare-typst.sh         (hyperfine runs per command, default 20)
#        PACTE=path/to/pacte scripts/compare-typst.sh   (another pacte binary, e.g. a static
#                                                 build: README, "Install")
#
# 1. Writes the pact as a Typst document (scripts/pact-to-typst.py) in target/typst-compare/.
# 2. hyperfine, in one invocation, times three whole processes:
#      pacte:   $PACTE (target/release/pacte) render PACT -o target/typst-compare/pacte.pdf
#      typst:   python -c 'import typst; typst.compile(...)'  (the .typ to PDF/A-2a + PDF/UA-1,
#               the standards pacte writes; fonts from fonts/ only, no system font)
#      python:  python -c 'import typst'  (the interpreter's start-up and the import alone)
#    and prints Typst's compile alone as typst − python, and the ratios to pacte.
# 3. Times typst.compile inside one Python process (time.perf_counter): the first compile,
#    then warm ones (Typst keeps memoised results between compiles in a process).
# 4. Peak memory of each whole process (/usr/bin/time -v), the PDFs' sizes, pages, and
#    whether they are tagged (pdfinfo) and declare PDF/UA (their XMP).
#
# Typst 0.15 is a measuring tool here, not a test dependency: it lives in its own virtual
# environment, target/venv-typst (with markdown-it-py for the converter), installed on the
# first run, as is hyperfine (apt-get). The machine's load is printed before and after:
# on a shared machine, compare only figures taken in the same run.
set -euo pipefail
cd "$(dirname "$0")/.."

PACT=${1:-fixtures/vaucluse-2017-2020.json}
RUNS=${RUNS:-20}
OUT=target/typst-compare
VENV=target/venv-typst
PY=$VENV/bin/python
mkdir -p "$OUT"

if ! "$PY" -c 'import typst, markdown_it' 2>/dev/null; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet typst==0.15.0 markdown-it-py==4.3.0
fi
if ! command -v hyperfine >/dev/null; then
    apt-get install -y hyperfine >/dev/null || sudo apt-get install -y hyperfine >/dev/null
fi
command -v pdfinfo >/dev/null || apt-get install -y poppler-utils >/dev/null
PACTE=${PACTE:-target/release/pacte}
[ -x "$PACTE" ] || cargo build --release --quiet   # rebuild it yourself after a change

"$PY" scripts/pact-to-typst.py "$PACT" "$OUT/pact.typ"
FONTS=$(pwd)/fonts
COMPILE="typst.compile('$OUT/pact.typ', output='$OUT/typst.pdf', font_paths=['$FONTS'], ignore_system_fonts=True, pdf_standards=['a-2a', 'ua-1'])"
PACTE_CMD="$PACTE render $PACT -o $OUT/pacte.pdf"
TYPST_CMD="$PY -c \"import typst; $COMPILE\""
IMPORT_CMD="$PY -c \"import typst\""

echo "== machine: $(nproc) cores; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== typst $("$PY" -c 'import importlib.metadata as m; print(m.version("typst"))'), $("$PACTE" --version 2>/dev/null || echo pacte)"
hyperfine -N --warmup 3 --runs "$RUNS" --export-json "$OUT/hyperfine.json" \
    -n pacte "$PACTE_CMD" -n typst "$TYPST_CMD" -n python-import "$IMPORT_CMD"
echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)"

"$PY" - "$OUT/hyperfine.json" <<'EOF'
import json, statistics, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
ms = lambda name, f: 1000 * f(r[name]["times"])
for f, label in ((statistics.mean, "mean"), (statistics.median, "median")):
    pacte, typst, imp = (ms(n, f) for n in ("pacte", "typst", "python-import"))
    print(f"{label:6}: pacte {pacte:7.1f} ms | typst whole process {typst:7.1f} ms"
          f" ({typst / pacte:5.1f}x pacte) | python + import {imp:6.1f} ms"
          f" | typst compile alone (typst - import) {typst - imp:7.1f} ms ({(typst - imp) / pacte:5.1f}x pacte)")
EOF

echo "== typst.compile in one process (time.perf_counter): first, then warm"
"$PY" - <<EOF
import statistics, time
import typst
times = []
for _ in range(8):
    t = time.perf_counter()
    $COMPILE
    times.append(1000 * (time.perf_counter() - t))
warm = times[1:]
print(f"first {times[0]:.0f} ms; warm (7): min {min(warm):.0f} ms, median {statistics.median(warm):.0f} ms")
EOF

echo "== peak memory (/usr/bin/time -v, maximum resident set size)"
for name in pacte typst; do
    if [ $name = pacte ]; then cmd=$PACTE_CMD; else cmd=$TYPST_CMD; fi
    kb=$( { eval "/usr/bin/time -v $cmd" >/dev/null; } 2>&1 | awk -F': ' '/Maximum resident/ {print $2}')
    echo "$name: $((kb / 1024)) MB"
done

echo "== the PDFs"
for f in "$OUT/pacte.pdf" "$OUT/typst.pdf"; do
    info=$(pdfinfo "$f" 2>/dev/null)
    xmp=$(pdfinfo -meta "$f" 2>/dev/null | tr -d '\n')
    std=$(sed -nE 's/.*pdfaid:part>([0-9]).*pdfaid:conformance>([A-Za-z]).*/PDF\/A-\1\2 /p' <<<"$xmp")
    std+=$(sed -nE 's/.*pdfuaid:part>([0-9]).*/PDF\/UA-\1/p' <<<"$xmp")
    printf '%-28s %7d bytes (%3d KB), %s pages, tagged: %s, declares: %s\n' "$f" \
        "$(stat -c %s "$f")" $(( $(stat -c %s "$f") / 1000 )) \
        "$(awk '/^Pages:/ {print $2}' <<<"$info")" "$(awk '/^Tagged:/ {print $2}' <<<"$info")" \
        "${std:-none}"
done
