#!/usr/bin/env bash
# Benchmark, not a test: pod-to-pod TCP throughput (iperf3) and
# request/response latency (qperf tcp_lat) on one node, each podnet mode
# against what it replaces, built side by side in one guest and measured
# interleaved:
#   podnet bridge  vs  Linux bridge (docker0/cni0)
#   podnet routed  vs  veth pairs with /32 routes and proxy ARP (Calico)
# Prints medians and the ratios podnet/baseline. Run by scripts/bench.
set -u
. "$(dirname "$0")/../vm/lib.sh"
REPS=${REPS:-5}
SECS=${SECS:-4}

sysctl -qw net.ipv4.ip_forward=1

# podnet bridge: pods 1, 2
ip link add pnb type podnet
ip link set pnb up
ip addr add 10.81.0.1/24 dev pnb
add_pod 1 pnb 10.81.0.11/24 fd00:81::11/64
add_pod 2 pnb 10.81.0.12/24 fd00:81::12/64

# Linux bridge: pods 3, 4
ip link add br0 type bridge
ip link set br0 up
ip addr add 10.82.0.1/24 dev br0
add_pod 3 br0 10.82.0.13/24 fd00:82::13/64
add_pod 4 br0 10.82.0.14/24 fd00:82::14/64

# podnet routed: pods 5, 6
ip link add pnr type podnet mode routed
ip link set pnr up
ip addr add 10.83.0.1/32 dev pnr
for n in 5 6; do
	add_pod $n pnr 10.83.0.1$n/32 fd00:83::1$n/128 \
		"route add 169.254.1.1 dev eth0" "route add default via 169.254.1.1"
	"$CTL" endpoint add pnr 10.83.0.1$n veth$n mac "$(pod_mac $n)"
	ip route add 10.83.0.1$n/32 dev pnr
done

# veth + /32 routes + proxy ARP, as Calico wires pods: pods 7, 8. Proxy
# ARP answers for the gateway only if the host routes it elsewhere, as a
# node's default route does.
ip link add uplink type dummy
ip link set uplink up
ip route add 169.254.1.1/32 dev uplink
for n in 7 8; do
	ip netns add pod$n
	ip link add veth$n type veth peer name eth0 netns pod$n
	ip link set veth$n up
	sysctl -qw net.ipv4.conf.veth$n.proxy_arp=1
	ip -n pod$n link set lo up
	ip -n pod$n link set eth0 up
	ip -n pod$n addr add 10.84.0.1$n/32 dev eth0
	ip -n pod$n route add 169.254.1.1 dev eth0
	ip -n pod$n route add default via 169.254.1.1
	ip route add 10.84.0.1$n/32 dev veth$n
done

declare -A name=([1]="podnet bridge" [3]="Linux bridge" [5]="podnet routed" [7]="veth /32 routes")
declare -A dst=([1]=10.81.0.12 [3]=10.82.0.14 [5]=10.83.0.16 [7]=10.84.0.18)
for n in 1 3 5 7; do
	s=$((n + 1))
	ip netns exec pod$s iperf3 -s -D >/dev/null 2>&1
	ip netns exec pod$s qperf >/dev/null 2>&1 &
	wait_for 10 sh -c "ip netns exec pod$s ss -ltn | grep -q ':5201 ' && ip netns exec pod$s ss -ltn | grep -q ':19765 '" ||
		{ echo "bench: servers in pod$s did not start" >&2; exit 1; }
	ip netns exec pod$n ping -c 1 -W 2 "${dst[$n]}" >/dev/null ||
		{ echo "bench: ${name[$n]}: no connectivity" >&2; exit 1; }
done

declare -A tput lat
for rep in $(seq "$REPS"); do
	for n in 1 3 5 7; do
		t=$(ip netns exec pod$n iperf3 -c "${dst[$n]}" -t "$SECS" -J |
			jq '.end.sum_received.bits_per_second / 1e6 | floor')
		l=$(ip netns exec pod$n qperf -t "$SECS" -vu "${dst[$n]}" tcp_lat |
			awk '/latency/ {v=$3; if ($4=="ms") v*=1000; if ($4=="ns") v/=1000; print v}')
		tput[$n]+="$t "
		lat[$n]+="$l "
		echo "rep $rep ${name[$n]}: $t Mbit/s, $l us" >&2
	done
done

median() { tr ' ' '\n' | grep . | sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
printf '\n%-18s %14s %14s   (%d interleaved reps of %d s, kernel %s)\n' \
	path "Mbit/s median" "tcp_lat us" "$REPS" "$SECS" "$(uname -r)"
declare -A mt ml
for n in 1 3 5 7; do
	mt[$n]=$(median <<<"${tput[$n]}")
	ml[$n]=$(median <<<"${lat[$n]}")
	printf '%-18s %14s %14s   [%s| %s]\n' "${name[$n]}" "${mt[$n]}" "${ml[$n]}" "${tput[$n]}" "${lat[$n]}"
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
echo
echo "podnet bridge / Linux bridge:    throughput $(ratio "${mt[1]}" "${mt[3]}")x, latency $(ratio "${ml[1]}" "${ml[3]}")x"
echo "podnet routed / veth /32 routes: throughput $(ratio "${mt[5]}" "${mt[7]}")x, latency $(ratio "${ml[5]}" "${ml[7]}")x"
