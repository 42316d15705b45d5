# guidepress recipes. `just --list` shows them all.

# Build the shipped guide into output/.
build *ARGS:
    cargo run --release -- build {{ARGS}}

# Check the guide and print every problem.
check *ARGS:
    cargo run --release -- check {{ARGS}}

# Run the tests (those that need EPUBCheck are skipped unless installed; see `ci`).
test *ARGS:
    cargo test --release {{ARGS}}

# What CI runs: formatting, lints, every test including those that need validators.
ci:
    bash .ci/run

# Accept changed snapshots after reviewing the diff.
snapshots:
    INSTA_UPDATE=always cargo test --release

# Open the built pamphlet.
open:
    xdg-open output/*.pdf

# Benchmark: synthetic statewide directories (20 sections, two paragraphs, three services, a
# phone and a web address each, fifty 4-contact cards): each format, the engine floor, watch.
# `just bench --sizes shipped,5,100,1000,10000` adds the large guide (minutes, GiB of memory).
bench *ARGS:
    cargo bench --bench pipeline -- run {{ARGS}}

# Issue 19's whole table in one run: the shipped guide, 1,000 and 10,000 organizations against
# Pandoc + Typst (Python) on the same content, growth, no-op rebuild, peak memory, then the cold
# build and `cargo test --release` after it (10–20 minutes; `just compare --no-cold` skips it).
# `just compare shipped 1000` measures only those sizes.
compare *ARGS:
    bash benches/compare.sh {{ARGS}}

# Where a build's CPU time goes: perf samples summed by crate and by what it does (layout,
# shaping, PDF writing, memory…). `just profile 1000 --force --format pdf` profiles the pamphlet
# of 1,000 organizations alone; default: the shipped guide, every format.
profile *ARGS:
    bash benches/profile.sh {{ARGS}}
