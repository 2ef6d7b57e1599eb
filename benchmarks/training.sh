#!/usr/bin/env bash
# Training benchmark, Swift vs PyTorch 2.13 side by side. Usage: benchmarks/training.sh [speed|gemms|fidelity|delays] [options]
# Needs PyTorch (`pip install torch==2.13.0`, CPU) and the MNIST files (../shared/data/mnist or STALENESS_DATA).
set -euo pipefail
cd "$(dirname "$0")/.."
make -s setup
swift build -c release >/dev/null
python3 -c "import torch" 2>/dev/null || pip install -q torch==2.13.0
exec python3 benchmarks/training_benchmark.py "${@:-speed}"
