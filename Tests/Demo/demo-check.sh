#!/usr/bin/env bash
# `make demo` as a new user runs it on a bare machine (run by `make test`): no MNIST beside the clone, no
# STALENESS_DATA and an empty dataset cache, so the data is Debian's Fashion-MNIST. The same recipe and
# make variables, with a debug build, reduced sizes and a scratch output directory to stay within CI's
# budget. Checks that the demo succeeds (a diverged run included), trains on Fashion-MNIST, reports the
# four runs and writes every table and figure it announces.
set -euo pipefail
cd "$(dirname "$0")/../.."
scratch=.build/demo-check
rm -rf "$scratch" && mkdir -p "$scratch/cache"
fail() { echo "demo check: FAILED: $*" >&2; exit 1; }

env -u STALENESS_DATA XDG_CACHE_HOME="$PWD/$scratch/cache" "${MAKE:-make}" --no-print-directory demo \
  CONFIG=debug MNIST_DIR="$PWD/$scratch/no-mnist" DEMO_OUT="$scratch/out" DEMO_PER_WORKER=2000 \
  DEMO_GRADIENTS=100000 DEMO_TRAIN_SUBSET=2000 DEMO_TEST_SUBSET=1000 2>&1 | tee "$scratch/demo.log" \
  || fail "make demo exited with status ${PIPESTATUS[0]} (log: $scratch/demo.log)"

log=$scratch/demo.log out=$scratch/out
grep -q "LeNet-5 on Fashion-MNIST" "$log" || fail "the demo did not fall back to Fashion-MNIST"
for run in sgd-sync sgd-delayed adam-sync adam-delayed; do
  grep -Eq "^  $run +(completed|diverged): final test accuracy [0-9.]+%" "$log" || fail "no result line for $run"
  [ -f "$out/runs/demo-$run/metrics.csv" ] || fail "no metrics for $run"
done
for n in 2 4 8 16 32 64 128 256; do
  stem=$out/staleness-N$n-normal-sigma0.2
  for file in "$stem.svg" "$stem.json" "$stem-histogram.csv"; do
    [ -s "$file" ] || fail "missing $file"
  done
  grep -q "<svg" "$stem.svg" || fail "$stem.svg is not an SVG"
done
[ -s "$out/staleness-scan-normal-sigma0.2.csv" ] || fail "missing the scan table"
grep -q "file://.*/staleness-N32-normal-sigma0.2.svg" "$log" || fail "the figures are not listed"
echo "demo check: passed (Fashion-MNIST, $(grep -c '^diverged: the loss became' "$log" || true) diverged run(s) reported)"
