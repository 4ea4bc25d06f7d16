#!/usr/bin/env bash
# Across nodes: three podnet nodes as network namespaces on an underlay of
# two subnets joined by a router (n1, n2 on 192.168.1.0/24; n3 on
# 192.168.2.0/24, whose link has MTU 1400), a pod on each, routes in
# podnet's table. Every path (VXLAN over IPv4 and IPv6, IPIP, direct,
# cross-subnet, per-route override), a Linux vxlan peer (Flannel's data
# path) and a Linux ipip peer (Calico's tunl0), spoofed tunnel packets,
# path MTU at the edges, route replace and rmmod under traffic.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/topology.sh"

# Under KASAN every packet is slow: keep the traffic short there.
SECS=${OVERLAY_IPERF_SECONDS:-2}
nsx() { local ns=$1; shift; ip netns exec "$ns" "$@"; }
nctl() { local ns=$1; shift; nsx "$ns" "$CTL" "$@"; }
nstat() { nctl "$1" -j stats podnet0 | jq ".$2"; }
# route NODE ARGS...: podnetctl route ARGS on the node's podnet0.
route() { local ns=$1 op=$2; shift 2; nctl "$ns" route "$op" podnet0 "$@"; }
ping_ok() { # NS ADDR: one ping, with retries while neighbours resolve
	topo_wait_ping "$1" "$2" 10
}
# delta NODE COUNTER COMMAND...: prints how much the counter grew.
delta() {
	local ns=$1 c=$2 before after
	shift 2
	before=$(nstat "$ns" "$c")
	"$@" >/dev/null 2>&1
	after=$(nstat "$ns" "$c")
	echo $((after - before))
}
grew() { # DESCRIPTION NODE COUNTER COMMAND...
	local what=$1 d
	shift
	d=$(delta "$@")
	if [ "$d" -gt 0 ]; then ok "$what"; else not_ok "$what" "counter $2 on $1 did not grow"; fi
}

topo_fabric fab
topo_subnet fab brA
topo_subnet fab brB mtu 1400
topo_router rtr fab brA 192.168.1.1/24,fd00:a::1/64 brB 192.168.2.1/24,fd00:b::1/64
ip -n rtr link set brB mtu 1400
topo_node n1 fab brA addr 192.168.1.11/24 addr fd00:a::11/64 gw4 192.168.1.1 gw6 fd00:a::1
topo_node n2 fab brA addr 192.168.1.12/24 addr fd00:a::12/64 gw4 192.168.1.1 gw6 fd00:a::1
topo_node n3 fab brB addr 192.168.2.13/24 addr fd00:b::13/64 gw4 192.168.2.1 gw6 fd00:b::1 mtu 1400

declare -A ul4=([1]=192.168.1.11 [2]=192.168.1.12 [3]=192.168.2.13)
declare -A ul6=([1]=fd00:a::11 [2]=fd00:a::12 [3]=fd00:b::13)
for n in 1 2 3; do
	check "n$n: ip link add podnet0 type podnet mode routed underlay ul0" \
		ip -n n$n link add podnet0 type podnet mode routed underlay ul0
	ip -n n$n link set podnet0 up
	ip -n n$n route add 10.244.0.0/16 dev podnet0
	ip -n n$n -6 route add fd00:244::/32 dev podnet0
	topo_pod n$n veth$n pod$n addr 10.244.$n.2/32 addr fd00:244:$n::2/128 \
		gw4 169.254.1.1
	ip -n pod$n -6 route add default via fe80::1 dev eth0
	ip -n n$n link set veth$n master podnet0
	nctl n$n endpoint add podnet0 10.244.$n.2 veth$n
	nctl n$n endpoint add podnet0 fd00:244:$n::2 veth$n
done

mtu=$(ip -n n1 -j link show podnet0 | jq '.[0].mtu')
[ "$mtu" = 1450 ] && ok "podnet0 MTU follows the underlay: 1500 - 50 (VXLAN)" ||
	not_ok "podnet0 MTU follows the underlay: 1500 - 50 (VXLAN)" "mtu $mtu"
mtu=$(ip -n n3 -j link show podnet0 | jq '.[0].mtu')
[ "$mtu" = 1350 ] && ok "n3's podnet0 MTU: 1400 - 50" ||
	not_ok "n3's podnet0 MTU: 1400 - 50" "mtu $mtu"
for n in 1 2 3; do
	m=$(ip -n n$n -j link show podnet0 | jq '.[0].mtu')
	ip -n pod$n link set eth0 mtu "$m"
done

# Routes: each node's pods through the others' IPv4 underlay addresses.
for n in 1 2 3; do
	for m in 1 2 3; do
		[ $n = $m ] && continue
		route n$n add 10.244.$m.0/24 via "${ul4[$m]}"
		route n$n add fd00:244:$m::/64 via "${ul4[$m]}"
	done
done
count=$(nctl n1 -j route list podnet0 | jq length)
[ "$count" = 4 ] && ok "n1 lists 4 routes" || not_ok "n1 lists 4 routes" "$count"

# VXLAN, the default.
check "vxlan: pod1 -> pod2 (same subnet), IPv4" ping_ok pod1 10.244.2.2
check "vxlan: pod1 -> pod3 (through the router), IPv4" ping_ok pod1 10.244.3.2
check "vxlan: pod1 -> pod3, IPv6 inside" ping_ok pod1 fd00:244:3::2
grew "vxlan: n1 counts VXLAN sent" n1 tx_vxlan nsx pod1 ping -c 2 -W 2 10.244.2.2
grew "vxlan: n2 counts VXLAN decapsulated" n2 rx_vxlan nsx pod1 ping -c 2 -W 2 10.244.2.2
path=$(nctl n1 -j route get podnet0 10.244.3.9 | jq -r '.[0].path')
[ "$path" = vxlan ] && ok "route get: 10.244.3.9 takes vxlan" || not_ok "route get: 10.244.3.9 takes vxlan" "$path"
mbit=$(pod_iperf 1 3 10.244.3.2 "$SECS") && ok "vxlan: iperf3 pod1 -> pod3 ($mbit Mbit/s)" ||
	not_ok "vxlan: iperf3 pod1 -> pod3"

# VXLAN over an IPv6 underlay.
route n1 add 10.244.2.0/24 via fd00:a::12 replace
route n2 add 10.244.1.0/24 via fd00:a::11 replace
check "vxlan over IPv6: pod1 -> pod2" ping_ok pod1 10.244.2.2
route n1 add 10.244.2.0/24 via 192.168.1.12 replace
route n2 add 10.244.1.0/24 via 192.168.1.11 replace

# IPIP: every node switches; the MTU follows.
for n in 1 2 3; do ip -n n$n link set podnet0 type podnet encap ipip; done
mtu=$(ip -n n1 -j link show podnet0 | jq '.[0].mtu')
[ "$mtu" = 1480 ] && ok "ipip: podnet0 MTU 1500 - 20" || not_ok "ipip: podnet0 MTU 1500 - 20" "mtu $mtu"
check "ipip: pod1 -> pod3, IPv4" ping_ok pod1 10.244.3.2
check "ipip: pod1 -> pod3, IPv6 inside (protocol 41)" ping_ok pod1 fd00:244:3::2
grew "ipip: n3 counts IPIP decapsulated" n3 rx_ipip nsx pod1 ping -c 2 -W 2 10.244.3.2
mbit=$(pod_iperf 1 2 10.244.2.2 "$SECS") && ok "ipip: iperf3 pod1 -> pod2 ($mbit Mbit/s)" ||
	not_ok "ipip: iperf3 pod1 -> pod2"

# Direct (host-gw): on-link nodes only.
for n in 1 2 3; do ip -n n$n link set podnet0 type podnet encap direct; done
check "direct: pod1 -> pod2, IPv4" ping_ok pod1 10.244.2.2
check "direct: pod1 -> pod2, IPv6 inside an IPv4 next hop" ping_ok pod1 fd00:244:2::2
grew "direct: n1 counts direct sends" n1 tx_direct nsx pod1 ping -c 2 -W 2 10.244.2.2
grew "direct: n3 is not on-link from n1: dropped, counted" n1 drop_underlay \
	nsx pod1 ping -c 1 -W 1 10.244.3.2
mbit=$(pod_iperf 1 2 10.244.2.2 "$SECS") && ok "direct: iperf3 pod1 -> pod2 ($mbit Mbit/s)" ||
	not_ok "direct: iperf3 pod1 -> pod2"

# Cross-subnet: direct on-link, VXLAN otherwise; a route may override.
for n in 1 2 3; do
	ip -n n$n link set podnet0 type podnet encap vxlan cross-subnet on
done
path=$(nctl n1 -j route get podnet0 10.244.2.2 | jq -r '.[0].path')
[ "$path" = direct ] && ok "cross-subnet: on-link n2 is direct" || not_ok "cross-subnet: on-link n2 is direct" "$path"
path=$(nctl n1 -j route get podnet0 10.244.3.2 | jq -r '.[0].path')
[ "$path" = vxlan ] && ok "cross-subnet: n3 behind the router is vxlan" ||
	not_ok "cross-subnet: n3 behind the router is vxlan" "$path"
grew "cross-subnet: pod1 -> pod2 goes direct" n1 tx_direct nsx pod1 ping -c 2 -W 2 10.244.2.2
grew "cross-subnet: pod1 -> pod3 goes vxlan" n1 tx_vxlan nsx pod1 ping -c 2 -W 2 10.244.3.2
route n1 add 10.244.2.0/24 via 192.168.1.12 encap ipip replace
grew "a route's own encap overrides the policy: ipip to n2" n1 tx_ipip \
	nsx pod1 ping -c 2 -W 2 10.244.2.2
route n1 add 10.244.2.0/24 via 192.168.1.12 replace

# Path MTU: n3's subnet carries 1400. DF pings on both sides of each edge.
for n in 1 2 3; do ip -n n$n link set podnet0 type podnet cross-subnet off; done
check "MTU: 1450-byte DF packet pod1 -> pod2" nsx pod1 ping -M do -c 1 -W 2 -s 1422 10.244.2.2
refuse "MTU: 1451 bytes do not leave pod1" 'mtu|too long' nsx pod1 ping -M do -c 1 -W 2 -s 1423 10.244.2.2
# The first oversized packet teaches n1 the underlay's 1400 (router's ICMP).
nsx pod1 ping -M do -c 1 -W 2 -s 1422 10.244.3.2 >/dev/null 2>&1
refuse "PMTU: 1450 bytes to pod3 get 'frag needed, mtu 1350'" 'mtu = 1350|mtu=1350' \
	nsx pod1 ping -M do -c 1 -W 2 -s 1422 10.244.3.2
check "PMTU: 1350-byte DF packet pod1 -> pod3" wait_for 5 nsx pod1 ping -M do -c 1 -W 1 -s 1322 10.244.3.2
refuse "PMTU: 1351 bytes to pod3 do not pass" 'mtu|too long' nsx pod1 ping -M do -c 1 -W 2 -s 1323 10.244.3.2
check "PMTU: IPv6 1350-byte packet pod1 -> pod3" wait_for 5 nsx pod1 ping -6 -M do -c 1 -W 1 -s 1302 fd00:244:3::2

# Interop: a Flannel-style node (Linux vxlan + bridge) on subnet A.
topo_node n4 fab brA addr 192.168.1.14/24 gw4 192.168.1.1
ip -n n4 link add cni0 type bridge
ip -n n4 addr add 10.244.4.1/24 dev cni0
ip -n n4 link set cni0 up
topo_pod n4 veth4 pod4 addr 10.244.4.2/24 gw4 10.244.4.1
ip -n n4 link set veth4 master cni0
ip -n n4 link add flannel.1 type vxlan id 1 dstport 4789 local 192.168.1.14 dev ul0 nolearning
ip -n n4 link set flannel.1 mtu 1450 up
ip -n n4 addr add 10.244.4.0/32 dev flannel.1
n1mac=$(topo_mac n1 podnet0)
n4mac=$(topo_mac n4 flannel.1)
ip -n n4 route add 10.244.1.0/24 via 10.244.1.0 dev flannel.1 onlink
ip -n n4 neigh add 10.244.1.0 lladdr "$n1mac" dev flannel.1 nud permanent
bridge -n n4 fdb append "$n1mac" dev flannel.1 dst 192.168.1.11
route n1 add 10.244.4.0/24 via 192.168.1.14 encap vxlan mac "$n4mac"
check "interop: pod1 <-> pod4 behind a Linux vxlan device (Flannel)" ping_ok pod1 10.244.4.2
check "interop: pod4 -> pod1" ping_ok pod4 10.244.1.2
mbit=$(pod_iperf 4 1 10.244.1.2 "$SECS") && ok "interop vxlan: iperf3 pod4 -> pod1 ($mbit Mbit/s)" ||
	not_ok "interop vxlan: iperf3 pod4 -> pod1"

# Interop: a Calico-style node (tunl0, /32 routes, proxy ARP) on subnet A.
topo_node n5 fab brA addr 192.168.1.15/24 gw4 192.168.1.1
modprobe ipip 2>/dev/null
ip -n n5 link set tunl0 up
ip -n n5 addr add 10.244.5.1/32 dev tunl0
ip -n n5 route add 10.244.1.0/24 via 192.168.1.11 dev tunl0 onlink
topo_pod n5 veth5 pod5 addr 10.244.5.2/32 gw4 169.254.1.1
topo_pod_calico n5 veth5 10.244.5.2
route n1 add 10.244.5.0/24 via 192.168.1.15 encap ipip
check "interop: pod1 <-> pod5 behind Linux ipip (Calico tunl0), ipip.ko loaded" \
	ping_ok pod1 10.244.5.2
check "interop: pod5 -> pod1" ping_ok pod5 10.244.1.2
check "ipip.ko keeps its own tunnels: n5's tunl0 still decapsulates" \
	sh -c "[ \$(ip -n n5 -s -j link show tunl0 | jq '.[0].stats64.rx.packets') -gt 0 ]"

# Anti-spoofing: a rogue host on subnet A that is no next hop.
topo_node evil fab brA addr 192.168.1.66/24
ip -n evil link add vx1 type vxlan id 1 dstport 4789 remote 192.168.1.11 dev ul0
ip -n evil link add vx99 type vxlan id 99 dstport 4789 remote 192.168.1.11 dev ul0
ip -n evil link set vx1 up
ip -n evil link set vx99 up
ip -n evil addr add 10.244.1.200/24 dev vx1
ip -n evil addr add 10.245.1.200/24 dev vx99
ip -n evil neigh add 10.244.1.2 lladdr "$n1mac" dev vx1 nud permanent
grew "spoof: VXLAN from an address that is no next hop is dropped, counted" \
	n1 drop_decap_source nsx evil ping -c 2 -W 1 10.244.1.2
ip -n evil route add 10.244.9.0/24 dev vx99
grew "spoof: VXLAN with another VNI is dropped, counted" n1 drop_vni \
	nsx evil ping -c 2 -W 1 -I vx99 10.244.9.9
ip -n evil link del vx1
ip -n evil link add ipx type ipip remote 192.168.1.11 local 192.168.1.66
ip -n evil link set ipx up
ip -n evil addr add 10.250.0.1/32 dev ipx
ip -n evil route add 10.244.1.0/24 dev ipx
icmp_in() { nsx pod1 awk '/^Icmp:/ {n++} n == 2 {print $2; exit}' /proc/net/snmp; }
before=$(icmp_in)
nsx evil ping -c 2 -W 1 10.244.1.2 >/dev/null 2>&1
after=$(icmp_in)
[ "$before" = "$after" ] && ok "spoof: IPIP from an address that is no next hop never reaches the pod" ||
	not_ok "spoof: IPIP from an address that is no next hop never reaches the pod" "$before -> $after"

# The table's limit, and a daemon's resync: everything re-added under a
# new generation, then the older routes flushed, traffic flowing meanwhile.
ip -n n1 link set podnet0 type podnet routes-max 6
refuse "a full route table refuses one more route, saying so" 'full' \
	route n1 add 10.250.0.0/24 via 192.168.1.12
ip -n n1 link set podnet0 type podnet routes-max 1048576
nsx pod1 ping -i 0.02 -c 100 -q 10.244.2.2 >/tmp/overlay-resync.out 2>&1 &
pid=$!
for m in 2 3; do
	route n1 add 10.244.$m.0/24 via "${ul4[$m]}" generation 7 replace
	route n1 add fd00:244:$m::/64 via "${ul4[$m]}" generation 7 replace
done
route n1 add 10.244.4.0/24 via 192.168.1.14 encap vxlan mac "$n4mac" generation 7 replace
check "route flush older-than 7" route n1 flush older-than 7
wait $pid
left=$(nctl n1 -j route list podnet0 | jq -r '[.[].dst] | sort | join(" ")')
[ "$left" = "10.244.2.0/24 10.244.3.0/24 10.244.4.0/24 fd00:244:2::/64 fd00:244:3::/64" ] &&
	ok "the flush took only the route not re-added (10.244.5.0/24)" ||
	not_ok "the flush took only the route not re-added (10.244.5.0/24)" "$left"
grep -q ' 0% packet loss' /tmp/overlay-resync.out && ok "no packet lost during the resync" ||
	not_ok "no packet lost during the resync" "$(cat /tmp/overlay-resync.out)"

# Route replace under traffic: the path moves from vxlan to ipip and back
# while a flood of pings runs; none may be lost for long.
nsx pod1 ping -i 0.01 -c 300 -q 10.244.2.2 >/tmp/overlay-ping.out 2>&1 &
pid=$!
for i in 1 2 3 4 5 6; do
	route n1 add 10.244.2.0/24 via 192.168.1.12 encap ipip replace
	route n1 add 10.244.2.0/24 via 192.168.1.12 encap vxlan replace
done
wait $pid
loss=$(grep -o '[0-9.]*% packet loss' /tmp/overlay-ping.out | cut -d% -f1)
awk -v l="$loss" 'BEGIN { exit !(l != "" && l <= 2) }' &&
	ok "route replace under traffic: $loss% loss" ||
	not_ok "route replace under traffic: at most 2% loss" "$(cat /tmp/overlay-ping.out)"

# rmmod under traffic: the nodes' podnet devices go away with the module.
nsx pod1 ping -f -w 5 10.244.3.2 >/dev/null 2>&1 &
pid=$!
nsx pod3 ping -f -w 5 10.244.1.2 >/dev/null 2>&1 &
pid2=$!
wait_for 5 sh -c "[ \$(ip netns exec n1 $CTL -j stats podnet0 | jq .rx_vxlan) -gt 50 ]"
check "rmmod podnet under traffic, devices in three netns" rmmod podnet
gone=$(for n in 1 2 3; do ip -n n$n link show podnet0 2>/dev/null; done)
[ -z "$gone" ] && ok "rmmod took every node's podnet0" || not_ok "rmmod took every node's podnet0" "$gone"
wait $pid2
wait $pid
topo_destroy pod1 pod2 pod3 pod4 pod5 n1 n2 n3 n4 n5 evil rtr fab
done_testing
