#!/usr/bin/env bash
# A/B of two builds of `staleness` on the training loop: runs them alternately, ROUNDS times each,
# 2 epochs of real MNIST (Adam, --input paper, 1 thread), and prints the mean training seconds per
# run (evaluation and data loading excluded) and the ratio B/A.
# Usage: benchmarks/ab.sh BINARY_A BINARY_B [BATCH=64] [ROUNDS=4]   (data: STALENESS_DATA or ../shared/data/mnist)
set -euo pipefail
A=$1 B=$2 BATCH=${3:-64} ROUNDS=${4:-4}
DATA=${STALENESS_DATA:-../shared/data/mnist}
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
for _ in $(seq "$ROUNDS"); do
  for X in A B; do
    BIN=${!X}
    seconds=$("$BIN" train --data "$DATA" --input paper --optimizer adam --lr 0.001 --batch "$BATCH" --epochs 2 \
      --threads 1 --out "$OUT/$X" 2>&1 | awk '/^epoch +[12] /{s += $(NF-1)} END{print s}')
    echo "$X $seconds"
  done
done | awk '{s[$1] += $2; n[$1]++; print}
  END {printf "mean training seconds (2 epochs): A %.3f  B %.3f  ratio B/A %.3f\n", s["A"]/n["A"], s["B"]/n["B"], (s["B"]/n["B"])/(s["A"]/n["A"])}'
