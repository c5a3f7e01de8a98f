# Process helpers shared by scripts/network.sh and scripts/deploy-chaincode.sh (sourced, not run; the sourcing
# script defines log).
# Every process is known by the pid file its script wrote when it started it: nothing is matched by name, so only
# what these scripts started is ever stopped.
# shellcheck shell=bash

# running <pid>: whether the process runs (a zombie, exited but not yet reaped by its parent, does not).
running() {
  local state
  kill -0 "$1" 2>/dev/null || return 1
  state="$(sed -n 's/^State:[[:space:]]*\([A-Z]\).*/\1/p' "/proc/$1/status" 2>/dev/null || true)"
  [[ "${state}" != Z ]]
}

# alive <pid-file>: whether the process the pid file names still runs.
alive() {
  local pid_file="$1"
  [[ -f "${pid_file}" ]] && running "$(cat "${pid_file}")"
}

# stop_pid_files <grace-seconds> <pid-file...>: sends SIGTERM to every listed process at once, waits up to the
# grace period for all of them together, sends SIGKILL to any still running, and removes the pid files. Stopping
# them one after the other took 53 s for the 26 processes of the trial network; together it takes about as long
# as the slowest one.
stop_pid_files() {
  local grace="$1"
  shift
  local pid_file pid names=() stopping=()
  for pid_file in "$@"; do
    [[ -f "${pid_file}" ]] || continue
    pid="$(cat "${pid_file}")"
    if [[ "${pid}" =~ ^[0-9]+$ ]] && running "${pid}"; then
      kill "${pid}" 2>/dev/null || true
      stopping+=("${pid}")
      names+=("$(basename "${pid_file}" .pid)")
    fi
  done
  local deadline=$((SECONDS + grace)) left
  while :; do
    left=()
    for pid in "${stopping[@]}"; do
      if running "${pid}"; then left+=("${pid}"); fi
    done
    [[ ${#left[@]} -gt 0 && ${SECONDS} -lt ${deadline} ]] || break
    sleep 0.2
  done
  for pid in "${left[@]}"; do
    log "pid ${pid} did not stop within ${grace} s of SIGTERM: SIGKILL"
    kill -9 "${pid}" 2>/dev/null || true
  done
  local i
  for i in "${!stopping[@]}"; do
    log "stopped ${names[i]} (pid ${stopping[i]})"
  done
  for pid_file in "$@"; do
    rm -f "${pid_file}"
  done
}
