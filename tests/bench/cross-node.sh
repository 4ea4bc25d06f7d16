#!/usr/bin/env bash
# Benchmark, not a test: pod-to-pod across nodes, each podnet path against
# the system it replaces, all built side by side in one guest on one
# underlay and measured interleaved:
#
#   podnet direct  vs  host-gw: Calico-style pods (/32 route, proxy ARP),
#                      plain kernel routes via the other node's underlay
#                      address (Flannel host-gw, Calico BGP without IPIP)
#   podnet vxlan   vs  Flannel VXLAN: cni0 bridge + flannel.1 (vxlan id 1,
#                      port 8472, nolearning, static neighbour/FDB entries)
#   podnet vxlan   vs  Flannel UDP: cni0 bridge + TUN flannel0 + udptun, a
#                      userspace encapsulator (tests/bench/udptun.c)
#   podnet ipip    vs  Calico IPIP: tunl0 with onlink routes, /32 pods
#
# Underlay (tests/vm/topology.sh): subnet A 192.168.1.0/24 on bridge brA,
# subnet B 192.168.2.0/24 on bridge brB, router rtr between them. Each path
# has its own nodes (netns), two on A and, for the tunnels, a third on B
# (the "x-subnet" rows go through the router). Node i of a path owns pod
# CIDR 10.244.i.0/24 and runs one pod, 10.244.i.2.
#
# Per path and repetition: iperf3 TCP -P1 and -P4 (Mbit/s received) and
# qperf tcp_lat (half the round trip of a 1-byte TCP ping-pong, mean, us:
# the tool the anchors and the single-node bench use, so the figures
# compare; sockperf would add percentiles, which emulation noise swamps);
# medians and the ratios podnet/baseline. Then route programming: ROUTES
# /32 routes through `ip -batch` into the kernel FIB vs `podnetctl route
# batch podnet0 -`, and memory per route (Slab and VmallocUsed deltas of
# /proc/meminfo) for each MEM_ROUTES count.
#
# Environment (scripts/bench sets these): REPS, SECS, PATHS (subset of
# "hostgw vxlan udp ipip podnet-direct podnet-vxlan podnet-ipip"),
# XSUBNET (1: also measure across the router), ROUTES, MEM_ROUTES
# ("" skips the memory figures), UDPTUN (the built udptun binary),
# BENCH_BIN (a directory with podnetctl and link_podnet.so to use).
set -u
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/../vm/lib.sh"
. "$here/../vm/topology.sh"
. "$here/lib.sh"
# scripts/bench copies podnetctl and link_podnet.so at the start, so a
# rebuild of the tree during the run does not pull them from under it.
if [ -n "${BENCH_BIN:-}" ]; then
	CTL=$BENCH_BIN/podnetctl
	export IP_LIB_DIR=$BENCH_BIN
fi
REPS=${REPS:-5}
SECS=${SECS:-4}
PATHS=${PATHS:-hostgw vxlan udp ipip podnet-direct podnet-vxlan podnet-ipip}
XSUBNET=${XSUBNET:-1}
ROUTES=${ROUTES:-100000}
MEM_ROUTES=${MEM_ROUTES-100000 1000000}
UDPTUN=${UDPTUN:-}


modprobe -a veth bridge vxlan ipip tun dummy 2>/dev/null

# Everything we start, killed by pid at exit; every netns we create.
pids=()
netns=()
cleanup() {
	local p
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
	for p in /tmp/cross-iperf3-*.pid; do
		[ -f "$p" ] && kill "$(cat "$p")" 2>/dev/null
		rm -f "$p"
	done
	topo_destroy "${netns[@]}"
}
trap cleanup EXIT

# --- underlay --------------------------------------------------------------

if ! { topo_fabric fab && topo_subnet fab brA && topo_subnet fab brB &&
	topo_router rtr fab brA 192.168.1.1/24 brB 192.168.2.1/24; }; then
	say "cannot build the underlay"
	exit 1
fi
netns+=(fab rtr)

# Path number K owns 192.168.1.(10K+1), 192.168.1.(10K+2) and 192.168.2.(10K+1).
ul_addr() { # K I
	case $2 in
	1|2) echo "192.168.1.$((10 * $1 + $2))" ;;
	3) echo "192.168.2.$((10 * $1 + 1))" ;;
	esac
}

# nodes TAG K N: nodes TAGn1..TAGnN of path K on the underlay, and their
# pods TAGp1..TAGpN (netns only: each path wires its pods). Prints nothing.
nodes() {
	local tag=$1 k=$2 n=$3 i br gw
	for i in $(seq "$n"); do
		if [ "$i" -le 2 ]; then br=brA gw=192.168.1.1; else br=brB gw=192.168.2.1; fi
		topo_node "${tag}n$i" fab "$br" addr "$(ul_addr "$k" "$i")/24" gw4 "$gw" || return
		netns+=("${tag}n$i" "${tag}p$i")
	done
}

# others N I: the nodes other than I among 1..N.
others() { local j; for j in $(seq "$1"); do [ "$j" = "$2" ] || echo "$j"; done; }

# --- baselines, wired as those systems wire them ---------------------------

# host-gw: Calico-style pods; the other node's pod CIDR via its underlay
# address. Needs L2 adjacency, so two nodes on subnet A only.
wire_hostgw() { # TAG K
	local tag=$1 k=$2 i j
	nodes "$tag" "$k" 2 || return
	for i in 1 2; do
		topo_pod "${tag}n$i" veth0 "${tag}p$i" addr "10.244.$i.2/32" gw4 169.254.1.1 &&
			topo_pod_calico "${tag}n$i" veth0 "10.244.$i.2" || return
		for j in $(others 2 "$i"); do
			ip -n "${tag}n$i" route add "10.244.$j.0/24" via "$(ul_addr "$k" "$j")" dev ul0 || return
		done
	done
}

# Flannel VXLAN (vxlan backend): cni0 bridge with the node's /24, pods on
# it; flannel.1 (VNI 1, port 8472, nolearning) holding 10.244.i.0/32; per
# remote node an onlink route via its 10.244.j.0, a permanent neighbour
# entry (that address -> the node's flannel.1 MAC) and an FDB entry (MAC ->
# the node's underlay address). MTU 1450.
fv_mac() { printf '0e:fe:00:00:%02x:%02x' "$1" "$2"; } # K I
wire_vxlan() { # TAG K N
	local tag=$1 k=$2 n=$3 i j node
	nodes "$tag" "$k" "$n" || return
	for i in $(seq "$n"); do
		node=${tag}n$i
		ip -n "$node" link add cni0 type bridge &&
			ip -n "$node" link set cni0 mtu 1450 up &&
			ip -n "$node" addr add "10.244.$i.1/24" dev cni0 &&
			topo_pod "$node" veth0 "${tag}p$i" addr "10.244.$i.2/24" gw4 "10.244.$i.1" mtu 1450 &&
			ip -n "$node" link set veth0 master cni0 || return
		ip -n "$node" link add flannel.1 address "$(fv_mac "$k" "$i")" type vxlan \
			id 1 local "$(ul_addr "$k" "$i")" dev ul0 dstport 8472 nolearning &&
			ip -n "$node" addr add "10.244.$i.0/32" dev flannel.1 &&
			ip -n "$node" link set flannel.1 mtu 1450 up || return
		for j in $(others "$n" "$i"); do
			ip -n "$node" route add "10.244.$j.0/24" via "10.244.$j.0" dev flannel.1 onlink &&
				ip -n "$node" neigh add "10.244.$j.0" lladdr "$(fv_mac "$k" "$j")" \
					dev flannel.1 nud permanent &&
				ip netns exec "$node" bridge fdb append "$(fv_mac "$k" "$j")" \
					dev flannel.1 dst "$(ul_addr "$k" "$j")" self permanent || return
		done
	done
}

# Calico IPIP: /32 pods with proxy ARP; tunl0 (the ipip fallback device)
# up with the node's tunnel address 10.244.i.1/32; each remote block via
# the node's underlay address, onlink through tunl0. MTU 1480.
wire_ipip() { # TAG K N
	local tag=$1 k=$2 n=$3 i j node
	nodes "$tag" "$k" "$n" || return
	for i in $(seq "$n"); do
		node=${tag}n$i
		topo_pod "$node" veth0 "${tag}p$i" addr "10.244.$i.2/32" gw4 169.254.1.1 mtu 1480 &&
			topo_pod_calico "$node" veth0 "10.244.$i.2" &&
			ip -n "$node" link set tunl0 mtu 1480 up &&
			ip -n "$node" addr add "10.244.$i.1/32" dev tunl0 || return
		for j in $(others "$n" "$i"); do
			ip -n "$node" route add "10.244.$j.0/24" via "$(ul_addr "$k" "$j")" \
				dev tunl0 onlink || return
		done
	done
}

# Flannel UDP (udp backend): cni0 bridge as for VXLAN; TUN flannel0 with
# 10.244.i.0/16 (the cluster CIDR goes to it); a userspace process moves
# packets between flannel0 and UDP port 8285, one datagram per packet.
# MTU 1472.
wire_udp() { # TAG K
	local tag=$1 k=$2 i j node peers
	[ -x "$UDPTUN" ] || { say "udptun not built"; return 1; }
	nodes "$tag" "$k" 2 || return
	for i in 1 2; do
		node=${tag}n$i
		ip -n "$node" link add cni0 type bridge &&
			ip -n "$node" link set cni0 mtu 1472 up &&
			ip -n "$node" addr add "10.244.$i.1/24" dev cni0 &&
			topo_pod "$node" veth0 "${tag}p$i" addr "10.244.$i.2/24" gw4 "10.244.$i.1" mtu 1472 &&
			ip -n "$node" link set veth0 master cni0 || return
		ip -n "$node" tuntap add dev flannel0 mode tun &&
			ip -n "$node" link set flannel0 mtu 1472 up &&
			ip -n "$node" addr add "10.244.$i.0/16" dev flannel0 || return
		peers=()
		for j in $(others 2 "$i"); do
			peers+=("10.244.$j.0/24=$(ul_addr "$k" "$j")")
		done
		ip netns exec "$node" "$UDPTUN" -i flannel0 -l "$(ul_addr "$k" "$i")" \
			"${peers[@]}" 2>>"/tmp/udptun-$node.log" &
		pids+=($!)
	done
}

# --- podnet paths (planned interface; one function per path) ---------------

# podnet_pod NODE POD I MTU: node I's pod as a routed-mode port of podnet0,
# the way tests/bench/single-node.sh attaches pods: port, endpoint, /32 route.
podnet_pod() {
	local node=$1 pod=$2 i=$3 mtu=$4
	topo_pod "$node" veth0 "$pod" addr "10.244.$i.2/32" gw4 169.254.1.1 mtu "$mtu" &&
		ip -n "$node" link set veth0 master podnet0 &&
		ip netns exec "$node" "$CTL" endpoint add podnet0 "10.244.$i.2" veth0 \
			mac "$(topo_mac "$pod" eth0)" &&
		ip -n "$node" route add "10.244.$i.2/32" dev podnet0
}

# podnet_node NODE I: the host side every podnet path shares: podnet0 up
# (created by the caller) with the node's 10.244.i.1/32, the cluster CIDR
# routed to it.
podnet_node() {
	ip -n "$1" link set podnet0 up &&
		ip -n "$1" addr add "10.244.$2.1/32" dev podnet0 &&
		ip -n "$1" route add 10.244.0.0/16 dev podnet0
}

wire_podnet_direct() { # TAG K
	local tag=$1 k=$2 i j node
	nodes "$tag" "$k" 2 || return
	for i in 1 2; do
		node=${tag}n$i
		ip -n "$node" link add podnet0 type podnet mode routed encap direct underlay ul0 &&
			podnet_node "$node" "$i" && podnet_pod "$node" "${tag}p$i" "$i" 1500 || return
		for j in $(others 2 "$i"); do
			ip netns exec "$node" "$CTL" route add podnet0 "10.244.$j.0/24" \
				via "$(ul_addr "$k" "$j")" || return
		done
	done
}

wire_podnet_vxlan() { # TAG K N
	local tag=$1 k=$2 n=$3 i j node
	nodes "$tag" "$k" "$n" || return
	for i in $(seq "$n"); do
		node=${tag}n$i
		ip -n "$node" link add podnet0 type podnet mode routed encap vxlan \
			vni 1 port 4789 underlay ul0 &&
			podnet_node "$node" "$i" && podnet_pod "$node" "${tag}p$i" "$i" 1450 || return
		for j in $(others "$n" "$i"); do
			ip netns exec "$node" "$CTL" route add podnet0 "10.244.$j.0/24" \
				via "$(ul_addr "$k" "$j")" || return
		done
	done
}

wire_podnet_ipip() { # TAG K N
	local tag=$1 k=$2 n=$3 i j node
	nodes "$tag" "$k" "$n" || return
	for i in $(seq "$n"); do
		node=${tag}n$i
		ip -n "$node" link add podnet0 type podnet mode routed encap ipip underlay ul0 &&
			podnet_node "$node" "$i" && podnet_pod "$node" "${tag}p$i" "$i" 1480 || return
		for j in $(others "$n" "$i"); do
			ip netns exec "$node" "$CTL" route add podnet0 "10.244.$j.0/24" \
				via "$(ul_addr "$k" "$j")" || return
		done
	done
}

# --- build the paths ---------------------------------------------------------

# Measured rows: name, client pod, server pod, server address; the podnet
# row and the baseline each ratio compares.
declare -A row_client row_server row_addr
add_row() { row_client[$1]=$2; row_server[$1]=$3; row_addr[$1]=$4; }
failed=()

k=0
for path in $PATHS; do
	k=$((k + 1))
	n=2
	[ "$XSUBNET" = 1 ] && n=3
	case $path in
	hostgw) tag=hg name="host-gw"; args=("$tag" "$k") ;;
	vxlan) tag=fv name="flannel vxlan"; args=("$tag" "$k" "$n") ;;
	udp) tag=fu name="flannel udp"; args=("$tag" "$k") ;;
	ipip) tag=ci name="calico ipip"; args=("$tag" "$k" "$n") ;;
	podnet-direct) tag=pd name="podnet direct"; args=("$tag" "$k") ;;
	podnet-vxlan) tag=pv name="podnet vxlan"; args=("$tag" "$k" "$n") ;;
	podnet-ipip) tag=pi name="podnet ipip"; args=("$tag" "$k" "$n") ;;
	*) say "unknown path '$path'"; exit 1 ;;
	esac
	if ! "wire_${path//-/_}" "${args[@]}"; then
		say "$name: wiring failed"
		failed+=("$name")
		continue
	fi
	add_row "$name" "${tag}p1" "${tag}p2" 10.244.2.2
	[ ${#args[@]} = 3 ] && [ "$n" = 3 ] && add_row "$name x-subnet" "${tag}p1" "${tag}p3" 10.244.3.2
done

# Each podnet row next to its baseline, so both see the same moment of the
# host's load; the order is reversed every other repetition.
order=("host-gw" "podnet direct" "flannel vxlan" "podnet vxlan" "flannel udp"
	"calico ipip" "podnet ipip" "flannel vxlan x-subnet" "podnet vxlan x-subnet"
	"calico ipip x-subnet" "podnet ipip x-subnet")

# Servers, then connectivity through the path under test (bounded waits).
live=()
for r in "${order[@]}"; do
	[ -n "${row_client[$r]:-}" ] || continue
	c=${row_client[$r]} s=${row_server[$r]} a=${row_addr[$r]}
	if ! topo_wait_ping "$c" "$a" 15; then
		say "$r: no connectivity from $c to $a"
		failed+=("$r")
		continue
	fi
	if [ ! -f "/tmp/cross-iperf3-$s.pid" ]; then
		ip netns exec "$s" iperf3 -s -D -I "/tmp/cross-iperf3-$s.pid" >/dev/null 2>&1
		ip netns exec "$s" qperf >/dev/null 2>&1 &
		pids+=($!)
	fi
	if ! topo_wait_listen "$s" 5201 10 || ! topo_wait_listen "$s" 19765 10; then
		say "$r: iperf3/qperf servers in $s did not start"
		failed+=("$r")
		continue
	fi
	live+=("$r")
done

# The tunnels really carry the baselines' traffic.
dev_tx() { ip -n "$1" -s -j link show dev "$2" | jq '.[0].stats64.tx.packets'; }
for pair in fvn1:flannel.1 cin1:tunl0 fun1:flannel0; do
	node=${pair%%:*} dev=${pair#*:}
	ip netns list | grep -qw "$node" || continue
	[ "$(dev_tx "$node" "$dev")" -gt 0 ] || { say "$node: no packets through $dev"; failed+=("$node $dev"); }
done

# --- measure -------------------------------------------------------------------

iperf() { # CLIENT ADDR STREAMS: Mbit/s received, empty on failure
	ip netns exec "$1" iperf3 -c "$2" -P "$3" -t "$SECS" -J 2>/dev/null |
		jq -e '.end.sum_received.bits_per_second / 1e6 | floor' 2>/dev/null
}
tcp_lat() { # CLIENT ADDR: us, empty on failure
	ip netns exec "$1" qperf -t "$SECS" -vu "$2" tcp_lat 2>/dev/null |
		awk '/latency/ {v=$3; if ($4=="ms") v*=1000; if ($4=="ns") v/=1000; print v}'
}

declare -A t1 t4 lat
if [ ${#live[@]} -gt 0 ]; then
	say "measuring ${#live[@]} rows, $REPS interleaved reps of ${SECS} s each (kernel $(uname -r))"
fi
reversed=()
for ((i = ${#live[@]} - 1; i >= 0; i--)); do reversed+=("${live[i]}"); done
for rep in $(seq "$REPS"); do
	if [ $((rep % 2)) = 1 ]; then set -- "${live[@]}"; else set -- "${reversed[@]}"; fi
	for r in "$@"; do
		c=${row_client[$r]} a=${row_addr[$r]}
		x1=$(iperf "$c" "$a" 1)
		x4=$(iperf "$c" "$a" 4)
		l=$(tcp_lat "$c" "$a")
		t1[$r]+="${x1:--} " t4[$r]+="${x4:--} " lat[$r]+="${l:--} "
		say "rep $rep $r: -P1 ${x1:-FAIL} Mbit/s, -P4 ${x4:-FAIL} Mbit/s, tcp_lat ${l:-FAIL} us"
	done
done


declare -A m1 m4 ml
if [ ${#live[@]} -gt 0 ]; then
	printf '\n%-24s %12s %12s %12s   (medians of %d interleaved reps of %d s, kernel %s)\n' \
		"pod->pod across nodes" "-P1 Mbit/s" "-P4 Mbit/s" "tcp_lat us" "$REPS" "$SECS" "$(uname -r)"
	for r in "${live[@]}"; do
		m1[$r]=$(median <<<"${t1[$r]}") m4[$r]=$(median <<<"${t4[$r]}") ml[$r]=$(median <<<"${lat[$r]}")
		printf '%-24s %12s %12s %12s   [%s| %s| %s]\n' "$r" "${m1[$r]}" "${m4[$r]}" "${ml[$r]}" \
			"${t1[$r]}" "${t4[$r]}" "${lat[$r]}"
	done
fi

# podnet row / baseline row, with the issue's throughput target.
echo
echo "ratios podnet/baseline (throughput -P1, -P4: higher is better; latency: lower is better)"
for cmp in "podnet vxlan|flannel vxlan|1.25" "podnet vxlan|flannel udp|2" \
	"podnet ipip|calico ipip|1.1" "podnet direct|host-gw|0.95" \
	"podnet vxlan x-subnet|flannel vxlan x-subnet|1.25" \
	"podnet ipip x-subnet|calico ipip x-subnet|1.1"; do
	IFS='|' read -r p b target <<<"$cmp"
	if [ -z "${m1[$b]:-}" ]; then
		continue
	elif [ -z "${m1[$p]:-}" ]; then
		printf '%-46s n/a (podnet path not measured)\n' "$p / $b:"
	else
		printf '%-46s -P1 %s, -P4 %s, latency %s   (target >= %sx)\n' "$p / $b:" \
			"$(ratio "${m1[$p]}" "${m1[$b]}")" "$(ratio "${m4[$p]}" "${m4[$b]}")" \
			"$(ratio "${ml[$p]}" "${ml[$b]}")" "$target"
	fi
done

# The paths are done with: free the CPU and memory for the route figures.
cleanup
pids=()
netns=(rb)

# --- route programming and memory per route -------------------------------------

meminfo_kb() { awk -v k="$1:" '$1 == k {print $2}' /proc/meminfo; }

# gen_routes N FORMAT: N /32 routes from 10.0.0.0 upwards, one line each;
# FORMAT is a printf format taking the prefix.
gen_routes() {
	awk -v n="$1" -v f="$2" 'BEGIN {
		for (i = 0; i < n; i++)
			printf f "\n", sprintf("%d.%d.%d.%d/32", 10 + int(i / 16777216),
				int(i / 65536) % 256, int(i / 256) % 256, i % 256) }'
}

# A netns "rb" with ul0 (dummy, 192.168.1.11/24) for the routes' next hop.
rb_setup() {
	ip netns add rb && ip -n rb link add ul0 type dummy &&
		ip -n rb addr add 192.168.1.11/24 dev ul0 && ip -n rb link set ul0 up
}

# kernel FIB: one RTM_NEWROUTE per route through `ip -batch`, 100k lines
# per ip process (iproute2 6.1's ip grows by ~1.8 KiB a batch line: a
# million lines at once exhaust the guest's memory).
fib_load() { # FILE: seconds
	local t0 t1 chunk
	split -l 100000 "$1" "$1.part." || return
	t0=$(now)
	for chunk in "$1".part.*; do
		ip -n rb -batch "$chunk" || { rm -f "$1".part.*; return 1; }
	done
	t1=$(now)
	rm -f "$1".part.*
	awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.3f", b - a}'
}

# podnet: `podnetctl route batch DEV -`, one "add PREFIX via ADDRESS" a
# line (podnetctl reads the whole file, then sends the routes in batches).
podnet_batch_setup() {
	ip -n rb link add podnet0 type podnet mode routed encap vxlan underlay ul0 &&
		ip -n rb link set podnet0 up
}
podnet_batch_format='add %s via 192.168.1.12'
podnet_load() { # FILE: seconds
	local t0 t1
	t0=$(now)
	ip netns exec rb "$CTL" route batch podnet0 - <"$1" || return
	t1=$(now)
	awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.3f", b - a}'
}

# measure_table WHAT N: load N routes into a fresh table (WHAT: fib or
# podnet); prints "seconds slab_kib vmalloc_kib", the load's wall time and
# what it added to Slab and VmallocUsed. Deleting the device that holds the
# routes frees them (after RCU grace periods): wait, bounded, until most of
# the memory came back, so the next figure starts from a quiet base.
measure_table() {
	local what=$1 n=$2 file=/tmp/routes-$1-$2 s0 s1 v0 v1 secs lim dev=ul0
	case $what in
	fib) gen_routes "$n" 'route add %s via 192.168.1.12 dev ul0' >"$file" ;;
	podnet) gen_routes "$n" "$podnet_batch_format" >"$file"; dev=podnet0 ;;
	esac
	rb_setup && { [ "$what" = fib ] || podnet_batch_setup; } &&
		s0=$(meminfo_kb Slab) && v0=$(meminfo_kb VmallocUsed) &&
		secs=$("${what}_load" "$file") &&
		s1=$(meminfo_kb Slab) && v1=$(meminfo_kb VmallocUsed) || secs=
	rm -f "$file"
	if [ -n "$secs" ]; then
		ip -n rb link del "$dev"
		lim=$(((s1 - s0) / 10))
		[ "$lim" -gt 1024 ] || lim=1024
		# shellcheck disable=SC2016 # awk's $1, $2
		wait_for 60 awk -v lim=$((s0 + lim)) \
			'$1 == "Slab:" {exit !($2 <= lim)}' /proc/meminfo ||
			say "$what: Slab still $(($(meminfo_kb Slab) - s0)) KiB above its base 60 s after deleting $n routes"
	fi
	ip netns del rb 2>/dev/null
	[ -n "$secs" ] && echo "$secs $((s1 - s0)) $((v1 - v0))"
}

per_route() { awk -v k="$1" -v n="$2" 'BEGIN {printf "%.0f", k * 1024 / n}'; }
rate() { awk -v n="$1" -v s="$2" 'BEGIN {printf "%d", n / s}'; }

declare -A label=([fib]="kernel FIB, ip -batch" [podnet]="podnet, podnetctl route batch")
declare -A prog_rate mem_kb

echo
echo "route programming: $ROUTES /32 routes, one next hop, into an empty table"
tables=(fib podnet)
for t in "${tables[@]}"; do
	# (No process substitution: the guest's /dev has no /dev/fd.)
	if ! out=$(measure_table "$t" "$ROUTES"); then
		say "${label[$t]}: loading $ROUTES routes failed"
		failed+=("$t routes")
		continue
	fi
	read -r secs kb vkb <<<"$out"
	prog_rate[$t]=$(rate "$ROUTES" "$secs")
	mem_kb[$t,$ROUTES]="$kb $vkb"
	printf '  %-32s %9s routes/s  (%s s)\n' "${label[$t]}:" "${prog_rate[$t]}" "$secs"
done
if [ -n "${prog_rate[podnet]:-}" ] && [ -n "${prog_rate[fib]:-}" ]; then
	printf '  %-32s %9s  (issue 4 target: podnet >= 100000 routes/s)\n' "podnet / kernel FIB:" \
		"$(ratio "${prog_rate[podnet]}" "${prog_rate[fib]}")"
fi

if [ -n "$MEM_ROUTES" ]; then
	echo
	echo "memory per route: Slab and VmallocUsed deltas of /proc/meminfo"
	for n in $MEM_ROUTES; do
		for t in "${tables[@]}"; do
			if [ -z "${mem_kb[$t,$n]:-}" ]; then
				out=$(measure_table "$t" "$n") || { failed+=("$t memory $n"); continue; }
				read -r _ kb vkb <<<"$out"
				mem_kb[$t,$n]="$kb $vkb"
			fi
			read -r kb vkb <<<"${mem_kb[$t,$n]}"
			printf '  %-12s %8s routes: Slab %+8d KiB, vmalloc %+7d KiB: %4s bytes/route in Slab, %4s with vmalloc\n' \
				"${label[$t]%%,*}:" "$n" "$kb" "$vkb" "$(per_route "$kb" "$n")" \
				"$(per_route $((kb + vkb)) "$n")"
		done
	done
fi

echo
if [ ${#failed[@]} -gt 0 ]; then
	echo "FAILED: ${failed[*]}"
	exit 1
fi
