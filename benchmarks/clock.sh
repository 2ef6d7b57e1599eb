#!/usr/bin/env bash
# The clock's cost: today's clockless worker emulation (a trace of the simulator's order replayed
# with --trace) against the clocked emulation of the same order (--emulate-workers N), alternately,
# ROUNDS times each, EPOCHS epochs of real MNIST at N workers. Both apply the same gradients in the
# same order (their test accuracies must agree to the last digit); the script prints the mean
# training seconds per run (evaluation excluded) and the ratio clocked/clockless.
# Usage: benchmarks/clock.sh [BINARY=.build/release/staleness] [N=32] [ROUNDS=3] [EPOCHS=1]
#        (data: STALENESS_DATA or ../shared/data/mnist)
set -euo pipefail
BIN=${1:-.build/release/staleness} N=${2:-32} ROUNDS=${3:-3} EPOCHS=${4:-1}
DATA=${STALENESS_DATA:-../shared/data/mnist}
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
# The emulation simulates with the training seed (1) and no warm-up; 60 000 / 64 = 938 updates per epoch.
"$BIN" simulate --workers "$N" --sigma 0.2 --warmup 0 --seed 1 --gradients $((1000 * EPOCHS + N)) \
  --trace "$OUT/trace.csv" --out "$OUT/sim" > /dev/null
common=(train --data "$DATA" --batch 64 --lr 0.01 --epochs "$EPOCHS" --threads 1)
for _ in $(seq "$ROUNDS"); do
  for X in clockless clocked; do
    if [ $X = clockless ]; then extra=(--trace "$OUT/trace.csv"); else extra=(--emulate-workers "$N"); fi
    "$BIN" "${common[@]}" "${extra[@]}" --out "$OUT/$X" > "$OUT/$X.log" 2>&1
    seconds=$(awk '/^epoch +[0-9]+ .* s$/ && $2 > 0 {s += $(NF-1)} END{print s}' "$OUT/$X.log")
    accuracy=$(awk '/^epoch/ {a = $8} END{print a}' "$OUT/$X.log")
    echo "$X $seconds $accuracy"
  done
done | awk '{s[$1] += $2; n[$1]++; acc[$1] = $3; print}
  END {printf "mean training seconds (%s): clockless %.3f  clocked %.3f  ratio clocked/clockless %.4f  (final test acc %s vs %s)\n",
       "'"$EPOCHS"' epochs, N='"$N"'", s["clockless"]/n["clockless"], s["clocked"]/n["clocked"],
       (s["clocked"]/n["clocked"])/(s["clockless"]/n["clockless"]), acc["clockless"], acc["clocked"]}'
