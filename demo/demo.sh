#!/usr/bin/env bash
# `make demo`: the study in two minutes, on whatever data this machine has.
#   demo/demo.sh STALENESS_BINARY
# 1. The staleness of N = 2…256 asynchronous workers (scan) and of N = 32 (a million gradients), fitted,
#    tabled and drawn; the N = 32 histogram becomes the delay distribution of the training runs.
# 2. LeNet-5 trained synchronously and with delays sampled from that distribution, with SGD and Adam.
#    A run whose loss diverges (train's exit status 3) is a result, reported in one line and kept.
# 3. A table of the four runs and the figures written, with where to open them.
# Data: MNIST from $MNIST_DIR (default ../shared/data/mnist) when it holds the files, else MNIST from
# STALENESS_DATA or the cache (`staleness data fetch mnist`), else Debian's Fashion-MNIST (`make setup`).
# Variables (for make test's quick run; a user runs plain `make demo`): DEMO_OUT (default notebooks-data),
# DEMO_EPOCHS (1), DEMO_TRAIN_SUBSET / DEMO_TEST_SUBSET (all), DEMO_PER_WORKER (20000, the scan),
# DEMO_GRADIENTS (1000000, N = 32).
set -euo pipefail
bin=$1
out=${DEMO_OUT:-notebooks-data}
mnist=${MNIST_DIR:-../shared/data/mnist}
epochs=${DEMO_EPOCHS:-1}
perWorker=${DEMO_PER_WORKER:-20000}
gradients=${DEMO_GRADIENTS:-1000000}
say() { echo "demo: $*"; }

if ls "$mnist"/train-images-idx3-ubyte* >/dev/null 2>&1; then
  data=(--data "$mnist"); name="MNIST from $mnist"
elif "$bin" data info --dataset mnist >/dev/null 2>&1; then
  data=(--dataset mnist); name="MNIST ($("$bin" data info --dataset mnist | sed -n 's/^Using //p'))"
elif "$bin" data info --dataset fashion-mnist >/dev/null 2>&1; then
  data=(--dataset fashion-mnist); name="Fashion-MNIST (no MNIST here: \`staleness data fetch mnist\` or MNIST_DIR=DIR gets it)"
else
  echo "demo: no data: neither MNIST nor Fashion-MNIST was found; run \`make setup\` (Debian's Fashion-MNIST)" \
       "or \`staleness data fetch mnist\`" >&2
  exit 1
fi
subsets=()
[ -n "${DEMO_TRAIN_SUBSET:-}" ] && subsets+=(--train-subset "$DEMO_TRAIN_SUBSET")
[ -n "${DEMO_TEST_SUBSET:-}" ] && subsets+=(--test-subset "$DEMO_TEST_SUBSET")

say "staleness of N asynchronous workers, compute times ~ N(1, 0.2²)"
"$bin" simulate --workers 2,4,8,16,32,64,128,256 --sigma 0.2 --per-worker "$perWorker" --seed 1 --out "$out"
"$bin" simulate --workers 32 --sigma 0.2 --gradients "$gradients" --seed 1 --out "$out"
distribution=$out/staleness-N32-normal-sigma0.2.json

say "LeNet-5 on $name, $epochs epoch(s), delays sampled from the N = 32 histogram"
table=()
train() { # label, then train options
  local label=$1 status=0; shift
  local dir=$out/runs/demo-$label
  "$bin" train "${data[@]}" "${subsets[@]}" --epochs "$epochs" --out "$dir" "$@" >"$dir.line" || status=$?
  local line; line=$(cat "$dir.line"); rm -f "$dir.line"
  case $status in
    0 | 3) echo "$line" ;; # 3: diverged, and train has said where; a result, not a failure
    *) exit "$status" ;;
  esac
  table+=("$(printf '%-14s %s' "$label" "${line%% in *}")")
}
mkdir -p "$out/runs"
train sgd-sync --optimizer sgd --lr 0.01
train sgd-delayed --optimizer sgd --lr 0.01 --delay-dist "$distribution" --delay-sampling empirical
train adam-sync --optimizer adam --lr 0.0001
train adam-delayed --optimizer adam --lr 0.0001 --delay-dist "$distribution" --delay-sampling empirical

say "results (SGD: momentum 0.9, lr 0.01; Adam: lr 0.0001; delayed: staleness of 32 workers, mean 31)"
printf '  %s\n' "${table[@]}"
say "figures written (SVG: open them in a web browser):"
dir=$(cd "$out" && pwd)
echo "  file://$dir/staleness-N32-normal-sigma0.2.svg  (N = 32: histogram, fitted normal and least-squares Gaussian)"
echo "  file://$dir/staleness-N{2,4,8,16,64,128,256}-normal-sigma0.2.svg  (the other N of the scan)"
echo "  tables beside them: staleness-scan-normal-sigma0.2.csv, staleness-N*-histogram.csv; runs: $out/runs/demo-*"
