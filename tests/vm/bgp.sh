#!/usr/bin/env bash
# podnetd against real BGP speakers: five nodes through a BIRD 2 route
# reflector, two more through one of them as a podnetd route reflector,
# eBGP with GoBGP and with FRR (and RFC 8212's default of
# nothing without a policy), ExaBGP sending malformed UPDATEs (RFC 7606:
# treat-as-withdraw keeps the session, an unrecognized well-known attribute
# resets it), eBGP multihop through a router, TCP MD5 (a match comes up, a
# mismatch stays down), graceful
# restart with BIRD as the helper, and a peer that stops answering.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/topology.sh"
. "$(dirname "$0")/peers/bgp_peers.sh"
. "$(dirname "$0")/peers/podnetd_node.sh"

BGP_STATE_DIR=$PODNETD_STATE/peers
trap 'podnetd_kill_all; bgp_stop_all' EXIT
nsx() { local ns=$1; shift; ip netns exec "$ns" "$@"; }
not() { ! "$@"; }
# peer_state NODE ADDR: the state podnetd's session with ADDR is in
peer_state() {
	podnetd_ctl "$1" -j peers | jq -r ".peers[] | select(.address == \"$2\") | .state"
}
peer_up() { [ "$(peer_state "$1" "$2")" = Established ]; }
# peer_field NODE ADDR FIELD: one field of podnetctl peers for ADDR
peer_field() {
	podnetd_ctl "$1" -j peers | jq -r ".peers[] | select(.address == \"$2\") | .$3"
}
# rib_has NODE PREFIX: podnetd's RIB has a best path for PREFIX
rib_has() {
	podnetd_ctl "$1" -j bgp routes "$2" | jq -e '.routes[0].paths[0].best' >/dev/null
}
rib_lacks() { ! rib_has "$@"; }
# kernel_via NODE ADDR: the next hop podnet0's route to ADDR has
kernel_via() { nsx "$1" "$CTL" -j route get podnet0 "$2" 2>/dev/null | jq -r '.[0].via'; }
kernel_via_is() { [ "$(kernel_via "$1" "$2")" = "$3" ]; }
no_kernel_route() { ! nsx "$1" "$CTL" route get podnet0 "$2" >/dev/null 2>&1; }
md5_failures() { nsx "$1" nstat -az TcpExtTCPMD5Failure | awk '/TCPMD5Failure/ { print $2 }'; }
md5_failures_above() { [ "$(md5_failures "$1")" -gt "$2" ]; }
# count_ge N COMMAND...: the command prints at least N lines
count_ge() { local n=$1; shift; [ "$("$@" | wc -l)" -ge "$n" ]; }
# field_ge NODE ADDR FIELD N: a numeric field of podnetctl peers is >= N
field_ge() { [ "$(peer_field "$1" "$2" "$3")" -ge "$4" ]; }

topo_fabric fab
topo_subnet fab br0
ul() { echo "192.168.60.$1"; }
for ns in rr gb fr gb2 ex gb3 gbm; do topo_ns "$ns"; done
declare -A host=([rr]=2 [gb]=3 [fr]=4 [gb2]=6 [ex]=7 [gb3]=8)
for ns in "${!host[@]}"; do
	topo_plug "$ns" ul0 fab br0
	topo_addrs "$ns" ul0 "$(ul "${host[$ns]}")/24"
done
# An eBGP peer two hops away, behind a router: multihop.
topo_subnet fab br1
topo_router rt fab br0 "$(ul 1)/24" br1 192.168.61.1/24
topo_plug gbm ul0 fab br1
topo_addrs gbm ul0 192.168.61.3/24
ip -n gbm route add default via 192.168.61.1

# Five nodes, each an RR client of BIRD, plus their eBGP neighbours; n6
# and n7 are route-reflector clients of n5, not of BIRD.
for n in 1 2 3 4 5 6 7; do
	topo_node n$n fab br0 addr "$(ul 1$n)/24"
	extra= reflector="
    - {address: $(ul 2)}"
	case $n in
	1) extra="
    - {address: $(ul 3), as: 65010, import: all, export: pod-cidrs}" ;;
	2) extra="
    - {address: $(ul 4), as: 65020, import: all, export: all, password: s3cret,
       passive: true}" ;;
	3) extra="
    - {address: $(ul 6), as: 65030}
    - {address: 192.168.61.3, as: 65060, multihop: 2, import: all}" ;;
	4) extra="
    - {address: $(ul 7), as: 65040, import: all}" ;;
	5) extra="
    - {address: $(ul 8), as: 65050, import: all, password: right}
    - {address: $(ul 16), route-reflector-client: true}
    - {address: $(ul 17), route-reflector-client: true}" ;;
	6 | 7) reflector="
    - {address: $(ul 15)}" ;;
	esac
	podnetd_config n$n <<EOF
node: {name: n$n, as: 64512}
underlay: {interface: ul0}
pod-cidrs: [10.245.$n.0/24, "fd00:245:$n::/64"]
cluster-cidrs: [10.245.0.0/16, "fd00:245::/32"]
bgp:
  hold-time: 9
  connect-retry: 1
  restart-time: 30
  stale-time: 30
  peers:$reflector$extra
EOF
done

bird_rr_start rr rr "$(ul 2)" 64512 "$(ul 2)" "$(ul 11)" "$(ul 12)" "$(ul 13)" "$(ul 14)" "$(ul 15)" ||
	not_ok "BIRD starts as the route reflector" "$(tail -5 "$(bgp_log rr)" 2>/dev/null)"
ip -n n3 route add 192.168.61.0/24 via "$(ul 1)"
for n in 1 2 3 4 5 6 7; do podnetd_start n$n; done
for n in 1 2 3 4 5; do
	check "n$n: session with the BIRD route reflector Established" wait_for 180 peer_up n$n "$(ul 2)"
done
for n in 6 7; do
	check "n$n: session with n5, its podnetd route reflector, Established" wait_for 180 peer_up n$n "$(ul 15)"
done
for n in 1 2 3 4 5 6 7; do
	check "n$n: the other 6 nodes' 12 prefixes programmed" wait_for 180 podnetd_has_routes n$n 12
done
check "BIRD holds all 14 pod prefixes (n6's and n7's from n5, client to non-client)" \
	wait_for 90 count_ge 14 bird_routes rr
if [ "$tap_failed" -gt 0 ]; then
	{ bird_routes rr; bird_cmd rr show protocols; podnetd_ctl n1 bgp routes
	  podnetd_ctl n1 peers; podnetd_log n1; } 2>&1 | sed 's/^/# /'
fi
check "n1: 10.245.3.0/24 via n3 itself (the reflector keeps the next hop)" \
	kernel_via_is n1 10.245.3.9 "$(ul 13)"
check "n1: fd00:245:5::/64 via n5's IPv4 address (IPv6 over the IPv4 session)" \
	kernel_via_is n1 fd00:245:5::9 "$(ul 15)"
cl=$(podnetd_ctl n1 -j bgp routes 10.245.4.0/24 | jq -c '[.routes[0].paths[0].originator_id, .routes[0].paths[0].cluster_list]')
[ "$cl" = "[\"$(ul 14)\",[\"$(ul 2)\"]]" ] &&
	ok "n1: the reflected path has ORIGINATOR_ID n4 and CLUSTER_LIST [BIRD]" ||
	not_ok "n1: reflected path's ORIGINATOR_ID and CLUSTER_LIST" "$cl"
cl=$(podnetd_ctl n6 -j bgp routes 10.245.7.0/24 | jq -c '[.routes[0].paths[0].originator_id, .routes[0].paths[0].cluster_list]')
[ "$cl" = "[\"$(ul 17)\",[\"$(ul 15)\"]]" ] &&
	ok "n6: n5 reflects n7's path, client to client (ORIGINATOR_ID n7, CLUSTER_LIST [n5])" ||
	not_ok "n6: n5 reflects n7's path, client to client" "$cl"
cl=$(podnetd_ctl n6 -j bgp routes 10.245.1.0/24 | jq -c '.routes[0].paths[0].cluster_list')
[ "$cl" = "[\"$(ul 15)\",\"$(ul 2)\"]" ] &&
	ok "n6: n1's path through BIRD and n5: CLUSTER_LIST [n5, BIRD] (non-client to client)" ||
	not_ok "n6: n1's path through BIRD and n5" "$cl"
check "n6: 10.245.7.0/24 via n7 itself" kernel_via_is n6 10.245.7.9 "$(ul 17)"
for n in 1 5; do
	topo_pod n$n veth$n pod$n addr 10.245.$n.2/32 addr fd00:245:$n::2/128 gw4 169.254.1.1
	ip -n pod$n -6 route add default via fe80::1 dev eth0
	ip -n n$n link set veth$n master podnet0
	nsx n$n "$CTL" endpoint add podnet0 10.245.$n.2 veth$n
	nsx n$n "$CTL" endpoint add podnet0 fd00:245:$n::2 veth$n
	ip -n pod$n link set eth0 mtu 1450
done
check "pod1 -> pod5 through routes from the reflector, IPv4" topo_wait_ping pod1 10.245.5.2 10
check "pod5 -> pod1, IPv6" topo_wait_ping pod5 fd00:245:1::2 10

# eBGP with GoBGP on n1: it gets n1's pod CIDRs only (export pod-cidrs),
# with n1's AS and address; n1 takes its route (import all).
gobgp_start gb gb "$(ul 3)" 65010 179 "$(ul 11)" 64512 announce 10.245.200.0/24 ||
	not_ok "GoBGP starts"
check "n1: eBGP session with GoBGP Established" wait_for 180 peer_up n1 "$(ul 3)"
check "GoBGP receives n1's pod CIDRs" wait_for 90 count_ge 2 gobgp_routes gb
got=$(gobgp_routes gb | tr '\n' ' ')
[ "$got" = "10.245.1.0/24 fd00:245:1::/64 " ] && ok "GoBGP gets only n1's own prefixes (export pod-cidrs)" ||
	not_ok "GoBGP gets only n1's own prefixes" "$got"
nh=$(gobgp_nexthop gb 10.245.1.0/24)
[ "$nh" = "$(ul 11)" ] && ok "GoBGP: next hop is n1 (eBGP next-hop-self)" || not_ok "GoBGP: next hop n1" "$nh"
check "n1: GoBGP's 10.245.200.0/24 programmed via GoBGP" wait_for 90 kernel_via_is n1 10.245.200.9 "$(ul 3)"
asp=$(podnetd_ctl n1 -j bgp routes 10.245.200.0/24 | jq -r '.routes[0].paths[0].as_path')
[ "$asp" = 65010 ] && ok "n1: its AS path is 65010" || not_ok "n1: AS path 65010" "$asp"
gobgp_withdraw gb 10.245.200.0/24
check "n1: GoBGP's withdrawal removes the route" wait_for 90 no_kernel_route n1 10.245.200.9

# eBGP with FRR on n2 (TCP MD5 on both sides, export all): FRR gets every
# best path of n2 with AS 64512 prepended; FRR's route reaches n5 too,
# through n2 and the reflector.
frr_start fr fr "$(ul 4)" 65020 "$(ul 12)" 64512 password s3cret announce 10.245.210.0/24 ||
	not_ok "FRR starts"
check "n2: eBGP session with FRR Established, with TCP MD5 (n2 passive: on its listener)" \
	wait_for 180 peer_up n2 "$(ul 4)"
check "FRR receives the cluster's prefixes from n2" wait_for 90 count_ge 14 frr_routes fr
check "n5: FRR's 10.245.210.0/24 learned through n2 and the reflector" wait_for 90 rib_has n5 10.245.210.0/24
asp=$(podnetd_ctl n5 -j bgp routes 10.245.210.0/24 | jq -r '.routes[0].paths[0].as_path')
[ "$asp" = 65020 ] && ok "n5: its AS path is 65020" || not_ok "n5: AS path 65020" "$asp"
check "route refresh: FRR asks (clear bgp soft in)" frr_cmd fr "clear bgp $(ul 12) soft in"
check "route refresh: n2 sends its table again" \
	wait_for 90 grep -q "peer $(ul 4): route refresh" "$PODNETD_STATE/n2/log"

# RFC 8212: an eBGP peer without import or export policy exchanges nothing.
gobgp_start gb2 gb2 "$(ul 6)" 65030 179 "$(ul 13)" 64512 announce 10.245.230.0/24 ||
	not_ok "second GoBGP starts"
check "n3: eBGP session without a policy Established" wait_for 180 peer_up n3 "$(ul 6)"
check "n3: GoBGP's route arrives (received counts it)" wait_for 90 field_ge n3 "$(ul 6)" received 1
check "RFC 8212: n3 accepts nothing from it" rib_lacks n3 10.245.230.0/24
got=$(gobgp_routes gb2 | wc -l)
[ "$got" = 0 ] && ok "RFC 8212: n3 sends it nothing" || not_ok "RFC 8212: n3 sends it nothing" "$got routes"

# eBGP multihop: n3 and a GoBGP behind the router (TTL 2 is enough).
gobgp_start gbm gbm 192.168.61.3 65060 179 "$(ul 13)" 64512 multihop announce 10.245.240.0/24 ||
	not_ok "multihop GoBGP starts"
check "n3: eBGP multihop session through the router Established" wait_for 180 peer_up n3 192.168.61.3
check "n3: the multihop peer's route is in the RIB" wait_for 90 rib_has n3 10.245.240.0/24
bgp_stop gbm

# ExaBGP on n4: a good route, then malformed versions of it (RFC 7606).
exabgp_start ex ex "$(ul 7)" 65040 "$(ul 14)" 64512 ||
	not_ok "ExaBGP starts"
check "n4: session with ExaBGP Established" wait_for 180 peer_up n4 "$(ul 7)"
exabgp_send ex "announce route 10.245.220.0/24 next-hop self"
check "n4: ExaBGP's good route is in the RIB" wait_for 90 rib_has n4 10.245.220.0/24
since=$(peer_field n4 "$(ul 7)" state_seconds)
for bad in "0x01 0x40 0x0000:ORIGIN of length 2" \
	"0x04 0x40 0x00000064:MED flagged well-known" \
	"0x02 0x40 0x0203fde8:AS_PATH segment overrun"; do
	attr=${bad%%:*} what=${bad#*:}
	exabgp_send ex "announce route 10.245.220.0/24 next-hop self"
	wait_for 90 rib_has n4 10.245.220.0/24
	exabgp_send ex "announce route 10.245.220.0/24 next-hop self attribute [ $attr ]"
	check "RFC 7606 $what: treated as withdraw" wait_for 90 rib_lacks n4 10.245.220.0/24
	check "RFC 7606 $what: the session stays up" peer_up n4 "$(ul 7)"
done
now=$(peer_field n4 "$(ul 7)" state_seconds)
[ "$now" -ge "$since" ] && ok "the ExaBGP session never reset (up ${now}s)" ||
	not_ok "the ExaBGP session never reset" "since $since, now $now"
grep -q 'malformed UPDATE' "$PODNETD_STATE/n4/log" && ok "n4 logs the malformed UPDATEs" ||
	not_ok "n4 logs the malformed UPDATEs"
exabgp_send ex "announce route 10.245.221.0/24 next-hop self attribute [ 0x20 0x40 0x01 ]"
check "unrecognized well-known attribute: n4 resets the session (RFC 4271 6.3)" \
	wait_for 90 grep -q 'NOTIFICATION sent 3/2' "$PODNETD_STATE/n4/log"
exabgp_stop ex

# TCP MD5: n5 has "right", GoBGP "wrong": never Established, and n5's
# kernel drops its segments as MD5 failures.
before=$(md5_failures n5)
gobgp_start gb3 gb3 "$(ul 8)" 65050 179 "$(ul 15)" 64512 password wrong || not_ok "third GoBGP starts"
check "MD5 mismatch: n5's kernel counts MD5 failures" wait_for 90 md5_failures_above n5 "${before:-0}"
check "MD5 mismatch: the session is not Established" not peer_up n5 "$(ul 8)"
check "MD5 mismatch: GoBGP is not Established either" not gobgp_established gb3 "$(ul 15)"
bgp_stop gb3

# Graceful restart with BIRD as the helper: kill -9 of n5's podnetd; BIRD
# and n1 keep n5's routes; after the restart they are fresh again.
nsx pod1 ping -q -i 0.05 -c 200 -W 1 10.245.5.2 >"$PODNETD_STATE/flood" 2>&1 &
flood=$!
podnetd_kill n5 KILL
check "n5 killed: n1 keeps n5's prefix in the kernel" kernel_via_is n1 10.245.5.9 "$(ul 15)"
podnetd_start n5
check "n5 back: session with BIRD Established" wait_for 180 peer_up n5 "$(ul 2)"
check "n1: n5's prefix still via n5" wait_for 90 kernel_via_is n1 10.245.5.9 "$(ul 15)"
wait_for 90 podnetd_gone "$flood"
wait "$flood"
loss=$(grep -o '[0-9.]*% packet loss' "$PODNETD_STATE/flood")
[ "$loss" = "0% packet loss" ] && ok "pod1 -> pod5 flood across n5's kill -9 and restart: $loss" ||
	not_ok "pod1 -> pod5 flood across the restart" "$(cat "$PODNETD_STATE/flood")"

# A peer that stops answering: GoBGP frozen, n1 drops its routes after
# the hold time (9 s).
gobgp_announce gb 10.245.201.0/24
check "n1: GoBGP's 10.245.201.0/24 programmed" wait_for 90 kernel_via_is n1 10.245.201.9 "$(ul 3)"
kill -STOP "$(bgp_pid gb)"
check "GoBGP frozen: n1's session goes down after the hold time" wait_for 120 not peer_up n1 "$(ul 3)"
check "GoBGP frozen: its route leaves n1's kernel" wait_for 180 no_kernel_route n1 10.245.201.9
kill -CONT "$(bgp_pid gb)"

for n in 1 2 3 4 5 6 7; do
	podnetd_alive n$n && ok "n$n: podnetd still running" ||
		not_ok "n$n: podnetd still running" "$(podnetd_log n$n | tail -20)"
done
if [ "$tap_failed" -gt 0 ]; then
	for n in 1 2 3 4 5 6 7; do echo "# --- n$n log"; podnetd_log n$n | tail -30 | sed 's/^/# /'; done
fi
podnetd_kill_all
bgp_stop_all
topo_destroy pod1 pod5 n1 n2 n3 n4 n5 n6 n7 rr gb fr gb2 ex gb3 gbm rt fab
echo "1..$tap_n"
[ "$tap_failed" -eq 0 ]
