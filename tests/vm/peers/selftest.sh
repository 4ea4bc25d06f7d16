#!/usr/bin/env bash
# Self-test of tests/vm/peers/bgp_peers.sh against the real daemons with
# each other (no podnetd): two subnets joined by a router; BIRD as iBGP
# route reflector for a GoBGP and an FRR client, an ExaBGP eBGP peer on its
# subnet and an FRR eBGP multihop peer behind the router; IPv4 and IPv6
# prefixes over IPv4 sessions (IPv4-mapped next hops); runtime announce
# and withdraw; malformed UPDATEs from ExaBGP that BIRD treats as withdraw
# while the session stays up; TCP MD5 matching and mismatching; GoBGP
# killed and restarted with BIRD as graceful restart helper.
# Not one of tests/vm's scenarios (tests/vm/all runs only tests/vm/*.sh);
# run it as root in a guest, where it uses only namespaces it makes:
#   scripts/vm-run --kernel debian-6.12 --timeout 600 -- \
#	bash tests/vm/peers/selftest.sh
# The start and session lines say how long each daemon took to answer on
# its control socket, and to be Established, from its start.
here=$(dirname "$0")
# shellcheck source=tests/vm/lib.sh
. "$here/../lib.sh"
# shellcheck source=tests/vm/topology.sh
. "$here/../topology.sh"
# shellcheck source=tests/vm/peers/bgp_peers.sh
. "$here/bgp_peers.sh"

AS=64512
RR=192.168.1.1 GB=192.168.1.11 FR=192.168.1.12 EX=192.168.1.13
BAD=192.168.1.14 FE=192.168.2.15
T0=$SECONDS

cleanup() {
	bgp_stop_all
	topo_destroy rr gb fr ex bad fe rtr fab
}
trap cleanup EXIT

# started DESCRIPTION NAME COMMAND...: check COMMAND (a *_start of NAME),
# saying how long NAME took to answer on its control socket.
started() {
	local what=$1 name=$2 out
	shift 2
	if out=$("$@" 2>&1); then
		ok "$what (ready in $(bgp_timing "$name") s)"
	else
		not_ok_lines "$what" "$* failed:" "$out"
	fi
}

# established_by DESCRIPTION SECONDS NAME PEER: a TAP line for NAME's
# session with PEER coming up, with the time since NAME started.
established_by() {
	local what=$1 secs=$2 name=$3 peer=$4 t0=$SECONDS
	if wait_for "$secs" bgp_established "$name" "$peer"; then
		ok "$what ($(bgp_elapsed "$name") s after the start)"
	else
		not_ok_lines "$what" "not Established after $((SECONDS - t0)) s; log:" \
			"$(tail -n 15 "$(bgp_log "$name")")"
	fi
}

# not_ok_lines DESCRIPTION HEADER TEXT: not_ok with each line of TEXT as
# a diagnostic.
not_ok_lines() {
	local lines
	mapfile -t lines <<<"$3"
	not_ok "$1" "$2" "${lines[@]}"
}

# route_check DESCRIPTION SECONDS NAME PREFIX: NAME receives PREFIX.
route_check() {
	if wait_for "$2" bgp_has_route "$3" "$4"; then ok "$1"; else
		not_ok_lines "$1" "routes of $3:" "$(bgp_routes "$3" 2>&1)"
	fi
}

# no_route_check DESCRIPTION SECONDS NAME PREFIX: PREFIX leaves (or never
# reaches) NAME.
no_route_check() {
	if wait_for "$2" bgp_lacks_route "$3" "$4"; then ok "$1"; else
		not_ok_lines "$1" "routes of $3:" "$(bgp_routes "$3" 2>&1)"
	fi
}

# nexthop_is DESCRIPTION NAME PREFIX NEXTHOP
nexthop_is() {
	local nh
	nh=$(bgp_nexthop "$2" "$3" 2>&1)
	if [ "$nh" = "$4" ]; then ok "$1"; else
		not_ok "$1" "next hop of $3 at $2: '$nh', expected '$4'"
	fi
}

# md5_failures NS: TcpExt TCPMD5Failure of the netns (segments with a
# wrong signature).
md5_failures() {
	ip netns exec "$1" cat /proc/net/netstat | awk '
		$1 == "TcpExt:" && !n { for (i = 2; i <= NF; i++) col[$i] = i; n = 1; next }
		$1 == "TcpExt:" { print $col["TCPMD5Failure"] + 0 }'
}
bird_down() { ! bird_established "$@"; }
bird_gr_done() { ! bird_gr_active "$@"; }

# logged NAME STRING...: NAME's log has every STRING.
logged() {
	local log s
	log=$(bgp_log "$1")
	shift
	for s in "$@"; do grep -qF -- "$s" "$log" || return; done
}
md5_failed() { [ "$(md5_failures "$1")" -gt 0 ]; }

topo_fabric fab
topo_subnet fab brA
topo_subnet fab brB
topo_router rtr fab brA 192.168.1.254/24 brB 192.168.2.254/24
for n in rr:$RR gb:$GB fr:$FR ex:$EX bad:$BAD; do
	topo_node "${n%%:*}" fab brA addr "${n#*:}/24" gw4 192.168.1.254
done
topo_node fe fab brB addr "$FE/24" gw4 192.168.2.254

# BIRD: the RR; GoBGP and FRR clients with MD5; ExaBGP eBGP on the same
# subnet, FRR eBGP multihop behind the router; the "bad" peer's password
# differs from BIRD's.
started "bird_rr_start: BIRD route reflector" rr bird_rr_start rr rr "$RR" $AS "$RR" \
	"$GB,password=gb-secret" "$FR,password=fr-secret" "$EX,as=65013" \
	"$BAD,as=65014,password=right" "$FE,as=65015,multihop"
# One at a time, so that each one's figures are its own.
started "gobgp_start: GoBGP iBGP client, MD5, IPv4 and IPv6 prefixes" gb \
	gobgp_start gb gb "$GB" $AS 179 "$RR" $AS password gb-secret \
	announce 10.244.1.0/24 announce fd00:244:1::/64
established_by "GoBGP <-> BIRD (MD5) Established" 60 gb "$RR"
check "BIRD sees GoBGP Established" bird_established rr "$GB"
started "frr_start: FRR iBGP client, MD5, IPv4 and IPv6 prefixes" fr \
	frr_start fr fr "$FR" $AS "$RR" $AS password fr-secret \
	announce 10.244.2.0/24 announce fd00:244:2::/64
established_by "FRR client <-> BIRD (MD5) Established" 60 fr "$RR"
check "BIRD sees the FRR client Established" bird_established rr "$FR"
started "frr_start: FRR eBGP multihop peer (explicit route-maps)" fe \
	frr_start fe fe "$FE" 65015 "$RR" $AS multihop \
	announce 10.244.5.0/24 announce fd00:244:5::/64
established_by "FRR eBGP <-> BIRD Established, through the router" 60 fe "$RR"
started "exabgp_start: ExaBGP eBGP peer" ex \
	exabgp_start ex ex "$EX" 65013 "$RR" $AS announce 10.99.0.0/24 \
	announce fd00:99::/64 route "10.99.9.0/24 next-hop self med 5"
established_by "ExaBGP <-> BIRD Established" 60 ex "$RR"
check "BIRD sees ExaBGP Established" bird_established rr "$EX"
started "gobgp_start: GoBGP with a wrong MD5 password" bad \
	gobgp_start bad bad "$BAD" 65014 179 "$RR" $AS password wrong announce 10.244.4.0/24

# Reflection, both families, next hops kept.
route_check "BIRD has GoBGP's 10.244.1.0/24" 30 rr 10.244.1.0/24
route_check "BIRD has GoBGP's fd00:244:1::/64 (IPv6 over the IPv4 session)" 30 rr fd00:244:1::/64
route_check "BIRD has FRR's 10.244.2.0/24" 30 rr 10.244.2.0/24
route_check "BIRD has FRR's fd00:244:2::/64" 30 rr fd00:244:2::/64
route_check "FRR client gets GoBGP's 10.244.1.0/24, reflected" 30 fr 10.244.1.0/24
route_check "FRR client gets GoBGP's fd00:244:1::/64, reflected" 30 fr fd00:244:1::/64
route_check "GoBGP gets FRR's 10.244.2.0/24, reflected" 30 gb 10.244.2.0/24
route_check "GoBGP gets FRR's fd00:244:2::/64, reflected" 30 gb fd00:244:2::/64
nexthop_is "reflected IPv4 next hop kept: GoBGP's address at FRR" fr 10.244.1.0/24 "$GB"
nexthop_is "reflected IPv6 next hop kept: ::ffff:GoBGP at FRR" fr fd00:244:1::/64 "::ffff:$GB"
nexthop_is "reflected IPv4 next hop kept: FRR's address at GoBGP" gb 10.244.2.0/24 "$FR"
route_check "BIRD has the eBGP FRR's 10.244.5.0/24" 30 rr 10.244.5.0/24
route_check "BIRD has the eBGP FRR's fd00:244:5::/64" 30 rr fd00:244:5::/64
route_check "eBGP FRR gets 10.244.1.0/24 from BIRD" 30 fe 10.244.1.0/24
route_check "eBGP FRR gets fd00:244:1::/64 from BIRD" 30 fe fd00:244:1::/64
nexthop_is "eBGP multihop: BIRD's own address as IPv4 next hop" fe 10.244.1.0/24 "$RR"
nexthop_is "and ::ffff:BIRD as IPv6 next hop" fe fd00:244:1::/64 "::ffff:$RR"
route_check "GoBGP client gets the eBGP FRR's 10.244.5.0/24" 30 gb 10.244.5.0/24
route_check "ExaBGP gets 10.244.2.0/24 from BIRD" 30 ex 10.244.2.0/24
route_check "ExaBGP gets fd00:244:2::/64 from BIRD" 30 ex fd00:244:2::/64

# Runtime changes.
check "gobgp_announce 10.244.11.0/24" gobgp_announce gb 10.244.11.0/24
route_check "FRR client gets it" 30 fr 10.244.11.0/24
check "gobgp_withdraw 10.244.11.0/24" gobgp_withdraw gb 10.244.11.0/24
no_route_check "FRR client loses it" 30 fr 10.244.11.0/24
check "frr_announce fd00:244:12::/64" frr_announce fr fd00:244:12::/64
route_check "GoBGP gets it" 30 gb fd00:244:12::/64
check "frr_withdraw fd00:244:12::/64" frr_withdraw fr fd00:244:12::/64
no_route_check "GoBGP loses it" 30 gb fd00:244:12::/64

# ExaBGP: static routes, then malformed UPDATEs at run time.
route_check "BIRD has ExaBGP's 10.99.0.0/24" 30 rr 10.99.0.0/24
route_check "BIRD has ExaBGP's fd00:99::/64" 30 rr fd00:99::/64
route_check "BIRD has ExaBGP's 10.99.9.0/24 (with MED)" 30 rr 10.99.9.0/24
route_check "GoBGP client gets ExaBGP's 10.99.0.0/24 through BIRD" 30 gb 10.99.0.0/24
check "exabgp_send: 10.99.0.0/24 again, ORIGIN of length 2" \
	exabgp_send ex "announce route 10.99.0.0/24 next-hop self attribute [ 0x01 0x40 0x0000 ]"
no_route_check "BIRD treats it as withdraw: 10.99.0.0/24 gone" 30 rr 10.99.0.0/24
check "BIRD logs the malformed ORIGIN, route withdrawn" wait_for 10 logged rr \
	'Malformed ORIGIN attribute - invalid length' 'Invalid route 10.99.0.0/24 withdrawn'
check "exabgp_send: 10.99.2.0/24 with MED flagged well-known" \
	exabgp_send ex "announce route 10.99.2.0/24 next-hop self attribute [ 0x04 0x40 0x00000064 ]"
check "exabgp_send: 10.99.5.0/24 with an AS_PATH segment overrun" \
	exabgp_send ex "announce route 10.99.5.0/24 next-hop self attribute [ 0x02 0x40 0x0203fde8 ]"
check "exabgp_send: 10.99.3.0/24, well-formed, after it" \
	exabgp_send ex "announce route 10.99.3.0/24 next-hop self"
route_check "BIRD has 10.99.3.0/24: the session went on" 30 rr 10.99.3.0/24
no_route_check "BIRD never took 10.99.2.0/24 (bad flags)" 1 rr 10.99.2.0/24
no_route_check "BIRD never took 10.99.5.0/24 (bad AS_PATH)" 1 rr 10.99.5.0/24
check "BIRD logs both" logged rr 'Malformed med attribute - conflicting flags' \
	'Invalid route 10.99.2.0/24 withdrawn' 'Malformed AS_PATH attribute' \
	'Invalid route 10.99.5.0/24 withdrawn'
check "BIRD <-> ExaBGP still Established" bird_established rr "$EX"
check "ExaBGP still sees it Established" exabgp_established ex "$RR"
route_check "BIRD kept ExaBGP's other routes (fd00:99::/64)" 1 rr fd00:99::/64
check "exabgp_send: withdraw 10.99.3.0/24" exabgp_send ex "withdraw route 10.99.3.0/24 next-hop self"
no_route_check "BIRD drops 10.99.3.0/24" 30 rr 10.99.3.0/24
refuse "exabgp_send: a command ExaBGP rejects fails" "error" \
	exabgp_send ex "announce route not-a-prefix next-hop self"

# MD5: the good sessions came up above; the bad one is refused by the
# kernel at BIRD's end (counted), never Established.
check "BIRD's kernel drops the bad peer's segments (TCPMD5Failure)" wait_for 60 md5_failed rr
refuse "MD5 mismatch: BIRD does not see the bad peer Established" "" bird_established rr "$BAD"
refuse "MD5 mismatch: nor does the bad GoBGP" "" gobgp_established bad "$RR"
no_route_check "BIRD has nothing from the bad peer" 1 rr 10.244.4.0/24

# Graceful restart: GoBGP dies without a NOTIFICATION; BIRD keeps its
# routes (stale) until it is back, and the restarted one takes over.
check "kill gobgpd (no NOTIFICATION)" bgp_kill gb
check "BIRD notices the session went down" wait_for 30 bird_down rr "$GB"
check "BIRD is in graceful restart for it (helper)" bird_gr_active rr "$GB"
check "BIRD keeps GoBGP's routes meanwhile" bgp_has_route rr 10.244.1.0/24
route_check "and FRR still has them" 1 fr 10.244.1.0/24
started "gobgp_start again, restarted (R bit)" gb \
	gobgp_start gb gb "$GB" $AS 179 "$RR" $AS password gb-secret restarted \
	announce 10.244.1.0/24 announce fd00:244:1::/64
established_by "restarted GoBGP <-> BIRD Established" 60 gb "$RR"
route_check "BIRD has 10.244.1.0/24 again" 30 rr 10.244.1.0/24
check "BIRD ends the graceful restart (End-of-RIB)" wait_for 30 bird_gr_done rr "$GB"

check "bird_stop" bird_stop rr
check "every daemon stops" bgp_stop_all
echo "# total $((SECONDS - T0)) s"
done_testing
