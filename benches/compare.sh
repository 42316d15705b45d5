#!/usr/bin/env bash
# The same guide made the way people make it today and with guidepress, on this machine, in
# this run: Pandoc 3 (pypandoc-binary) for Markdown → EPUB, Markdown → Typst and Markdown →
# plain text, and the Typst Python package for Typst → PDF, one after another; then
# `guidepress build --force` (every default format) from the same content. Then the rest of
# issue 19's table: growth from 1,000 to 10,000 organizations, the no-op rebuild, and the
# cold build (`cargo run --release -- build` with an empty CARGO_TARGET_DIR, then
# `cargo test --release --no-run` in it, counting the crates it compiles again).
#
# Usage: benches/compare.sh [--no-cold] [SIZE...]   SIZE is `shipped` (source/guide.toml) or
# a number of organizations for a synthetic guide (the benchmark's statewide directory: 20
# sections, two paragraphs, three services, a phone and a web address each, fifty 4-contact
# wallet cards); default: shipped 1000 10000. 10000 takes minutes and several GiB; the cold
# build takes 10–20 minutes (`--no-cold` leaves it out).
#
# Every command is timed by the benchmark binary (`pipeline time`): wall time from start to
# exit, median of the runs, the child's peak resident memory from the kernel and its CPU
# time (user + system, which other work on the machine disturbs much less than the wall).
# Results go to standard output and to target/bench/compare.json. COMPARE_RUNS=N sets the
# runs of every command (by default 5 up to 100 organizations, 3 up to 1,000, then 1).
set -euo pipefail
cd "$(dirname "$0")/.."
source benches/common.sh

cold=1
sizes=()
for arg in "$@"; do
    case "$arg" in
        --no-cold) cold=0 ;;
        *) sizes+=("$arg") ;;
    esac
done
if [ ${#sizes[@]} -eq 0 ]; then
    sizes=(shipped 1000 10000)
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
BENCH=$(bench_binary)
GUIDEPRESS=target/release/guidepress
WORK=target/bench/compare
mkdir -p "$WORK"

# Prints "<median ms> <peak MiB> <median CPU ms>" for RUNS runs of the command after `--`.
timed() {
    "$BENCH" time --runs "$RUNS" -- "$@"
}

rows=()
declare -A gp_ms gp_mib gp_cpu chain_ms chain_mib ratio noop_ms
printf '\n%s; Typst (Python) %s; %s\n' "$PANDOC_VERSION" "$TYPST_PY" "$(nproc) CPUs, load $(cut -d' ' -f1 /proc/loadavg)"
printf '\n%8s %9s %9s %9s %9s %10s %9s %10s %9s %9s %7s\n' \
    guide "→ epub" "→ typst" "→ pdf" "→ text" "chain ms" "chain MiB" guidepress "gp MiB" "gp CPU" ratio
for size in "${sizes[@]}"; do
    dir=$("$BENCH" generate --size "$size" --dir "$WORK")
    orgs=$(grep -c '^\[\[organization\]\]' "$dir/guide.toml")
    if [ "$orgs" -le 100 ]; then RUNS=5; elif [ "$orgs" -le 1000 ]; then RUNS=3; else RUNS=1; fi
    RUNS=${COMPARE_RUNS:-$RUNS}
    echo "--- $size ($orgs organizations), $RUNS runs each" >&2
    read -r epub_ms epub_mib _ < <(timed "$PANDOC" "$dir/guide.md" -o "$dir/chain.epub")
    read -r typ_ms typ_mib _ < <(timed "$PANDOC" "$dir/guide.md" -s -t typst -o "$dir/chain.typ")
    read -r pdf_ms pdf_mib _ < <(timed "$PYTHON" -c \
        'import sys, typst; typst.compile(sys.argv[1], output=sys.argv[2])' "$dir/chain.typ" "$dir/chain.pdf")
    read -r text_ms text_mib _ < <(timed "$PANDOC" "$dir/guide.md" -t plain -o "$dir/chain.txt")
    build=("$GUIDEPRESS" build --source "$dir/guide.toml" --templates templates --out "$dir/out-guidepress")
    # A guide past the pamphlet's memory budget is refused; the row says so.
    if gp=$(timed "${build[@]}" --force 2>"$dir/guidepress.log"); then
        read -r g gm gc <<<"$gp"
        read -r noop _ _ < <(timed "${build[@]}")
    else
        g=nan gm=nan gc=nan noop=nan
        echo "guidepress refused $size: $(grep -m1 'error' "$dir/guidepress.log")" >&2
    fi
    row=$(awk -v s="$size" -v e="$epub_ms" -v t="$typ_ms" -v p="$pdf_ms" -v x="$text_ms" \
        -v em="$epub_mib" -v tm="$typ_mib" -v pm="$pdf_mib" -v xm="$text_mib" -v g="$g" -v gm="$gm" -v gc="$gc" 'BEGIN {
        chain = e + t + p + x
        peak = em; if (tm > peak) peak = tm; if (pm > peak) peak = pm; if (xm > peak) peak = xm
        if (g == "nan") printf "%8s %9.1f %9.1f %9.1f %9.1f %10.1f %9.0f %10s %9s %9s %7s", s, e, t, p, x, chain, peak, "refused", "-", "-", "nan"
        else printf "%8s %9.1f %9.1f %9.1f %9.1f %10.1f %9.0f %10.1f %9.0f %9.1f %6.1fx", s, e, t, p, x, chain, peak, g, gm, gc, chain / g
    }')
    echo "$row"
    read -r _ _ _ _ _ c cm _ _ _ r <<<"$row"
    gp_ms[$size]=$g gp_mib[$size]=$gm gp_cpu[$size]=$gc chain_ms[$size]=$c chain_mib[$size]=$cm
    ratio[$size]=${r%x} noop_ms[$size]=$noop
    rows+=("$(awk -v s="$size" -v n="$orgs" -v r="$RUNS" -v e="$epub_ms" -v t="$typ_ms" -v p="$pdf_ms" \
        -v x="$text_ms" -v em="$epub_mib" -v tm="$typ_mib" -v pm="$pdf_mib" -v xm="$text_mib" \
        -v g="$g" -v gm="$gm" -v gc="$gc" -v no="$noop" 'BEGIN {
        chain = e + t + p + x
        peak = em; if (tm > peak) peak = tm; if (pm > peak) peak = pm; if (xm > peak) peak = xm
        q = (g == "nan") ? "nan" : sprintf("%.2f", chain / g)
        printf "{\"guide\": \"%s\", \"organizations\": %d, \"runs\": %d, \"chain_ms\": {\"epub\": %.1f, \"typst\": %.1f, \"pdf\": %.1f, \"text\": %.1f, \"total\": %.1f}, \"chain_peak_mib\": %.1f, \"guidepress_ms\": %s, \"guidepress_cpu_ms\": %s, \"guidepress_peak_mib\": %s, \"noop_ms\": %s, \"ratio\": %s}", s, n, r, e, t, p, x, chain, peak, g, gc, gm, no, q
    }' | sed 's/-\?nan/null/g')")
done
echo
echo "chain = the four steps one after another (ms, median); ratio = chain ÷ guidepress full build"

# The cold build: what a newcomer waits for on a fresh clone (crates already downloaded).
cold_ms=nan test_ms=nan rebuilt=nan added=nan
if [ "$cold" = 1 ]; then
    cold_dir=$(mktemp -d)
    echo "--- cold build in $cold_dir (10–20 minutes)" >&2
    started=$(date +%s%N)
    # The compiler's messages (one JSON object a line) name every crate the build compiled;
    # the guide build's own report goes to the same stream and is skipped when read.
    CARGO_TARGET_DIR=$cold_dir cargo run --release --quiet --message-format=json -- build \
        --out "$cold_dir/output" >"$WORK/cold.json" 2>"$WORK/cold.log"
    cold_ms=$(( ($(date +%s%N) - started) / 1000000 ))
    started=$(date +%s%N)
    CARGO_TARGET_DIR=$cold_dir cargo test --release --no-run --message-format=json \
        >"$WORK/test-build.json" 2>/dev/null
    test_ms=$(( ($(date +%s%N) - started) / 1000000 ))
    # A dependency the test build compiles is either compiled again (one the cold build had
    # already compiled: its features differ) or the tests' own (compiled for the first time).
    read -r rebuilt added < <("$PYTHON" - "$WORK/cold.json" "$WORK/test-build.json" <<'PY'
import json, sys
def compiled(path):
    found = set()
    for line in open(path):
        try:
            m = json.loads(line)
        except ValueError:
            continue
        # guidepress itself is a path package; every other package is a dependency.
        if m.get('reason') == 'compiler-artifact' and not m.get('fresh') \
                and not m['package_id'].startswith('path+'):
            found.add(m['package_id'])
    return found
cold, test = compiled(sys.argv[1]), compiled(sys.argv[2])
print(len(test & cold), len(test - cold))
PY
)
    rm -rf "$cold_dir"
fi

# Issue 19's table, from this run.
at() { local v=${1:-nan}; echo "$v"; }
awk -v sr="$(at "${ratio[shipped]:-}")" -v kr="$(at "${ratio[1000]:-}")" \
    -v tm="$(at "${gp_ms[10000]:-}")" -v tc="$(at "${gp_cpu[10000]:-}")" -v tb="$(at "${gp_mib[10000]:-}")" \
    -v cm="$(at "${chain_ms[10000]:-}")" -v cb="$(at "${chain_mib[10000]:-}")" \
    -v km="$(at "${gp_ms[1000]:-}")" -v kc="$(at "${gp_cpu[1000]:-}")" \
    -v no="$(at "${noop_ms[shipped]:-}")" -v nk="$(at "${noop_ms[1000]:-}")" \
    -v cold="$cold_ms" -v test="$test_ms" -v rebuilt="$rebuilt" -v added="$added" 'BEGIN {
    print ""
    print "| | this run | goal |"
    print "|---|---|---|"
    printf "| shipped guide, full build vs the chain | %.1f× faster | ≥ 10× |\n", sr
    printf "| 1,000 organizations, full build vs the chain | %.1f× faster | ≥ 6× |\n", kr
    if (cm == "nan") print "| 10,000 organizations, full build | not measured in this run | ≤ 15 s, ≤ 3,072 MiB |"
    else if (tm == "nan") printf "| 10,000 organizations, full build | refused (past the pamphlet budget); the chain: %.1f s, %.0f MiB | ≤ 15 s, ≤ 3,072 MiB |\n", cm / 1000, cb
    else printf "| 10,000 organizations, full build | %.1f s (%.1f s CPU), %.0f MiB peak; the chain: %.1f s, %.0f MiB | ≤ 15 s, ≤ 3,072 MiB |\n", tm / 1000, tc / 1000, tb, cm / 1000, cb
    if (tm == "nan" || km == "nan") print "| growth 1k → 10k | not measured (10,000 not built) | ≤ 10× |"
    else printf "| growth 1k → 10k | %.1f× wall, %.1f× CPU | ≤ 10× |\n", tm / km, tc / kc
    printf "| no-op rebuild | %.1f ms shipped, %.1f ms at 1,000 | ≤ 20 ms |\n", no, nk
    if (cold == "nan") print "| cold `cargo run --release -- build` | not measured (--no-cold) | ≤ 8 min |"
    else printf "| cold `cargo run --release -- build` | %.1f min | ≤ 8 min |\n", cold / 60000
    if (test == "nan") print "| then `cargo test --release` | not measured (--no-cold) | ≤ 2 min, no dependency rebuilt |"
    else printf "| then `cargo test --release --no-run` | %.1f min: %d dependency crates compiled again, %d compiled for the tests alone | ≤ 2 min, no dependency rebuilt |\n", test / 60000, rebuilt, added
    printf "\nload average at the end: %s\n", "'"$(cut -d' ' -f1 /proc/loadavg)"'"
}'

{
    printf '{\n  "date": "%s",\n  "machine": "%s, %s CPUs",\n  "load_average_end": %s,\n' \
        "$(date -u '+%Y-%m-%d %H:%M UTC')" "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')" \
        "$(nproc)" "$(cut -d' ' -f1 /proc/loadavg)"
    printf '  "pandoc": "%s",\n  "typst_python": "%s",\n' "$PANDOC_VERSION" "$TYPST_PY"
    printf '  "cold_build_ms": %s,\n  "test_build_ms": %s,\n  "test_build_crates_rebuilt": %s,\n  "test_build_crates_of_the_tests": %s,\n  "sizes": [\n    ' \
        "${cold_ms/nan/null}" "${test_ms/nan/null}" "${rebuilt/nan/null}" "${added/nan/null}"
    (IFS=$'\n'; echo "${rows[*]}" | sed '$!s/$/,/' | sed '2,$s/^/    /')
    printf '  ]\n}\n'
} > target/bench/compare.json
echo "written: target/bench/compare.json"
