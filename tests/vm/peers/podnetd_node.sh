# shellcheck shell=bash
# Running podnetd on topology.sh's nodes: a configuration file, a log and a
# control socket per node under $PODNETD_STATE, the daemon in the node's
# netns. Source after lib.sh and topology.sh.
#
#   podnetd_config n1 <<EOF ... EOF     # n1's podnetd.yaml from stdin
#   podnetd_start n1                    # the daemon, in the background
#   wait_for 30 podnetd_ready n1
#   podnetd_ctl n1 -j peers             # podnetctl on n1's control socket
#   podnetd_kill n1 [SIGNAL]            # and wait until it is gone

PODNETD=$TOP/userspace/build/podnetd
PODNETD_STATE=${PODNETD_STATE:-$(mktemp -d /tmp/podnetd.XXXXXX)}
declare -A podnetd_pids

# podnetd_config NODE: NODE's configuration, read from stdin; the control
# socket's path is added.
podnetd_config() {
	local dir=$PODNETD_STATE/$1
	mkdir -p "$dir"
	{
		cat
		printf 'control:\n  socket: %s/ctl.sock\n' "$dir"
	} >"$dir/podnetd.yaml"
}

# podnetd_start NODE [FLAG...]: podnetd in NODE with its configuration;
# its log goes to $PODNETD_STATE/NODE/log (appended, across restarts).
podnetd_start() {
	local node=$1 dir=$PODNETD_STATE/$1
	shift
	ip netns exec "$node" "$PODNETD" -v -c "$dir/podnetd.yaml" "$@" \
		>>"$dir/log" 2>&1 &
	podnetd_pids[$node]=$!
}

# podnetd_ctl NODE ARGS...: podnetctl talking to NODE's podnetd.
podnetd_ctl() {
	local node=$1
	shift
	ip netns exec "$node" "$CTL" -s "$PODNETD_STATE/$node/ctl.sock" "$@"
}

# podnetd_ready NODE: its podnetd answers and says it is ready.
podnetd_ready() {
	[ "$(podnetd_ctl "$1" -j status 2>/dev/null | jq -r .ready)" = true ]
}

# podnetd_established NODE N: N of its peers are Established.
podnetd_established() {
	local n
	n=$(podnetd_ctl "$1" -j peers 2>/dev/null |
		jq '[.peers[] | select(.state == "Established")] | length')
	[ "${n:-0}" -ge "$2" ]
}

# podnetd_route_count NODE: routes in NODE's podnet0 table.
podnetd_route_count() {
	ip netns exec "$1" "$CTL" -j route list podnet0 | jq length
}

# podnetd_has_routes NODE N: at least N routes in NODE's podnet0 table.
podnetd_has_routes() { [ "$(podnetd_route_count "$1")" -ge "$2" ]; }

# podnetd_gone PID: the process has exited (a zombie until waited for).
podnetd_gone() {
	[ ! -e "/proc/$1" ] || grep -q '^[0-9]* (.*) Z' "/proc/$1/stat"
}

# podnetd_alive NODE: its podnetd still runs.
podnetd_alive() { ! podnetd_gone "${podnetd_pids[$1]}"; }

# podnetd_kill NODE [SIGNAL]: signal NODE's podnetd (TERM) and wait for it
# to exit, 20 s at most, then KILL it. Its exit status is returned.
podnetd_kill() {
	local pid=${podnetd_pids[$1]:-} rc
	[ -n "$pid" ] || return 0
	kill -"${2:-TERM}" "$pid" 2>/dev/null
	wait_for 20 podnetd_gone "$pid" || kill -KILL "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	rc=$?
	unset "podnetd_pids[$1]"
	return $rc
}

# podnetd_kill_all: every podnetd started here.
podnetd_kill_all() {
	local node
	for node in "${!podnetd_pids[@]}"; do podnetd_kill "$node" KILL || true; done
}

# podnetd_log NODE: its log, for diagnostics.
podnetd_log() { cat "$PODNETD_STATE/$1/log" 2>/dev/null; }
