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

# wait_ready <seconds> <pid-file> <what> <command...>: polls the command every half second until it succeeds; fails
# (via the sourcing script's die) when the process of the pid file exits first (an empty pid file name: a
# container, not watched) or when the seconds pass. Startup on a loaded machine is slow but finite: a JVM that needs
# 3 CPU-seconds to start took over a minute at a load average of 20 per core.
wait_ready() {
  local seconds="$1" pid_file="$2" what="$3"
  shift 3
  local deadline=$((SECONDS + seconds)) name
  name="$(basename "${pid_file:-node}" .pid)"
  until "$@"; do
    if [[ ${SECONDS} -ge ${deadline} ]]; then
      die "${name} did not answer ${what} within ${seconds} s; see its log"
    fi
    if [[ -n "${pid_file}" ]] && ! alive "${pid_file}"; then
      die "${name} exited before it answered ${what}; see its log"
    fi
    sleep 0.5
  done
}

# tcp_open <host> <port>: whether something accepts connections there. Only for plain-text listeners (the
# chaincode servers without TLS): on a TLS port the probe would leave a handshake error in the server's log.
tcp_open() {
  # shellcheck disable=SC2016 # $1 and $2 expand in the inner shell
  timeout 5 bash -c 'exec 3<>"/dev/tcp/$1/$2"' probe "$1" "$2" 2>/dev/null
}
