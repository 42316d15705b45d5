#!/usr/bin/env bash
# The same guide made the way people make it today and with guidepress, on this machine, in
# this run: Pandoc 3 (pypandoc-binary) for Markdown → EPUB, Markdown → Typst and Markdown →
# plain text, and the Typst Python package for Typst → PDF, one after another; then
# `guidepress build --force` (PDF, EPUB, text cards and card sheet) from the same content.
#
# Usage: benches/compare.sh [SIZE...]   SIZE is `shipped` (source/guide.toml) or a number of
# organizations for a synthetic guide; default: shipped 5 100 1000. 10000 takes minutes and
# several GiB for the chain alone.
#
# Every command is timed by the benchmark binary (`pipeline time`): wall time from start to
# exit, median of the runs, and the child's peak resident memory from the kernel. Results go
# to standard output and to target/bench/compare.json.
set -euo pipefail
cd "$(dirname "$0")/.."

sizes=("$@")
if [ ${#sizes[@]} -eq 0 ]; then
    sizes=(shipped 5 100 1000)
fi

if ! python3 -c "import pypandoc, typst" 2>/dev/null; then
    echo "--- installing pypandoc-binary and typst (Python)" >&2
    python3 -m pip install --quiet --disable-pip-version-check pypandoc-binary typst
fi
# The interpreter itself, not a version manager's shim, so that its start-up is the chain's own.
PYTHON=$(python3 -c "import sys; print(sys.executable)")
PANDOC=$("$PYTHON" -c "import pypandoc; print(pypandoc.get_pandoc_path())")
TYPST_PY=$("$PYTHON" -c "import importlib.metadata as m; print(m.version('typst'))")
PANDOC_VERSION=$("$PANDOC" --version | head -1)

echo "--- building guidepress and the benchmark (release)" >&2
BENCH=$(cargo bench --bench pipeline --no-run --message-format=json 2>/dev/null |
    "$PYTHON" -c "
import json, sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get('reason') == 'compiler-artifact' and m['target']['name'] == 'pipeline' and m.get('executable'):
        print(m['executable'])")
GUIDEPRESS=target/release/guidepress
WORK=target/bench/compare
mkdir -p "$WORK"

# Prints "<median ms> <peak MiB>" for RUNS runs of the command after `--`.
timed() {
    "$BENCH" time --runs "$RUNS" -- "$@"
}

rows=()
printf '\n%s; Typst (Python) %s; %s\n' "$PANDOC_VERSION" "$TYPST_PY" "$(nproc) CPUs, load $(cut -d' ' -f1 /proc/loadavg)"
printf '\n%8s %9s %9s %9s %9s %10s %9s %10s %9s %7s\n' \
    guide "→ epub" "→ typst" "→ pdf" "→ text" "chain ms" "chain MiB" guidepress "gp MiB" ratio
for size in "${sizes[@]}"; do
    dir=$("$BENCH" generate --size "$size" --dir "$WORK")
    orgs=$(grep -c '^\[\[organization\]\]' "$dir/guide.toml")
    if [ "$orgs" -le 100 ]; then RUNS=5; elif [ "$orgs" -le 1000 ]; then RUNS=3; else RUNS=1; fi
    echo "--- $size ($orgs organizations), $RUNS runs each" >&2
    read -r epub_ms epub_mib < <(timed "$PANDOC" "$dir/guide.md" -o "$dir/chain.epub")
    read -r typ_ms typ_mib < <(timed "$PANDOC" "$dir/guide.md" -s -t typst -o "$dir/chain.typ")
    read -r pdf_ms pdf_mib < <(timed "$PYTHON" -c \
        'import sys, typst; typst.compile(sys.argv[1], output=sys.argv[2])' "$dir/chain.typ" "$dir/chain.pdf")
    read -r text_ms text_mib < <(timed "$PANDOC" "$dir/guide.md" -t plain -o "$dir/chain.txt")
    read -r gp_ms gp_mib < <(timed "$GUIDEPRESS" build --force --source "$dir/guide.toml" \
        --templates templates --out "$dir/out-guidepress")
    row=$(awk -v s="$size" -v e="$epub_ms" -v t="$typ_ms" -v p="$pdf_ms" -v x="$text_ms" \
        -v em="$epub_mib" -v tm="$typ_mib" -v pm="$pdf_mib" -v xm="$text_mib" -v g="$gp_ms" -v gm="$gp_mib" 'BEGIN {
        chain = e + t + p + x
        peak = em; if (tm > peak) peak = tm; if (pm > peak) peak = pm; if (xm > peak) peak = xm
        printf "%8s %9.1f %9.1f %9.1f %9.1f %10.1f %9.0f %10.1f %9.0f %6.1fx", s, e, t, p, x, chain, peak, g, gm, chain / g
    }')
    echo "$row"
    rows+=("$(awk -v s="$size" -v n="$orgs" -v r="$RUNS" -v e="$epub_ms" -v t="$typ_ms" -v p="$pdf_ms" \
        -v x="$text_ms" -v em="$epub_mib" -v tm="$typ_mib" -v pm="$pdf_mib" -v xm="$text_mib" \
        -v g="$gp_ms" -v gm="$gp_mib" 'BEGIN {
        chain = e + t + p + x
        peak = em; if (tm > peak) peak = tm; if (pm > peak) peak = pm; if (xm > peak) peak = xm
        printf "{\"guide\": \"%s\", \"organizations\": %d, \"runs\": %d, \"chain_ms\": {\"epub\": %.1f, \"typst\": %.1f, \"pdf\": %.1f, \"text\": %.1f, \"total\": %.1f}, \"chain_peak_mib\": %.1f, \"guidepress_ms\": %.1f, \"guidepress_peak_mib\": %.1f, \"ratio\": %.2f}", s, n, r, e, t, p, x, chain, peak, g, gm, chain / g
    }')")
done
echo
echo "chain = the four steps one after another (ms, median); ratio = chain ÷ guidepress full build"

{
    printf '{\n  "date": "%s",\n  "machine": "%s, %s CPUs",\n  "load_average_end": %s,\n' \
        "$(date -u '+%Y-%m-%d %H:%M UTC')" "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')" \
        "$(nproc)" "$(cut -d' ' -f1 /proc/loadavg)"
    printf '  "pandoc": "%s",\n  "typst_python": "%s",\n  "sizes": [\n    ' "$PANDOC_VERSION" "$TYPST_PY"
    (IFS=$'\n'; echo "${rows[*]}" | sed '$!s/$/,/' | sed '2,$s/^/    /')
    printf '  ]\n}\n'
} > target/bench/compare.json
echo "written: target/bench/compare.json"
