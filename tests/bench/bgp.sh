#!/usr/bin/env bash
# Benchmark, not a test: podnetd's BGP against BIRD 2, in one guest run.
#
# 1. A table of N IPv4 /32 prefixes (10.0.0.0 upwards, one set of
#    attributes) from one eBGP peer, into a receiver started empty, for
#    each size in SIZES:
#      podnetd      (AS 64512, `import: all`, cluster CIDR 10.0.0.0/8):
#                   its RIB, then the podnet0 module table
#      BIRD + FIB   BIRD 2 with `protocol kernel` exporting every route
#                   into the kernel FIB of its netns (one RTM_NEWROUTE
#                   each, as BIRD does): installed in the kernel, as with
#                   podnetd
#      BIRD table   BIRD 2 alone (no kernel protocol): the table only
#    Each receiver runs alone in a fresh netns "rx" (192.168.70.11) on a
#    bridge with the injectors, REPS times, the order reversed every other
#    repetition. Measured: seconds from the session's Established (the
#    injector's clock) to the last prefix installed (polled every POLL s:
#    podnetctl show's route count of podnet0; BIRD's exported count of its
#    kernel protocol, or imported count of the session, from `birdc show
#    protocols all`), peak RSS (VmHWM) and CPU time of the daemon, and
#    what the kernel's Slab + VmallocUsed grew by; the counts are checked
#    once the clock stopped. Two injectors, one after the other:
#      bgpbench.py  tests/bench/bgpbench.py serve (192.168.70.1): encodes
#                   the table once (~810 /32s per 4096-octet UPDATE) and
#                   sends it with one sendall(), so the receiver sets the
#                   pace
#      GoBGP        gobgpd (192.168.70.2), for sizes up to GOBGP_MAX,
#                   loaded with `gobgp mrt inject global` from an MRT file
#                   by tests/bench/mrtgen.py (it drops a few: the receivers
#                   expect what its RIB holds); Established from `gobgp
#                   monitor neighbor`
#    Each injector's own speed is measured against a sink that reads and
#    discards (bgpbench.py sink).
#
# 2. Convergence of a NODES-node cluster (netns c1..cNODES on one bridge,
#    node k at 192.168.80.(10+k), pod CIDR 10.244.k.0/24) through one BIRD
#    route reflector (tests/vm/peers/bgp_peers.sh, bird_rr_start): the
#    agents are started and ready first, then the reflector; the time from
#    starting it to every node having NODES-1 routes installed. Agents:
#    podnetd on every node (routes into podnet0), and, as the baseline,
#    BIRD on every node the way Calico runs it (static blackhole for the
#    node's block, iBGP to the reflector, gateway recursive, kernel
#    protocol exporting the BGP routes). Both retry connections every
#    second (podnetd's connect-retry 1, BIRD's error wait time 1, 1: no
#    back-off). One process (bgpbench.py converge) polls every node's
#    control socket; the kernel tables of the first and last node are
#    checked at the end. The agents' memory: summed peak RSS, and summed
#    PSS (shared library pages divided among the processes) once converged.
#
# Environment (scripts/bench sets these): REPS, SIZES ("" skips part 1),
# NODES (0 skips part 2), GOBGP_MAX, POLL, STALL (seconds without a new
# route before a receiver is given up), BENCH_BIN (a directory with
# podnetd, podnetctl and link_podnet.so to use).
set -u
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/../vm/lib.sh"
. "$here/../vm/topology.sh"
. "$here/lib.sh"
STATE=/tmp/bgp-bench
PODNETD_STATE=$STATE/podnetd
BGP_STATE_DIR=$STATE/peers
. "$here/../vm/peers/podnetd_node.sh"
. "$here/../vm/peers/bgp_peers.sh"
# scripts/bench copies the binaries at the start, so a rebuild of the tree
# during the run does not pull them from under it.
if [ -n "${BENCH_BIN:-}" ]; then
	CTL=$BENCH_BIN/podnetctl
	PODNETD=$BENCH_BIN/podnetd
	export IP_LIB_DIR=$BENCH_BIN
fi
REPS=${REPS:-3}
SIZES=${SIZES-100000 1000000}
NODES=${NODES:-50}
GOBGP_MAX=${GOBGP_MAX:-1000000}
POLL=${POLL:-0.5}
STALL=${STALL:-90}
BB=$here/bgpbench.py
INJ=192.168.70.1 GB=192.168.70.2 RX=192.168.70.11

sub() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", b - a}'; }
hwm_kb() { awk '$1 == "VmHWM:" {print $2}' "/proc/$1/status" 2>/dev/null; }
# cpu_s PID: its user and system CPU seconds so far (printed "U S").
cpu_s() {
	awk -v hz="$(getconf CLK_TCK)" '{sub(/^.*\) /, ""); printf "%.2f %.2f", $12 / hz, $13 / hz}' \
		"/proc/$1/stat" 2>/dev/null
}
mib() { awk -v k="$1" 'BEGIN {if (k == "" || k == "-") print "-"; else printf "%.1f", k / 1024}'; }
smib() { awk -v k="$1" 'BEGIN {printf "%+.1f", k / 1024}'; }

mkdir -p "$STATE"
modprobe -a veth bridge 2>/dev/null
pids=()
netns=()
cleanup() {
	local p
	podnetd_kill_all 2>/dev/null
	for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null; done
	for p in "$STATE"/bird-*.pid; do [ -f "$p" ] && kill -9 "$(cat "$p")" 2>/dev/null; done
	bgp_stop_all
	topo_destroy rx "${netns[@]}"
}
trap cleanup EXIT
failed=()
say "kernel $(uname -r), $(nproc) CPUs, $(awk '$1 == "MemTotal:" {printf "%d MiB", $2 / 1024}' /proc/meminfo) RAM"

# --- part 1: a table from one peer -------------------------------------------

# The injector's bridge: inj (bgpbench.py serve), gb (GoBGP), and rx for
# each receiver in turn.
if [ -n "$SIZES" ]; then
	if ! { topo_fabric bf && topo_subnet bf br0 &&
		topo_ns inj && topo_plug inj ul0 bf br0 && topo_addrs inj ul0 "$INJ/24" &&
		topo_ns gb && topo_plug gb ul0 bf br0 && topo_addrs gb ul0 "$GB/24"; }; then
		say "cannot build the injector's bridge"
		exit 1
	fi
	netns+=(bf inj gb)
fi

rx_up() {
	topo_ns rx && topo_plug rx ul0 bf br0 && topo_addrs rx ul0 "$RX/24"
}
# rx_down: the receiver's netns, its veth first (synchronously: the next
# rx may come at once), then a bounded wait until the kernel memory the
# run took (KiB over BASE) is mostly back (RCU frees it late).
rx_down() { # [BASE]
	local lim
	ip -n rx link del ul0 2>/dev/null
	ip netns del rx 2>/dev/null
	[ -n "${1:-}" ] || return 0
	lim=$((${1} + 2048))
	# shellcheck disable=SC2016 # awk's $1
	wait_for 60 awk -v lim="$lim" '$1 == "Slab:" || $1 == "VmallocUsed:" {s += $2}
		END {exit !(s <= lim)}' /proc/meminfo ||
		say "kernel memory still $(($(kmem_kb) - $1)) KiB above its base 60 s after a run"
}

# The receivers' configurations: one eBGP peer, PEER (AS 65000).
podnetd_rx_conf() { # PEER
	podnetd_config rx <<EOF2
node: {name: rx, as: 64512}
underlay: {interface: ul0}
pod-cidrs: [10.255.255.0/24]
cluster-cidrs: [10.0.0.0/8]
bgp:
  hold-time: 90
  connect-retry: 1
  graceful-restart: false
  peers:
    - {address: $1, as: 65000, import: all, export: none}
EOF2
}
bird_rx_conf() { # fib|table PEER
	cat <<EOF2
log "$STATE/bird-rx.log" { info, remote, warning, error, auth, fatal, bug };
router id $RX;
protocol device { scan time 10; }
EOF2
	# A long scan time: BIRD's periodic scan of a kernel table of a million
	# routes would land inside the measurement.
	[ "$1" = fib ] && echo 'protocol kernel k4 { scan time 3600; ipv4 { import none; export all; }; }'
	cat <<EOF2
protocol bgp inj {
	local $RX as 64512;
	neighbor $2 as 65000;
	hold time 90; keepalive time 30;
	connect delay time 1; connect retry time 1; error wait time 1, 4;
	ipv4 { import all; export none; };
}
EOF2
}

# rx_count KIND: what the receiver installed so far (printed).
rx_count() {
	case $1 in
	podnetd)
		ip netns exec rx "$CTL" show podnet0 2>/dev/null |
			awk '{for (i = 1; i < NF; i++) if ($i == "routes") print $(i + 1)}' ;;
	bird-fib | bird-table)
		birdc -s "$STATE/bird-rx.ctl" show protocols all 2>/dev/null |
			awk -v k="$1" '/^[^ ]/ {p = $1} $1 == "Routes:" {
				if (k == "bird-fib" && p == "k4") print $4
				if (k == "bird-table" && p == "inj") print $2 }' ;;
	esac
}

# The events the injector logged for rx since T0: "established T" lines.
inj_established() { # EVENTS T0
	awk -v t0="$2" -v rx="$RX" '$1 == "established" && $2 == rx && $3 >= t0 {print $3; exit}' "$1"
}

# rx_run KIND N EVENTS PEER: one receiver, alone, from start to N prefixes
# installed from PEER, whose Established times are in EVENTS; prints
# "start_to_established_s established_to_installed_s vmhwm_kib kernel_kib
# user_s sys_s poll_s" (the daemon's CPU time to the end; the time from
# one poll to the next). KIND: podnetd, bird-fib, bird-table.
rx_run() {
	local kind=$1 n=$2 events=$3 peer=$4 base t0 t1 te pid c limit hwm kern cpu check=ok tail
	local high high_at start polls
	rx_up || { say "$kind: cannot make netns rx"; return 1; }
	base=$(kmem_kb)
	limit=$((60 + n / 500)) high=0 high_at=$SECONDS start=$SECONDS polls=0
	t0=$(now)
	case $kind in
	podnetd)
		podnetd_rx_conf "$peer"
		podnetd_start rx
		pid=${podnetd_pids[rx]} ;;
	bird-*)
		bird_rx_conf "${kind#bird-}" "$peer" >"$STATE/bird-rx.conf"
		rm -f "$STATE/bird-rx.pid"
		ip netns exec rx bird -c "$STATE/bird-rx.conf" -s "$STATE/bird-rx.ctl" \
			-P "$STATE/bird-rx.pid" >>"$STATE/bird-rx.log" 2>&1 ||
			{ say "$kind: bird did not start: $(tail -n 3 "$STATE/bird-rx.log")"; rx_down; return 1; }
		wait_for 10 test -s "$STATE/bird-rx.pid"
		pid=$(cat "$STATE/bird-rx.pid") ;;
	esac
	# Until N, the daemon's death, LIMIT s, or STALL s without a new high.
	while :; do
		c=$(rx_count "$kind")
		polls=$((polls + 1))
		[ "${c:-0}" -ge "$n" ] && break
		if [ "${c:-0}" -gt "$high" ]; then high=$c high_at=$SECONDS; fi
		if [ ! -d "/proc/$pid" ]; then
			say "$kind: the daemon died at ${c:-0} of $n routes"
			check=died
			break
		fi
		if [ $((SECONDS - start)) -ge "$limit" ] || [ $((SECONDS - high_at)) -ge "$STALL" ]; then
			say "$kind: ${c:-0} of $n routes after $((SECONDS - start)) s, at most $high, none more for $((SECONDS - high_at)) s: giving up"
			check=timeout
			break
		fi
		sleep "$POLL"
	done
	t1=$(now)
	hwm=$(hwm_kb "$pid")
	cpu=$(cpu_s "$pid")
	kern=$(($(kmem_kb) - base))
	te=$(inj_established "$events" "$t0")
	# Cross-checks, after the clock stopped.
	case $kind in
	podnetd)
		tail=$(podnetd_ctl rx -j status 2>/dev/null | jq .routes.installed)
		[ "$tail" = "$n" ] || check="podnetd says $tail installed" ;;
	bird-fib)
		# The kernel's own count: /32 leaves of the main table.
		tail=$(ip netns exec rx cat /proc/net/fib_triestat |
			awk '/^Main:/ {m = 1} /^Local:/ {m = 0} m && $1 == "Prefixes:" {print $2}')
		[ "${tail:-0}" -ge "$n" ] || check="the FIB has ${tail:-0} prefixes" ;;
	esac
	if [ "$check" != ok ]; then
		say "$kind: $check; its log ends:"
		case $kind in
		podnetd) podnetd_log rx | tail -n 8 >&2 ;;
		*) tail -n 8 "$STATE/bird-rx.log" >&2 ;;
		esac
	fi
	kill -9 "$pid" 2>/dev/null
	[ "$kind" = podnetd ] && { podnetd_kill rx KILL 2>/dev/null; ip -n rx link del podnet0 2>/dev/null; }
	rx_down "$base"
	[ -n "$te" ] || { say "$kind: the injector saw no session"; return 1; }
	[ "$check" = ok ] || return 1
	echo "$(sub "$t0" "$te") $(sub "$te" "$t1") ${hwm:--} $kern ${cpu:-- -}" \
		"$(awk -v t="$(sub "$t0" "$t1")" -v n="$polls" 'BEGIN {printf "%.2f", t / n}')"
}

# sink_run PEER N: bgpbench.py sink in rx against PEER: prints "seconds
# prefixes" from Established to the last prefix.
sink_run() {
	local out est fin
	rx_up || return
	out=$(ip netns exec rx python3 "$BB" sink --peer "$1" --local "$RX" --as 64512 \
		--expect "$2" 2>&1)
	rx_down
	est=$(awk '$1 == "established" {print $2}' <<<"$out")
	fin=$(awk '$1 == "done" {print $2, $3}' <<<"$out")
	if [ -z "$est" ] || [ -z "$fin" ]; then say "sink: $out"; return 1; fi
	echo "$(sub "$est" "${fin% *}") ${fin#* }"
}

# gobgp_load N: gobgpd in gb, loaded with N prefixes from an MRT file and
# left running, its neighbor states (Established) logged to
# $STATE/events-gobgp as bgpbench.py logs them; prints "load_s prefixes"
# (`mrt inject` drops a few).
gobgp_load() {
	local n=$1 mrt t0 t1 prev=-1 cnt
	gobgp_start gb gbinj "$GB" 65000 179 "$RX" 64512 passive gr off hold 90 local "$GB" ||
		return
	# session_state 6 is Established; the time is when it was read. The
	# stream ends with gobgpd.
	gobgp_cmd gbinj monitor neighbor "$RX" -j 2>/dev/null |
		while IFS= read -r l; do
			case $l in *'"session_state":6,'*) echo "established $RX $(now)" ;; esac
		done >>"$STATE/events-gobgp" &
	mrt=$STATE/table-$n.mrt
	python3 "$here/mrtgen.py" "$n" "$mrt" --nexthop "$GB" --as-path "" || return
	t0=$(now)
	gobgp_cmd gbinj mrt inject global "$mrt" >/dev/null 2>&1
	# The CLI returns before gobgpd has taken everything: until the RIB's
	# count holds still for a second.
	while :; do
		cnt=$(gobgp_cmd gbinj global rib summary 2>/dev/null |
			awk -F'[ ,]+' '/Destination:/ {print $2}')
		[ "${cnt:-0}" = "$prev" ] && break
		prev=${cnt:-0}
		t1=$(now)
		sleep 1
	done
	rm -f "$mrt"
	[ "${cnt:-0}" -gt 0 ] || { say "GoBGP took no routes from the MRT file"; return 1; }
	echo "$(sub "$t0" "$t1") $cnt"
}

# Results by "INJECTOR,KIND,N": seconds, peak RSS, kernel memory, CPU.
declare -A T H K U S G
kinds=(podnetd bird-fib bird-table)
declare -A klabel=([podnetd]="podnetd -> podnet0" [bird-fib]="BIRD -> kernel FIB"
	[bird-table]="BIRD, table only")
injectors=(bgpbench)
command -v gobgpd >/dev/null && injectors+=(gobgp)
declare -A ilabel=([bgpbench]="bgpbench.py" [gobgp]="GoBGP")
inj_lines=()

# receivers INJECTOR N GOT EVENTS PEER: every receiver REPS times,
# interleaved, each until it has the GOT prefixes the injector has of N.
receivers() {
	local src=$1 n=$2 got=$3 events=$4 peer=$5 rep order i k out up inst hwm kern us ss pp
	for rep in $(seq "$REPS"); do
		if [ $((rep % 2)) = 1 ]; then order=("${kinds[@]}"); else
			order=(); for ((i = ${#kinds[@]} - 1; i >= 0; i--)); do order+=("${kinds[i]}"); done; fi
		for k in "${order[@]}"; do
			if out=$(rx_run "$k" "$got" "$events" "$peer"); then
				read -r up inst hwm kern us ss pp <<<"$out"
				T[$src,$k,$n]+="$inst " H[$src,$k,$n]+="$hwm " K[$src,$k,$n]+="$kern "
				U[$src,$k,$n]+="$us " S[$src,$k,$n]+="$ss "
				say "$got from ${ilabel[$src]}, rep $rep, ${klabel[$k]}: established after $up s, installed $inst s later, VmHWM $(mib "$hwm") MiB, kernel $(smib "$kern") MiB, CPU user $us s sys $ss s (a poll every $pp s)"
			else
				failed+=("$k $n from $src rep $rep")
			fi
		done
	done
}

for n in $SIZES; do
	say "table of $n prefixes from bgpbench.py"
	events=$STATE/events-$n
	: >"$events"
	t0=$(now)
	ip netns exec inj python3 "$BB" serve "$n" --listen "$INJ" --as 65000 \
		--events "$events" >"$STATE/inj-$n.out" 2>&1 &
	inj=$!
	pids+=("$inj")
	if wait_for 300 grep -q ready "$STATE/inj-$n.out"; then
		enc=$(sub "$t0" "$(now)")
		if out=$(sink_run "$INJ" "$n"); then
			inj_lines+=("$(printf '%-9s %-28s %8s %8s %9s %8s' "$n" "bgpbench.py (encode once)" \
				"$enc" "${out%% *}" "${out#* }" "$(mib "$(hwm_kb "$inj")")")")
		else
			failed+=("sink $n")
		fi
		receivers bgpbench "$n" "$n" "$events" "$INJ"
	else
		say "the injector did not start: $(cat "$STATE/inj-$n.out")"
		failed+=("injector $n")
	fi
	kill "$inj" 2>/dev/null
	wait "$inj" 2>/dev/null

	[ "$n" -le "$GOBGP_MAX" ] && [[ " ${injectors[*]} " == *" gobgp "* ]] || continue
	say "table of $n prefixes from GoBGP"
	: >"$STATE/events-gobgp"
	if out=$(gobgp_load "$n"); then
		read -r l c <<<"$out"
		if send=$(sink_run "$GB" "$c"); then
			inj_lines+=("$(printf '%-9s %-28s %8s %8s %9s %8s' "$n" \
				"GoBGP $(gobgp --version | awk '{print $3}') (mrt inject)" \
				"$l" "${send%% *}" "$c" "$(mib "$(hwm_kb "$(bgp_pid gbinj)")")")")
		else
			failed+=("gobgp sink $n")
		fi
		receivers gobgp "$n" "$c" "$STATE/events-gobgp" "$GB"
		G[$n]=$c
	else
		failed+=("gobgp $n")
	fi
	bgp_stop gbinj 2>/dev/null
done

if [ -n "$SIZES" ]; then
	echo
	echo "injectors alone, into a sink that reads and discards (from Established to the last prefix)"
	printf '%-9s %-28s %8s %8s %9s %8s\n' size injector "load s" "send s" prefixes "RSS MiB"
	for l in "${inj_lines[@]}"; do echo "$l"; done
	echo
	printf '%s\n' "a table of IPv4 /32s from one eBGP peer into an empty receiver: medians of $REPS reps, kernel $(uname -r)"
	printf '%s\n' "(seconds from Established to the last route installed, polled every $POLL s; the daemon's peak RSS;" \
		" the kernel's Slab+vmalloc growth; the daemon's CPU time)"
	printf '%-9s %-11s %-20s %8s %9s %8s %9s %7s %7s   %s\n' size injector receiver seconds "routes/s" \
		"RSS MiB" "kern MiB" "user s" "sys s" "[seconds per rep]"
	declare -A M
	for n in $SIZES; do
		for src in "${injectors[@]}"; do
			for k in "${kinds[@]}"; do
				key=$src,$k,$n
				[ -n "${T[$key]:-}" ] || continue
				got=$n
				[ "$src" = gobgp ] && got=${G[$n]}
				t=$(median <<<"${T[$key]}") h=$(median <<<"${H[$key]}") kk=$(median <<<"${K[$key]}")
				printf '%-9s %-11s %-20s %8s %9s %8s %9s %7s %7s   [%s]\n' "$n" "${ilabel[$src]}" \
					"${klabel[$k]}" "$t" \
					"$(awk -v n="$got" -v t="$t" 'BEGIN {if (t > 0) printf "%d", n / t; else print "-"}')" \
					"$(mib "$h")" "$(mib "$kk")" "$(median <<<"${U[$key]}")" \
					"$(median <<<"${S[$key]}")" "${T[$key]% }"
				M[$key]="$t $h $kk"
			done
		done
	done
	echo
	echo "ratios podnetd / BIRD (time, RSS, kernel memory: lower is better for podnetd)"
	for n in $SIZES; do
		for src in "${injectors[@]}"; do
			[ -n "${M[$src,podnetd,$n]:-}" ] || continue
			read -r pt ph pk <<<"${M[$src,podnetd,$n]}"
			for b in bird-fib bird-table; do
				[ -n "${M[$src,$b,$n]:-}" ] || continue
				read -r bt bh bk <<<"${M[$src,$b,$n]}"
				printf '%-9s %-11s podnetd / %-18s time %s, RSS %s, kernel memory %s\n' "$n" \
					"${ilabel[$src]}" "${klabel[$b]}:" \
					"$(ratio "$pt" "$bt")" "$(ratio "$ph" "$bh")" \
					"$([ $b = bird-fib ] && ratio "$pk" "$bk" || echo n/a)"
			done
		done
	done
fi

# --- part 2: NODES nodes through a route reflector ---------------------------

node_addr() { echo "192.168.80.$((10 + $1))"; }

cl_bird_conf() { # K
	local k=$1 a
	a=$(node_addr "$k")
	cat <<EOF
log "$STATE/bird-c$k.log" { info, remote, warning, error, auth, fatal, bug };
router id $a;
protocol device { scan time 10; }
protocol direct { ipv4; interface "ul0"; }
protocol static { ipv4; route 10.244.$k.0/24 blackhole; }
protocol kernel k4 { scan time 10; ipv4 { import none; export where source = RTS_BGP; }; }
protocol bgp reflector {
	local $a as 64512;
	neighbor 192.168.80.1 as 64512;
	hold time 9; keepalive time 3;
	connect delay time 1; connect retry time 1; error wait time 1, 1;
	ipv4 { gateway recursive; import all; export where source = RTS_STATIC; next hop self; };
}
EOF
}

# cl_missing AGENT K: the other nodes' pod CIDRs missing from node K's
# kernel table (podnet0's, or the FIB's routes of BIRD), printed.
cl_missing() {
	local have j
	if [ "$1" = podnetd ]; then
		have=$(ip netns exec "c$2" "$CTL" -j route list podnet0 | jq -r '.[].dst')
	else
		have=$(ip -n "c$2" route show proto bird | awk '{print $1}')
	fi
	for j in $(seq "$NODES"); do
		[ "$j" = "$2" ] || grep -qxF "10.244.$j.0/24" <<<"$have" || printf '10.244.%d.0/24 ' "$j"
	done
}

# cluster_run AGENT: start AGENT (podnetd or bird) on every node, wait until
# every one answers, start the reflector; prints "seconds_to_all_up
# seconds_to_converged median_poll_round_s sum_vmhwm_kib rr_vmhwm_kib
# sum_pss_kib" (the agents' summed peak RSS, and their summed PSS once
# converged).
cluster_run() {
	local agent=$1 k socks=() t0 out tdone tup r hwm pss h pid peers=() rr_pid rc=0 ts tr tt
	local apids=()
	ts=$(now)
	for k in $(seq "$NODES"); do
		peers+=("$(node_addr "$k")")
		case $agent in
		podnetd)
			podnetd_config "c$k" <<EOF
node: {name: c$k, as: 64512}
underlay: {interface: ul0}
pod-cidrs: [10.244.$k.0/24]
cluster-cidrs: [10.244.0.0/16]
bgp:
  hold-time: 9
  connect-retry: 1
  graceful-restart: false
  peers:
    - {address: 192.168.80.1}
EOF
			podnetd_start "c$k"
			socks+=("podnetd:$PODNETD_STATE/c$k/ctl.sock") ;;
		bird)
			cl_bird_conf "$k" >"$STATE/bird-c$k.conf"
			ip netns exec "c$k" bird -c "$STATE/bird-c$k.conf" -s "$STATE/bird-c$k.ctl" \
				-P "$STATE/bird-c$k.pid" >>"$STATE/bird-c$k.log" 2>&1 || rc=1
			socks+=("bird:$STATE/bird-c$k.ctl") ;;
		esac
	done
	[ $rc = 0 ] || say "$agent: some agents did not start: $(tail -n 2 "$STATE/bird-c1.log")"
	if ! python3 "$BB" converge --expect 0 --timeout 300 "${socks[@]}" >"$STATE/ready.out"; then
		say "$agent: not every agent answers: $(tail -n 1 "$STATE/ready.out")"
		rc=1
	fi
	tr=$(now)
	if [ $rc = 0 ]; then
		t0=$(now)
		if bird_rr_start rr rr 192.168.80.1 64512 192.168.80.1 "${peers[@]}"; then
			python3 "$BB" converge --expect $((NODES - 1)) --timeout 600 "${socks[@]}" \
				>"$STATE/converge-$agent.out" || rc=1
			out=$STATE/converge-$agent.out
			tdone=$(awk '$1 == "done" {print $2}' "$out")
			if [ $rc != 0 ]; then
				say "$agent: $(tail -n 1 "$out"); c1's log ends:"
				case $agent in
				podnetd) podnetd_log c1 | tail -n 8 >&2 ;;
				bird) tail -n 8 "$STATE/bird-c1.log" >&2 ;;
				esac
			fi
			# Every node's session Established (the last "up").
			tup=$(awk '$1 == "up" {t = $2} END {print t}' "$out")
			[ "$(grep -c '^up ' "$out")" = "$NODES" ] || tup=
			r=$(awk '$1 == "round" {print $3}' "$out" | median)
			rr_pid=$(bgp_pid rr)
			# The kernel tables of the first and last node, as the kernel has them.
			for k in 1 "$NODES"; do
				c=$(cl_missing "$agent" "$k")
				[ -z "$c" ] && continue
				say "c$k: no route to $c in the kernel once converged; the reflector's log has:"
				grep -iE 'error|down|closed|expired|withdraw' "$(bgp_log rr)" | tail -n 8 >&2
				rc=1
			done
		else
			rc=1
		fi
	fi
	# The agents' peak RSS, summed in one go.
	for k in $(seq "$NODES"); do
		case $agent in
		podnetd) apids+=("${podnetd_pids[c$k]:-x}") ;;
		bird) apids+=("$(cat "$STATE/bird-c$k.pid" 2>/dev/null || echo x)") ;;
		esac
	done
	hwm=$(cd /proc && cat "${apids[@]/%//status}" 2>/dev/null |
		awk '$1 == "VmHWM:" {s += $2} END {print s + 0}')
	# RSS counts the shared libraries' pages once per process; PSS
	# divides them among the processes mapping them: what the node
	# agents of the whole cluster take together.
	pss=$(cd /proc && cat "${apids[@]/%//smaps_rollup}" 2>/dev/null |
		awk '$1 == "Pss:" {s += $2} END {print s + 0}')
	h=$(hwm_kb "${rr_pid:-x}")
	# SIGTERM to all, then one bounded wait: podnetd (without graceful
	# restart) and BIRD take their routes out of the kernel as they go;
	# podnet0 stays, empty, for the next podnetd to take over.
	for pid in "${apids[@]}"; do kill -TERM "$pid" 2>/dev/null; done
	for pid in "${apids[@]}"; do
		[ "$pid" = x ] || wait_for 30 podnetd_gone "$pid" || kill -9 "$pid" 2>/dev/null
	done
	[ "$agent" = podnetd ] && wait "${apids[@]}" 2>/dev/null
	rm -f "$STATE"/bird-c*.pid
	bgp_stop rr 2>/dev/null
	tt=$(now)
	say "$agent: $NODES agents started and answering in $(sub "$ts" "$tr") s; run and teardown $(sub "$tr" "$tt") s"
	[ $rc = 0 ] && [ -n "$tdone" ] || return 1
	echo "$([ -n "$tup" ] && sub "$t0" "$tup" || echo -) $(sub "$t0" "$tdone") $r $hwm ${h:--} $pss"
}

if [ "$NODES" -gt 0 ]; then
	[ "$NODES" -le 240 ] || { say "NODES: at most 240"; exit 1; }
	say "$NODES nodes through a route reflector"
	if ! { topo_fabric cf && topo_subnet cf cbr && topo_ns rr &&
		topo_plug rr ul0 cf cbr && topo_addrs rr ul0 192.168.80.1/24; }; then
		say "cannot build the cluster's bridge"
		exit 1
	fi
	netns+=(cf rr)
	for k in $(seq "$NODES"); do
		topo_node "c$k" cf cbr addr "$(node_addr "$k")/24" || { say "cannot make node c$k"; exit 1; }
		netns+=("c$k")
	done
	declare -A CU CT CR CH CRR CP
	agents=(podnetd bird)
	declare -A alabel=([podnetd]="podnetd" [bird]="BIRD (Calico-style)")
	for rep in $(seq "$REPS"); do
		if [ $((rep % 2)) = 1 ]; then order=(podnetd bird); else order=(bird podnetd); fi
		for a in "${order[@]}"; do
			if out=$(cluster_run "$a"); then
				read -r up conv r hwm rrh pss <<<"$out"
				CU[$a]+="$up " CT[$a]+="$conv " CR[$a]+="$r " CH[$a]+="$hwm " CRR[$a]+="$rrh "
				CP[$a]+="$pss "
				say "cluster rep $rep ${alabel[$a]}: all up ${up} s, converged ${conv} s after the reflector's start (poll round ${r} s), agents' VmHWM $(mib "$hwm") MiB, PSS $(mib "$pss") MiB in all"
			else
				failed+=("cluster $a rep $rep")
			fi
		done
	done
	echo
	echo "$NODES nodes, one BIRD route reflector: from starting the reflector to every node having $((NODES - 1)) routes installed; medians of $REPS reps"
	echo "(agents' memory summed over the nodes: peak RSS, which counts each shared library once per"
	echo " process, and PSS once converged, which shares its pages out among the processes)"
	printf '%-22s %11s %12s %13s %10s %10s %11s   %s\n' agents "sessions s" "converged s" "poll round s" \
		"RSS MiB" "PSS MiB" "RR RSS MiB" "[converged per rep]"
	for a in "${agents[@]}"; do
		[ -n "${CT[$a]:-}" ] || continue
		printf '%-22s %11s %12s %13s %10s %10s %11s   [%s]\n' "${alabel[$a]}" "$(median <<<"${CU[$a]}")" \
			"$(median <<<"${CT[$a]}")" "$(median <<<"${CR[$a]}")" "$(mib "$(median <<<"${CH[$a]}")")" \
			"$(mib "$(median <<<"${CP[$a]}")")" "$(mib "$(median <<<"${CRR[$a]}")")" "${CT[$a]% }"
	done
	if [ -n "${CT[podnetd]:-}" ] && [ -n "${CT[bird]:-}" ]; then
		printf 'ratios podnetd / BIRD: convergence %s, agents'"'"' RSS %s, PSS %s\n' \
			"$(ratio "$(median <<<"${CT[podnetd]}")" "$(median <<<"${CT[bird]}")")" \
			"$(ratio "$(median <<<"${CH[podnetd]}")" "$(median <<<"${CH[bird]}")")" \
			"$(ratio "$(median <<<"${CP[podnetd]}")" "$(median <<<"${CP[bird]}")")"
	fi
fi

echo
if [ ${#failed[@]} -gt 0 ]; then
	echo "FAILED: ${failed[*]}"
	exit 1
fi
