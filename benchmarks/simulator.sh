#!/usr/bin/env bash
# Simulator speed: `staleness simulate` (release build, one thread) against the vectorised NumPy
# reference (benchmarks/simulator_numpy.py, sort-based) at N = 32 and N = 256, 10^7 gradients each,
# normal compute times with σ = 0.2, default warm-up (100 arrivals per worker).
#
# Swift: the tool's own timing from --json — `simulationSeconds` (wall clock) and
# `simulationCPUSeconds` (CPU time of the simulating thread) of the discrete-event simulation itself,
# warm-up included; not process start, fitting or file writing. The command's wall clock is shown too.
# NumPy: the reference's own wall-clock and process CPU timers around drawing, cumulative sums, the
# sort and the ranks (not interpreter start-up). Both count warm-up arrivals as simulated gradients.
# On a shared machine the CPU-time rates are the fairer single-core comparison.
set -euo pipefail
cd "$(dirname "$0")/.."

GRADIENTS=${GRADIENTS:-10000000}
swift build -c release --product staleness >/dev/null
BIN=.build/release/staleness
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores; million gradients per second:"
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
printf '%6s %12s %12s %9s %12s %12s %12s %12s\n' N "swift wall" "swift cpu" "cmd s" "numpy wall" "numpy cpu" \
  "ratio wall" "ratio cpu"
for workers in 32 256; do
  start=$(date +%s.%N)
  swift_json=$("$BIN" simulate --workers "$workers" --sigma 0.2 --gradients "$GRADIENTS" --seed 1 \
    --out "$scratch" --json)
  end=$(date +%s.%N)
  numpy_json=$(python3 benchmarks/simulator_numpy.py --workers "$workers" --sigma 0.2 --gradients "$GRADIENTS" --seed 1)
  python3 - "$workers" "$swift_json" "$numpy_json" "$start" "$end" <<'PY'
import json, sys
workers, swift, numpy = sys.argv[1], json.loads(sys.argv[2]), json.loads(sys.argv[3])
command_seconds = float(sys.argv[5]) - float(sys.argv[4])
arrivals = swift["gradientsPerSecond"] * swift["simulationSeconds"]
s_wall, s_cpu = arrivals / swift["simulationSeconds"] / 1e6, arrivals / swift["simulationCPUSeconds"] / 1e6
n_wall, n_cpu = numpy["gradients_per_second"] / 1e6, numpy["gradients_per_second_cpu"] / 1e6
print(f"{workers:>6} {s_wall:12.1f} {s_cpu:12.1f} {command_seconds:9.2f} {n_wall:12.1f} {n_cpu:12.1f} "
      f"{s_wall / n_wall:11.1f}x {s_cpu / n_cpu:11.1f}x")
PY
done
