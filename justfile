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
