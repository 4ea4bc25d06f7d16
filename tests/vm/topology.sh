# shellcheck shell=bash
# Multi-node topologies for VM scenarios and benchmarks: "nodes" are network
# namespaces on an underlay of Linux bridges, subnets joined by a router
# namespace, with pods (namespaces behind veth pairs) on each node. Source it
# (after tests/vm/lib.sh, or it sources that itself); it only defines
# functions. Every name is explicit, so several topologies can live in one
# guest as long as their names and underlay addresses differ.
#
#   topo_fabric fab                      # netns that holds the underlay bridges
#   topo_subnet fab brA                  # one bridge per underlay subnet
#   topo_subnet fab brB
#   topo_router rtr fab brA 192.168.1.1/24 brB 192.168.2.1/24
#   topo_node n1 fab brA addr 192.168.1.11/24 gw4 192.168.1.1
#   topo_node n2 fab brB addr 192.168.2.11/24 gw4 192.168.2.1
#   topo_pod n1 veth1 pod1 addr 10.244.1.2/32 gw4 169.254.1.1
#   ...                                  # wire the data path under test
#   topo_wait_ping pod1 10.244.2.2 10 || echo "no connectivity"
#   topo_destroy pod1 n1 n2 rtr fab
#
# Each node reaches the underlay through its interface ul0; forwarding is on
# in nodes and router. Addresses are whatever the caller gives (use test
# ranges such as 192.168.x.y and fd00::/8). Nothing waits without a deadline.

# shellcheck source=tests/vm/lib.sh
declare -F wait_for >/dev/null || . "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

topo_err() { echo "topology: $*" >&2; return 1; }

# topo_ns NAME: a fresh netns with lo up.
topo_ns() {
	ip netns add "$1" || topo_err "cannot create netns $1" || return
	ip -n "$1" link set lo up
}

# topo_forwarding NS: route IPv4 and IPv6 between its interfaces.
topo_forwarding() {
	ip netns exec "$1" sysctl -qw net.ipv4.ip_forward=1 \
		net.ipv6.conf.all.forwarding=1 >/dev/null
}

# topo_fabric FABRIC: the netns holding the underlay's bridges.
topo_fabric() { topo_ns "$1"; }

# topo_subnet FABRIC BRIDGE [mtu M]: one underlay L2 segment (no STP,
# so ports forward at once). M is the segment's MTU: every interface
# plugged into it (nodes' ul0, the router's leg) gets it unless given its own.
topo_subnet() {
	local fab=$1 br=$2 mtu=
	[ "${3:-}" = mtu ] && mtu=$4
	ip -n "$fab" link add "$br" type bridge stp_state 0 mcast_snooping 0 ||
		topo_err "cannot create bridge $br in $fab" || return
	[ -z "$mtu" ] || ip -n "$fab" link set "$br" mtu "$mtu"
	ip -n "$fab" link set "$br" up
}

# topo_plug NS IFNAME FABRIC BRIDGE [MTU]: veth IFNAME in NS, its peer a
# port of BRIDGE in FABRIC (named NS-IFNAME, cut to 15 characters); both ends
# with MTU, by default the bridge's.
topo_plug() {
	local ns=$1 ifname=$2 fab=$3 br=$4 mtu=${5:-} peer
	[ -n "$mtu" ] || mtu=$(ip -n "$fab" -o link show dev "$br" |
		awk '{for (i = 1; i < NF; i++) if ($i == "mtu") print $(i + 1)}')
	# Named after its node and interface, so no lookup is needed: every
	# command costs seconds in a KASAN guest.
	peer=$(printf '%.15s' "$ns-$ifname")
	ip link add "$ifname" netns "$ns" mtu "$mtu" type veth \
		peer name "$peer" netns "$fab" mtu "$mtu" ||
		topo_err "cannot plug $ns/$ifname into $fab/$br" || return
	ip -n "$fab" link set "$peer" master "$br" up &&
		ip -n "$ns" link set "$ifname" up
}

# topo_addrs NS DEV ADDR/PLEN...: IPv6 addresses without DAD, so they are
# usable at once.
topo_addrs() {
	local ns=$1 dev=$2 a
	shift 2
	for a in "$@"; do
		case $a in
		*:*) ip -n "$ns" addr add "$a" dev "$dev" nodad ;;
		*) ip -n "$ns" addr add "$a" dev "$dev" ;;
		esac || topo_err "cannot add $a to $ns/$dev" || return
	done
}

# topo_router ROUTER FABRIC BRIDGE ADDR/PLEN [BRIDGE ADDR/PLEN...]: a netns
# with one leg on each bridge (interface named after the bridge), forwarding
# on. ADDR may be "A4,A6" for both families.
topo_router() {
	local r=$1 fab=$2
	shift 2
	topo_ns "$r" && topo_forwarding "$r" || return
	while [ $# -ge 2 ]; do
		# shellcheck disable=SC2086 # "A4,A6": one word each
		topo_plug "$r" "$1" "$fab" "$1" &&
			topo_addrs "$r" "$1" ${2//,/ } || return
		shift 2
	done
	[ $# -eq 0 ] || topo_err "topo_router: BRIDGE without an address"
}

# topo_node NODE FABRIC BRIDGE [addr ADDR/PLEN]... [gw4 GW] [gw6 GW] [mtu M]:
# a node netns whose underlay interface ul0 is a port of BRIDGE, forwarding
# on, default routes through the given gateways (the router).
topo_node() {
	local node=$1 fab=$2 br=$3 addrs=() gw4='' gw6='' mtu=''
	shift 3
	while [ $# -ge 2 ]; do
		case $1 in
		addr) addrs+=("$2") ;;
		gw4) gw4=$2 ;;
		gw6) gw6=$2 ;;
		mtu) mtu=$2 ;;
		*) topo_err "topo_node: unknown option '$1'"; return ;;
		esac
		shift 2
	done
	[ $# -eq 0 ] || topo_err "topo_node: '$1' without a value" || return
	topo_ns "$node" && topo_forwarding "$node" &&
		topo_plug "$node" ul0 "$fab" "$br" "$mtu" &&
		topo_addrs "$node" ul0 "${addrs[@]}" || return
	[ -z "$gw4" ] || ip -n "$node" route add default via "$gw4" dev ul0 || return
	[ -z "$gw6" ] || ip -n "$node" -6 route add default via "$gw6" dev ul0
}

# topo_pod NODE HOSTIF POD [addr ADDR/PLEN]... [gw4 GW] [gw6 GW] [mtu M]:
# a pod netns behind a veth pair: HOSTIF (up, not attached to anything) in
# NODE, eth0 in POD with the addresses and default routes. A gateway outside
# the pod's prefixes (Calico's 169.254.1.1) gets an on-link route first.
# The caller wires HOSTIF: a bridge port, /32 route and proxy ARP, a podnet
# port...
topo_pod() {
	local node=$1 hostif=$2 pod=$3 addrs=() gw4='' gw6='' mtu=''
	shift 3
	while [ $# -ge 2 ]; do
		case $1 in
		addr) addrs+=("$2") ;;
		gw4) gw4=$2 ;;
		gw6) gw6=$2 ;;
		mtu) mtu=$2 ;;
		*) topo_err "topo_pod: unknown option '$1'"; return ;;
		esac
		shift 2
	done
	[ $# -eq 0 ] || topo_err "topo_pod: '$1' without a value" || return
	topo_ns "$pod" || return
	ip link add "$hostif" netns "$node" type veth peer name eth0 netns "$pod" ||
		topo_err "cannot create veth $node/$hostif" || return
	if [ -n "$mtu" ]; then
		ip -n "$node" link set "$hostif" mtu "$mtu"
		ip -n "$pod" link set eth0 mtu "$mtu"
	fi
	ip -n "$node" link set "$hostif" up
	ip -n "$pod" link set eth0 up
	topo_addrs "$pod" eth0 "${addrs[@]}" || return
	if [ -n "$gw4" ]; then
		ip -n "$pod" route get "$gw4" 2>/dev/null | grep -q ' dev eth0 ' ||
			ip -n "$pod" route add "$gw4" dev eth0 || return
		ip -n "$pod" route add default via "$gw4" dev eth0 || return
	fi
	if [ -n "$gw6" ]; then
		ip -n "$pod" -6 route add default via "$gw6" dev eth0
	fi
}

# topo_pod_calico NODE HOSTIF POD_ADDR: wire a pod's host side as Calico
# does: a /32 (or /128) route to it and proxy ARP for its gateway.
topo_pod_calico() {
	local node=$1 hostif=$2 a=$3
	ip netns exec "$node" sysctl -qw "net.ipv4.conf.$hostif.proxy_arp=1" >/dev/null
	case $a in
	*:*) ip -n "$node" -6 route add "${a%/*}/128" dev "$hostif" ;;
	*) ip -n "$node" route add "${a%/*}/32" dev "$hostif" ;;
	esac
}

# topo_mac NS DEV: a device's MAC address.
topo_mac() { ip -n "$1" -br link show dev "$2" | awk '{print $3}'; }

# topo_wait_ping NS ADDR DEADLINE: until ADDR answers a ping from NS, for at
# most DEADLINE seconds (neighbour resolution, daemons attaching...).
topo_wait_ping() {
	local flag=''
	case $2 in *:*) flag=-6 ;; esac
	wait_for "$3" ip netns exec "$1" ping $flag -c 1 -W 1 "$2"
}

# topo_wait_listen NS PORT DEADLINE: until a TCP socket listens on PORT.
topo_wait_listen() {
	wait_for "$3" sh -c "ip netns exec '$1' ss -Hltn 'sport = :$2' | grep -q ."
}

# topo_destroy NS...: delete the namespaces, and with them their devices and
# the veth peers in other namespaces. Processes inside are the caller's.
topo_destroy() {
	local ns
	for ns in "$@"; do
		ip netns del "$ns" 2>/dev/null || true
	done
}
