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

# Benchmark: synthetic guides, each format, the engine floor, watch (see benches/pipeline/).
# `just bench --sizes shipped,5,100,1000,10000` adds the large guide (minutes, GiB of memory).
bench *ARGS:
    cargo bench --bench pipeline -- run {{ARGS}}

# Compare with Pandoc + Typst (Python) on the same content: `just compare shipped 1000`.
compare *SIZES:
    bash benches/compare.sh {{SIZES}}
