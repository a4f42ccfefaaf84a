#!/usr/bin/env bash
# A one-node Slurm on this machine, for tests and benchmarks: munged, slurmctld and slurmd as
# plain local processes (no systemd), every file in one state folder.
#   scripts/slurm-local.sh up [CPUS]   start it (CPUS defaults to nproc); prints the SLURM_CONF to export
#   scripts/slurm-local.sh down        stop what `up` started and remove the state folder
#   scripts/slurm-local.sh status      say whether it runs (exit 0) or not (exit 1)
# The state folder is $TERMCUT_SLURM_DIR (default /tmp/termcut-slurm). Clients (sbatch, squeue,
# scontrol, termcut --farm slurm) find this cluster through SLURM_CONF=$TERMCUT_SLURM_DIR/slurm.conf.
# Needs the Debian packages slurm-wlm and munge (scripts/install-deps.sh --test); runs as root
# or as any user (the daemons then run as that user).
set -euo pipefail

# The daemons must not inherit the caller's descriptors beyond 0-2: a parent waiting on a
# pipe (a test harness, Foundation's Process) would wait for as long as they run.
for fd in /proc/$$/fd/*; do
  n="${fd##*/}"
  if [ "$n" -gt 2 ] 2>/dev/null; then eval "exec $n>&-" 2>/dev/null || true; fi
done

state="${TERMCUT_SLURM_DIR:-/tmp/termcut-slurm}"
conf="$state/slurm.conf"
node="$(hostname -s)"
user="$(id -un)"

need() { command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ] || { echo "slurm-local: $1 is missing (install slurm-wlm and munge: scripts/install-deps.sh --test)" >&2; exit 2; }; }
sbin() { if [ -x "/usr/sbin/$1" ]; then echo "/usr/sbin/$1"; else command -v "$1"; fi; }
alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

status() {
  alive "$state/munged.pid" && alive "$state/slurmctld.pid" && alive "$state/slurmd.pid" || return 1
  SLURM_CONF="$conf" sinfo -h -o '%T' 2>/dev/null | grep -Eq '^(idle|mixed|allocated|completing)' || return 1
}

down() {
  for daemon in slurmd slurmctld munged; do
    if alive "$state/$daemon.pid"; then
      pid="$(cat "$state/$daemon.pid")"
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
    fi
  done
  # Only ever a folder this script made (it holds our marker), never an arbitrary path.
  if [ -f "$state/.termcut-slurm" ]; then rm -rf "$state"; fi
}

up() {
  need munged; need slurmctld; need slurmd; need sbatch
  cpus="${1:-$(nproc)}"
  if status; then echo "slurm-local: already running (export SLURM_CONF=$conf)"; return 0; fi
  down
  mkdir -p "$state"/{ctld,spool,logs}
  touch "$state/.termcut-slurm"
  chmod 0700 "$state"
  # A fresh random key per cluster: munged refuses a key others can read.
  dd if=/dev/urandom of="$state/munge.key" bs=1024 count=1 status=none
  chmod 0400 "$state/munge.key"
  "$(sbin munged)" </dev/null >/dev/null 2>&1 --key-file="$state/munge.key" --socket="$state/munge.socket" --pid-file="$state/munged.pid" \
    --log-file="$state/logs/munged.log" --seed-file="$state/munged.seed" --force
  cat > "$conf" <<EOF
# Written by scripts/slurm-local.sh: one node ($node, $cpus CPUs), everything under $state.
ClusterName=termcut
SlurmctldHost=$node(127.0.0.1)
SlurmctldPort=${TERMCUT_SLURMCTLD_PORT:-6817}
SlurmdPort=${TERMCUT_SLURMD_PORT:-6818}
SlurmUser=$user
SlurmdUser=$user
AuthType=auth/munge
AuthInfo=socket=$state/munge.socket
CredType=cred/munge
StateSaveLocation=$state/ctld
SlurmdSpoolDir=$state/spool
SlurmctldPidFile=$state/slurmctld.pid
SlurmdPidFile=$state/slurmd.pid
SlurmctldLogFile=$state/logs/slurmctld.log
SlurmdLogFile=$state/logs/slurmd.log
# No cgroups: this runs in containers without systemd.
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/filetxt
JobCompLoc=$state/logs/jobcomp.log
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MpiDefault=none
# Finished jobs stay visible to scontrol for a while (there is no slurmdbd for sacct).
MinJobAge=600
SlurmctldTimeout=30
SlurmdTimeout=30
NodeName=$node NodeAddr=127.0.0.1 CPUs=$cpus State=UNKNOWN
PartitionName=local Nodes=$node Default=YES MaxTime=INFINITE State=UP
EOF
  export SLURM_CONF="$conf"
  "$(sbin slurmctld)" -f "$conf" -i </dev/null >/dev/null 2>&1
  "$(sbin slurmd)" -f "$conf" -N "$node" </dev/null >/dev/null 2>&1
  for _ in $(seq 100); do
    if status; then echo "slurm-local: up, $cpus CPUs on $node; export SLURM_CONF=$conf"; return 0; fi
    sleep 0.2
  done
  echo "slurm-local: the node did not come up; logs in $state/logs" >&2
  tail -n 5 "$state"/logs/*.log >&2 || true
  return 1
}

case "${1:-}" in
  up) shift; up "$@" ;;
  down) down; echo "slurm-local: down" ;;
  status) if status; then echo "slurm-local: running (export SLURM_CONF=$conf)"; else echo "slurm-local: not running"; exit 1; fi ;;
  *) echo "usage: $0 up [CPUS] | down | status" >&2; exit 2 ;;
esac
