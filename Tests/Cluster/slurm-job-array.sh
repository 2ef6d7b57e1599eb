#!/usr/bin/env bash
# The README's Slurm job arrays on a real single-node Slurm (run by `make test`):
#   Tests/Cluster/slurm-job-array.sh STALENESS_BINARY
# Brings up a private cluster (cluster/local-slurm.sh), submits cluster/reproduce.sbatch — checked to be
# the README's block, word for word — as a 4-task array of `reproduce --smoke` on tiny synthetic data with
# one shard made to fail, resubmits it, merges the shards and writes the report; then the same for
# cluster/sweep.sbatch with a grid file. Skipped (saying so) only where slurm-wlm cannot be installed.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
binary=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
[ -x "$binary" ] || { echo "slurm test: $1 is not an executable" >&2; exit 1; }

say() { echo "slurm test: $*"; }
fail() { echo "slurm test: FAILED: $*" >&2; exit 1; }

if ! command -v slurmctld >/dev/null || ! command -v munged >/dev/null; then
  say "installing Debian's slurm-wlm and munge"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
  if ! { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq slurm-wlm munge; } >/tmp/slurm-install.log 2>&1; then
    say "SKIPPED: Debian's slurm-wlm and munge cannot be installed here (see /tmp/slurm-install.log)"
    exit 0
  fi
fi
if [ "$(id -u)" -ne 0 ]; then say "SKIPPED: a local Slurm needs root (slurmd runs jobs as their user)"; exit 0; fi

# The scripts under cluster/ are the README's blocks, byte for byte.
for name in array:reproduce sweep:sweep; do
  block=${name%%:*} file=cluster/${name##*:}.sbatch
  python3 - "$block" "$file" <<'PY' || fail "$file differs from the README's slurm-$block-script block"
import re, sys
block, path = sys.argv[1], sys.argv[2]
readme = open("README.md").read()
m = re.search(r"<!-- slurm-%s-script: begin -->\n```sh\n(.*?)```\n<!-- slurm-%s-script: end -->" % (block, block), readme, re.S)
sys.exit(0 if m and m.group(1) == open(path).read() else 1)
PY
done

work=$(mktemp -d /tmp/staleness-slurm.XXXXXX)
cluster=$work/cluster
cleanup() { cluster/local-slurm.sh down "$cluster" || true; }
trap cleanup EXIT
eval "$(cluster/local-slurm.sh up "$cluster")"
export SLURM_CONF
say "cluster up ($SLURM_CONF)"

python3 notebooks-data/tools/tiny_idx.py "$work/data" 400 200
export PATH=$(dirname "$binary"):$PATH

count_runs() { # store → "rows distinct"
  python3 -c 'import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); print(*c.execute("select count(*), count(distinct config_hash) from runs").fetchone())' "$1"
}

# --- The reproduction's array: 4 shards, shard 3 blocked on the first submission.
mkdir "$work/reproduce" && cd "$work/reproduce"
export STALENESS_ARGS="--smoke --data $work/data"
touch shard-3  # a file where shard 3's output directory must go
if sbatch --wait --array=1-4 --cpus-per-task=1 --time=10 "$root/cluster/reproduce.sbatch" > submit1.txt 2>&1; then
  fail "the first submission succeeded although shard 3 could not write its output"
fi
grep -q -i "shard-3" shard-3.log || fail "shard 3's log does not say what went wrong: $(cat shard-3.log)"
for i in 1 2 4; do [ -s shard-$i/REPORT.md ] || fail "shard $i did not finish on the first submission"; done
say "first submission: shard 3 failed as arranged ($(tail -n 1 shard-3.log)); shards 1, 2, 4 finished"
rm shard-3
sbatch --wait --array=1-4 --cpus-per-task=1 --time=10 "$root/cluster/reproduce.sbatch" > submit2.txt 2>&1 \
  || fail "the resubmission failed: $(cat submit2.txt; tail -n 3 shard-*.log)"
total=0
for i in 1 2 3 4; do
  planned=$(staleness reproduce --smoke --dry-run --shard $i/4 2>/dev/null | wc -l)
  read -r rows distinct < <(count_runs shard-$i/runs.sqlite)
  [ "$rows" -eq "$planned" ] && [ "$distinct" -eq "$planned" ] || fail "shard $i holds $rows runs ($distinct distinct), planned $planned"
  if [ $i -ne 3 ]; then
    grep -q "sweep finished: 0 done, 0 diverged, 0 failed, $planned skipped" shard-$i.log \
      || fail "shard $i recomputed runs on resubmission: $(grep 'sweep finished' shard-$i.log)"
  fi
  total=$((total + planned))
done
staleness merge shard-*/runs.sqlite --into full/runs.sqlite
read -r rows distinct < <(count_runs full/runs.sqlite)
[ "$rows" -eq 14 ] && [ "$distinct" -eq 14 ] && [ "$total" -eq 14 ] || fail "merged store holds $rows runs ($distinct distinct), planned 14"
staleness reproduce --smoke --report-only --out full > /dev/null
grep -q "Coverage: 14 of the 14 runs of the smoke plan are in the store." full/REPORT.md || fail "the report does not state full coverage"
say "reproduce array: resubmission completed shard 3, shards 1, 2, 4 skipped all their runs; merged 14 of 14, report written"

# --- The sweep array: a grid file, 2 shards.
mkdir "$work/sweep" && cd "$work/sweep"
cat > grid.json <<'GRID'
{"optimizer": ["sgd", "adam"], "lr": [0.01], "delay": [0, 2], "batch": 20, "epochs": 1}
GRID
export STALENESS_ARGS="--data $work/data"
sbatch --wait --array=1-2 --cpus-per-task=1 --time=10 "$root/cluster/sweep.sbatch" > submit.txt 2>&1 \
  || fail "the sweep array failed: $(cat submit.txt; tail -n 3 sweep-*.log)"
staleness merge shard-*.sqlite --into all.sqlite
read -r rows distinct < <(count_runs all.sqlite)
[ "$rows" -eq 4 ] && [ "$distinct" -eq 4 ] || fail "merged sweep store holds $rows runs ($distinct distinct), planned 4"
say "sweep array: 2 shards, 4 of 4 runs merged"

cd "$root"
cleanup
trap - EXIT
rm -rf "$work"
say "passed"
