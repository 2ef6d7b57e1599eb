#!/usr/bin/env bash
# A private single-node Slurm cluster on this machine, for testing the job-array route end to end.
#   cluster/local-slurm.sh up DIR     start munged, slurmctld and slurmd with state under DIR;
#                                     prints the `export SLURM_CONF=...` line to use it
#   cluster/local-slurm.sh down DIR   stop them (DIR is kept, logs included)
# Everything lives under DIR: the munge key and socket, slurm.conf, spool and state directories and
# logs, on two free loopback ports, so it touches neither the machine's own munge nor /etc/slurm.
# Authentication is Debian's munge (auth/munge) with a key of our own. Needs root (slurmd runs jobs
# as the submitting user) and Debian's slurm-wlm and munge packages.
set -euo pipefail

usage() { echo "usage: $0 up|down DIR" >&2; exit 1; }
[ $# -eq 2 ] || usage
action=$1
dir=$(mkdir -p "$2" && cd "$2" && pwd)

stop_pidfile() {
  local file=$1
  [ -s "$file" ] || return 0
  local pid; pid=$(cat "$file")
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$file"
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

case $action in
down)
  stop_pidfile "$dir/slurmd.pid"
  stop_pidfile "$dir/slurmctld.pid"
  stop_pidfile "$dir/munged.pid"
  ;;
up)
  for tool in munged slurmctld slurmd sbatch; do
    command -v "$tool" >/dev/null || { echo "$0: $tool not found (apt-get install slurm-wlm munge)" >&2; exit 1; }
  done
  [ "$(id -u)" -eq 0 ] || { echo "$0: needs root (slurmd must run jobs as the submitting user)" >&2; exit 1; }
  mkdir -p "$dir/munge" "$dir/spool" "$dir/state" "$dir/log"
  chmod 700 "$dir/munge"
  [ -s "$dir/munge/munge.key" ] || dd if=/dev/urandom of="$dir/munge/munge.key" bs=1024 count=1 status=none
  chmod 400 "$dir/munge/munge.key"
  socket=$dir/munge/munge.socket
  munged --force --socket "$socket" --key-file "$dir/munge/munge.key" --pid-file "$dir/munged.pid" \
    --log-file "$dir/log/munged.log" --seed-file "$dir/munge/munge.seed"
  node=$(hostname -s)
  cpus=$(nproc)
  memory=$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 * 9 / 10 ))
  cat > "$dir/slurm.conf" <<CONF
ClusterName=staleness-local
SlurmctldHost=$node(127.0.0.1)
SlurmctldPort=$(free_port)
SlurmdPort=$(free_port)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$socket
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool/slurmd-%n
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
ReturnToService=2
MpiDefault=none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SlurmctldTimeout=30
SlurmdTimeout=30
InactiveLimit=0
KillWait=5
MinJobAge=300
NodeName=$node NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=local Nodes=$node Default=YES MaxTime=INFINITE State=UP OverSubscribe=NO
CONF
  export SLURM_CONF=$dir/slurm.conf
  slurmctld -i
  slurmd
  for _ in $(seq 100); do
    state=$(sinfo -h -n "$node" -o %T 2>/dev/null || true)
    case $state in idle*|mix*|alloc*) break ;; esac
    sleep 0.2
  done
  case $state in
    idle*|mix*|alloc*) echo "export SLURM_CONF=$dir/slurm.conf" ;;
    *) echo "$0: node $node did not come up (state '${state:-none}'); see $dir/log" >&2
       "$0" down "$dir"; exit 1 ;;
  esac
  ;;
*) usage ;;
esac
