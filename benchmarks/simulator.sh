#!/usr/bin/env bash
# Simulator speed: `staleness simulate` (release build, one thread) against the vectorised NumPy
# reference (benchmarks/simulator_numpy.py, sort-based) at N = 32 and N = 256, 10^7 gradients each,
# normal compute times with σ = 0.2, default warm-up (100 arrivals per worker).
#
# Swift rate: the tool's own `simulationSeconds` from --json (the discrete-event simulation itself,
# warm-up included; not process start, fitting or file writing); the command's wall clock is shown too.
# NumPy rate: the reference's own timer around drawing, cumulative sums, the sort and the ranks (not
# interpreter start-up). Both count warm-up arrivals as simulated gradients.
set -euo pipefail
cd "$(dirname "$0")/.."

GRADIENTS=${GRADIENTS:-10000000}
swift build -c release --product staleness >/dev/null
BIN=.build/release/staleness
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1

printf '%6s %16s %10s %10s %16s %10s %8s\n' N "swift Mgrad/s" "sim s" "wall s" "numpy Mgrad/s" "numpy s" ratio
for workers in 32 256; do
  start=$(date +%s.%N)
  swift_json=$("$BIN" simulate --workers "$workers" --sigma 0.2 --gradients "$GRADIENTS" --seed 1 \
    --out "$scratch" --json)
  end=$(date +%s.%N)
  numpy_json=$(python3 benchmarks/simulator_numpy.py --workers "$workers" --sigma 0.2 --gradients "$GRADIENTS" --seed 1)
  python3 - "$workers" "$swift_json" "$numpy_json" "$start" "$end" <<'PY'
import json, sys
workers, swift, numpy, start, end = sys.argv[1], json.loads(sys.argv[2]), json.loads(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])
s_rate, n_rate = swift["gradientsPerSecond"] / 1e6, numpy["gradients_per_second"] / 1e6
print(f"{workers:>6} {s_rate:16.1f} {swift['simulationSeconds']:10.3f} {end - start:10.3f} "
      f"{n_rate:16.1f} {numpy['seconds']:10.3f} {s_rate / n_rate:7.1f}x")
PY
done
