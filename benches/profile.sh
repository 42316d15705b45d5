#!/usr/bin/env bash
# Where a build's CPU time goes: `perf record` (the software clock, so it works on a guest
# without hardware counters) of the release binary building a guide, summed by the crate
# each sampled function belongs to and by what that crate does (layout, shaping, PDF
# writing, memory, …). The figures behind issue 19's floors in the README.
#
# Usage: benches/profile.sh [SIZE] [BUILD ARGS...]   SIZE is `shipped` (source/guide.toml)
# or a number of organizations for the benchmark's statewide directory (as in compare.sh);
# default: shipped. BUILD ARGS go to `guidepress build` (default: every format, `--force`),
# e.g. `benches/profile.sh 1000 --force --format pdf`. PROFILE_HZ sets the sampling rate
# (default 999 a second), PROFILE_RUNS the builds recorded one after another (default 20
# for the shipped guide, whose build is a tenth of a second, else 1). Needs perf (Debian's
# linux-perf). The tables go to standard output and to target/bench/profile-SIZE.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
source benches/common.sh

size=${1:-shipped}
shift || true
build_args=("$@")
if [ ${#build_args[@]} -eq 0 ]; then build_args=(--force); fi

if ! command -v perf >/dev/null; then
    echo "profile.sh needs perf: apt-get install linux-perf" >&2
    exit 2
fi

echo "--- building guidepress and the benchmark (release)" >&2
BENCH=$(bench_binary)
WORK=target/bench/profile
mkdir -p "$WORK"
dir=$("$BENCH" generate --size "$size" --dir "$WORK")
data="$WORK/$size.perf.data"
report="target/bench/profile-$size.txt"

echo "--- perf record of guidepress build ${build_args[*]} ($size)" >&2
if [ "$size" = shipped ]; then runs=${PROFILE_RUNS:-20}; else runs=${PROFILE_RUNS:-1}; fi
perf record --quiet -F "${PROFILE_HZ:-999}" -e cpu-clock -o "$data" -- \
    bash -c 'for _ in $(seq "$1"); do "${@:2}" >/dev/null; done' runs "$runs" \
    target/release/guidepress build --source "$dir/guide.toml" --templates templates \
    --out "$dir/out" "${build_args[@]}"

header=$(printf '%s\n' "guidepress build ${build_args[*]} of $size, $(date -u '+%Y-%m-%d %H:%M UTC')," \
    "commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')," \
    "$(nproc) CPUs, load $(cut -d' ' -f1 /proc/loadavg), perf at ${PROFILE_HZ:-999} Hz, $runs run(s)")
perf report -i "$data" --no-children --sort comm,dso,sym --stdio -F sample,comm,dso,sym -t $'\t' 2>/dev/null |
    python3 -c "$(cat <<'PY'
import re, sys
from collections import Counter

# What each crate does in a build, in the words of the README's profiles.
FAMILIES = [
    ("Typst: evaluation, layout, memoization", r"typst|comemo|ecow|slab|siphasher|indexmap"),
    ("text shaping, fonts, line breaking", r"rustybuzz|harfrust|ttf_parser|skrifa|read_fonts|font_types|unicode_|icu_|hypher|fontdb|swash"),
    ("PDF writing, font subsetting, compression", r"krilla|pdf_writer|subsetter|miniz_oxide|flate2|fdeflate|zlib_rs|zune_|simd_adler32|adler|crc32fast|xmp_writer"),
    ("images, QR codes", r"image|png|qrcodegen|fast_qr|qrcode|usvg|resvg|tiny_skia|pixglyph|moxcms"),
    ("memory: allocating (mimalloc) and copying (libc)", r"mimalloc|libc"),
    ("the kernel: page faults and zeroing new memory, threads, files", r"\[kernel\]"),
    ("Rust's standard library (generic code not inlined)", r"^core/alloc/std$"),
    ("guidepress, templates, EPUB, cards; reading its PDF back", r"guidepress|minijinja|epub_builder|zip|pulldown_cmark|lopdf|nom|serde|toml|textwrap"),
    ("phone numbers and patterns", r"phonenumber|regex|aho_corasick|memchr"),
]

def crate(dso, symbol):
    if dso.startswith("[kernel"):
        return "[kernel]"
    if not dso.startswith("guidepress"):
        return dso
    symbol = symbol.removeprefix("[.] ").strip()
    if re.match(r"_?mi_", symbol):
        return "mimalloc"
    # `<Type as Trait>::method` belongs to the type's crate; a generic of the standard
    # library (a drop, a Vec of something) to the first other crate named inside it.
    # Only the first segment of each path names a crate (`alloc::vec::Vec` is alloc's).
    names = re.findall(r"(?:^|[<,\s&(*\[])([a-z_][a-z0-9_]*)::", symbol)
    standard = ("core", "alloc", "std", "hashbrown")
    for name in names:
        if name not in standard:
            return name
    return "core/alloc/std" if names else symbol[:40]

samples, by_crate, by_symbol = 0, Counter(), Counter()
for line in sys.stdin:
    if line.startswith("#") or not line.strip():
        continue
    fields = [f.strip() for f in line.split("\t")]
    if len(fields) < 4 or not fields[0].isdigit():
        continue
    count, command, dso, symbol = int(fields[0]), fields[1], fields[2], fields[3]
    # The loop that runs the builds is not the build.
    if command in ("bash", "seq"):
        continue
    samples += count
    by_crate[crate(dso, symbol)] += count
    by_symbol[symbol.removeprefix("[.] ").removeprefix("[k] ")[:110]] += count

if samples == 0:
    sys.exit("no samples")
by_family = Counter()
for name, count in by_crate.items():
    family = next((f for f, pattern in FAMILIES if re.search(pattern, name)), "everything else")
    by_family[family] += count

share = lambda count: f"{100 * count / samples:5.1f} %"
print(sys.argv[1])
print(f"\n{samples} samples of guidepress")
print("\n| what | share of the samples |\n|---|---:|")
for family, count in by_family.most_common():
    print(f"| {family} | {share(count)} |")
print("\n| crate | share |\n|---|---:|")
for name, count in by_crate.most_common(25):
    print(f"| {name} | {share(count)} |")
print("\n| function (top 20) | share |\n|---|---:|")
for name, count in by_symbol.most_common(20):
    print(f"| `{name.replace('|', '/')}` | {share(count)} |")
PY
)" "$header" | tee "$report"
echo "written: $report" >&2
