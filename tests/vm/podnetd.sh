#!/usr/bin/env bash
# podnetd on three nodes in a full iBGP mesh: each node's podnetd sets up
# podnet0 and the cluster routes, announces its pod CIDRs and programs the
# others' into the module; pods reach each other across. Then what a node
# daemon must survive: kill -9 and restart under traffic (graceful restart:
# no route leaves a kernel, stale ones go after End-of-RIB), SIGTERM with
# the forwarding state kept, a peer that stops answering (its routes go
# after the hold time), a device flap (the cluster route comes back), and
# configuration errors that name their place.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/topology.sh"
. "$(dirname "$0")/peers/podnetd_node.sh"

nsx() { local ns=$1; shift; ip netns exec "$ns" "$@"; }
# path_stale NODE PREFIX VALUE: the prefix's first path has stale == VALUE
path_stale() {
	podnetd_ctl "$1" -j bgp routes "$2" | jq -e ".routes[0].paths[0].stale == $3"
}
# status_is NODE JQ-EXPR: podnetctl status satisfies the expression
status_is() { podnetd_ctl "$1" -j status | jq -e "$2"; }
# peer_up NODE ADDR: NODE's session with ADDR is Established
peer_up() {
	podnetd_ctl "$1" -j peers |
		jq -e ".peers[] | select(.address == \"$2\" and .state == \"Established\")"
}
# peer_is NODE JQ-EXPR: its first peer, in podnetctl peers, satisfies it
peer_is() { podnetd_ctl "$1" -j peers | jq -e ".peers[0] | $2"; }
not() { ! "$@"; }
cluster_route() { ip -n "$1" route show proto 99 | grep -q "^$2 dev podnet0"; }
no_route() { ! nsx "$1" "$CTL" route get podnet0 "$2"; }
trap podnetd_kill_all EXIT

# A configuration error names file, line, column and key; nothing runs.
cat >"$PODNETD_STATE/bad.yaml" <<'EOF'
node:
  as: 64512
bgp:
  hold-time: 2
EOF
refuse "podnetd --check: a bad hold time names file:line:col and key" \
	'bad\.yaml:4:[0-9]+: bgp\.hold-time' "$PODNETD" --check -c "$PODNETD_STATE/bad.yaml"
refuse "podnetd: an unknown flag is refused" 'unknown option --bogus' "$PODNETD" --bogus

topo_fabric fab
topo_subnet fab br0
declare -A ul4=([1]=192.168.50.11 [2]=192.168.50.12 [3]=192.168.50.13)
for n in 1 2 3; do
	topo_node n$n fab br0 addr "${ul4[$n]}/24" addr "fd00:50::1$n/64"
	podnetd_config n$n <<EOF
node:
  name: n$n
  as: 64512
device:
  encap: vxlan
underlay:
  interface: ul0
pod-cidrs: [10.244.$n.0/24, "fd00:244:$n::/64"]
cluster-cidrs: [10.244.0.0/16, "fd00:244::/32"]
bgp:
  hold-time: 9
  connect-retry: 1
  restart-time: 30
  stale-time: 30
  mesh: [${ul4[1]}, ${ul4[2]}, ${ul4[3]}]
EOF
done
for n in 1 2 3; do podnetd_start n$n; done
for n in 1 2 3; do
	check "n$n: podnetd is ready" wait_for 90 podnetd_ready n$n
done
for n in 1 2 3; do
	check "n$n: both mesh peers Established" wait_for 180 podnetd_established n$n 2
done
# lower address active, higher passive (Calico's rule)
passive=$(podnetd_ctl n2 -j peers | jq -r '.peers[] | "\(.address)=\(.passive)"' | sort | tr '\n' ' ')
[ "$passive" = "192.168.50.11=true 192.168.50.13=false " ] &&
	ok "n2 waits for n1 (lower) and connects to n3 (higher)" ||
	not_ok "n2 waits for n1 (lower) and connects to n3 (higher)" "$passive"

for n in 1 2 3; do
	check "n$n: 4 routes programmed (2 nodes x IPv4, IPv6)" wait_for 90 podnetd_has_routes n$n 4
	check "n$n: podnet0 is up" sh -c "ip -n n$n link show podnet0 | grep -q ',UP'"
	topo_pod n$n veth$n pod$n addr 10.244.$n.2/32 addr fd00:244:$n::2/128 gw4 169.254.1.1
	ip -n pod$n -6 route add default via fe80::1 dev eth0
	ip -n n$n link set veth$n master podnet0
	nsx n$n "$CTL" endpoint add podnet0 10.244.$n.2 veth$n
	nsx n$n "$CTL" endpoint add podnet0 fd00:244:$n::2 veth$n
	ip -n pod$n link set eth0 mtu "$(ip -n n$n -j link show podnet0 | jq '.[0].mtu')"
done
r=$(ip -n n1 route show proto 99)
grep -q '^10.244.0.0/16 dev podnet0' <<<"$r" &&
	ok "n1: cluster route 10.244.0.0/16 dev podnet0, protocol 99" ||
	not_ok "n1: cluster route 10.244.0.0/16 dev podnet0, protocol 99" "$r"
r=$(ip -n n1 -6 route show proto 99)
grep -q '^fd00:244::/32 dev podnet0' <<<"$r" && ok "n1: IPv6 cluster route, protocol 99" ||
	not_ok "n1: IPv6 cluster route, protocol 99" "$r"
via=$(nsx n1 "$CTL" -j route get podnet0 10.244.3.7 | jq -r '.[0].via')
[ "$via" = 192.168.50.13 ] && ok "n1: 10.244.3.0/24 via n3's underlay address" ||
	not_ok "n1: 10.244.3.0/24 via n3's underlay address" "$via"
mtu=$(podnetd_ctl n1 -j status | jq .mtu)
[ "$mtu" = 1450 ] && ok "status: podnet0 MTU 1450 (VXLAN on a 1500 underlay)" ||
	not_ok "status: podnet0 MTU 1450" "$mtu"

for n in 1 2 3; do
	for m in 1 2 3; do
		[ $n = $m ] && continue
		check "pod$n -> pod$m, IPv4" topo_wait_ping pod$n 10.244.$m.2 10
	done
done
check "pod1 -> pod3, IPv6" topo_wait_ping pod1 fd00:244:3::2 10

# The control socket: text and JSON, and what the routes say.
out=$(podnetd_ctl n1 peers)
grep -q 'Established' <<<"$out" && ok "podnetctl peers: text lists Established peers" ||
	not_ok "podnetctl peers: text" "$out"
n=$(podnetd_ctl n1 -j bgp routes | jq '[.routes[] | select(.paths[0].best)] | length')
[ "$n" = 6 ] && ok "podnetctl bgp routes: 6 prefixes with a best path on n1" ||
	not_ok "podnetctl bgp routes: 6 prefixes" "$n"
src=$(podnetd_ctl n1 -j bgp routes ipv4 10.244.1.0/24 | jq -r '.routes[0].paths[0].from')
[ "$src" = local ] && ok "podnetctl bgp routes PREFIX: n1's own CIDR is local" ||
	not_ok "n1's own CIDR is local" "$src"
refuse "podnetctl: a missing daemon is said so" 'not running' \
	"$CTL" -s /nonexistent.sock status

# kill -9 of n2's podnetd under traffic: n1 and n3 keep n2's routes stale,
# n2's kernel keeps its routes; after the restart n2 resyncs without loss.
nsx pod1 ping -q -i 0.05 -c 300 -W 1 10.244.2.2 >"$PODNETD_STATE/flood" 2>&1 &
flood=$!
gen_before=$(nsx n2 "$CTL" -j route list podnet0 | jq '[.[].generation] | max')
podnetd_kill n2 KILL
check "n2 killed: its kernel routes stay" podnetd_has_routes n2 4
check "n1 keeps n2's routes, stale" wait_for 180 path_stale n1 10.244.2.0/24 true
check "n1: n2's route still in the kernel" podnetd_has_routes n1 4
podnetd_start n2
check "n2 restarted: both peers Established again" wait_for 180 podnetd_established n2 2
check "n1: n2's routes no longer stale (End-of-RIB)" wait_for 90 path_stale n1 10.244.2.0/24 false
check "n2: converged after the restart" wait_for 120 status_is n2 .converged
gens=$(nsx n2 "$CTL" -j route list podnet0 | jq -c '[.[].generation] | unique')
[ "$gens" = "[$((gen_before + 1))]" ] &&
	ok "n2: every route rewritten under generation $((gen_before + 1)), the old flushed" ||
	not_ok "n2: routes under the new generation only" "before $gen_before, now $gens"
wait_for 90 podnetd_gone "$flood"
wait "$flood"
loss=$(grep -o '[0-9.]*% packet loss' "$PODNETD_STATE/flood")
[ "$loss" = "0% packet loss" ] && ok "pod1 -> pod2 flood across the kill -9 and restart: $loss" ||
	not_ok "pod1 -> pod2 flood across the kill -9 and restart" "$(cat "$PODNETD_STATE/flood")"

# SIGTERM with graceful restart: routes and cluster route stay in place.
podnetd_kill n3 TERM
check "n3: podnetd exited 0 on SIGTERM" test $? = 0
check "n3: after SIGTERM its routes stay" podnetd_has_routes n3 4
check "n3: after SIGTERM the cluster route stays" cluster_route n3 10.244.0.0/16
check "pod3 -> pod1 while n3's podnetd is down" topo_wait_ping pod3 10.244.1.2 5
podnetd_start n3
check "n3 back: peers Established" wait_for 180 podnetd_established n3 2

# A device flap takes the cluster routes with it; podnetd puts them back.
ip -n n1 link set podnet0 down
ip -n n1 link set podnet0 up
check "n1: podnet0 flapped: the cluster route is back" wait_for 180 cluster_route n1 10.244.0.0/16
ip -n n1 route del 10.244.0.0/16 dev podnet0
check "n1: a deleted cluster route is put back" wait_for 180 cluster_route n1 10.244.0.0/16
ip -n n1 link set ul0 mtu 1400
check "n1: underlay MTU 1400: podnet0 follows (1350)" wait_for 180 status_is n1 '.mtu == 1350'
ip -n n1 link set ul0 mtu 1500

# A peer that stops answering: its routes go after the hold time (9 s).
kill -STOP "${podnetd_pids[n3]}"
check "n3 frozen: n1 drops the session after the hold time" wait_for 90 not peer_up n1 192.168.50.13
check "n1: n3's routes removed from the kernel" wait_for 180 no_route n1 10.244.3.7
kill -CONT "${podnetd_pids[n3]}"
check "n3 thawed: the session comes back" wait_for 180 podnetd_established n1 2
check "n1: n3's routes back" wait_for 90 podnetd_has_routes n1 4

# The underlay address moves (found by CIDR): the device's local address
# follows. A node of its own, without peers.
topo_node n4 fab br0 addr 192.168.51.4/24
podnetd_config n4 <<EOF
underlay: {cidr: 192.168.51.0/24}
pod-cidrs: [10.244.4.0/24]
cluster-cidrs: [10.244.0.0/16]
EOF
# systemd's readiness protocol: a datagram socket in NOTIFY_SOCKET
python3 -c 'import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
s.settimeout(180)
while True:
    print(s.recv(4096).decode(), flush=True)' "$PODNETD_STATE/notify.sock" >"$PODNETD_STATE/notify" 2>/dev/null &
notify_pid=$!
wait_for 30 test -S "$PODNETD_STATE/notify.sock"
# a small notification buffer: a burst of link changes overruns it
NOTIFY_SOCKET=$PODNETD_STATE/notify.sock PODNETD_NETLINK_RCVBUF=4096 podnetd_start n4
check "n4: READY=1 sent to NOTIFY_SOCKET (sd_notify)" wait_for 90 grep -qx READY=1 "$PODNETD_STATE/notify"
check "n4: podnetd without peers is ready and converged" wait_for 90 status_is n4 '.ready and .converged'
check "n4: underlay 192.168.51.4, found in 192.168.51.0/24" status_is n4 '.underlay.address == "192.168.51.4"'
# else deleting the primary address takes the new, secondary one with it
nsx n4 sysctl -qw net.ipv4.conf.ul0.promote_secondaries=1
ip -n n4 addr add 192.168.51.5/24 dev ul0
ip -n n4 addr del 192.168.51.4/24 dev ul0
check "n4: the underlay address moved to 192.168.51.5" wait_for 180 status_is n4 '.underlay.address == "192.168.51.5"'
local4=$(nsx n4 "$CTL" -j show podnet0 | jq -r '.[0].local4')
[ "$local4" = 192.168.51.5 ] && ok "n4: podnet0's local address followed" ||
	not_ok "n4: podnet0's local address followed" "$local4"
gen=$(podnetd_ctl n4 -j status | jq .generation)
for i in $(seq 1 200); do echo "link add dmy$i type dummy"; done | ip -n n4 -batch -
check "n4: a burst of 200 new links overruns rtnetlink: full resync" \
	wait_for 90 grep -q 'rtnetlink overrun: full resync' "$PODNETD_STATE/n4/log"
check "n4: the resync wrote a new generation" status_is n4 ".generation > $gen"
check "n4: the cluster route is still there" cluster_route n4 10.244.0.0/16
podnetd_kill n4 TERM
check "n4: STOPPING=1 sent on SIGTERM" grep -qx STOPPING=1 "$PODNETD_STATE/notify"
kill "$notify_pid" 2>/dev/null

# A table in full-size UPDATEs (4096 octets, ~810 routes each) sent at
# once: TCP hands them over in pieces that end mid-message, so podnetd must
# wait for the rest of each before parsing it.
topo_ns inj
topo_plug inj ul0 fab br0
topo_addrs inj ul0 192.168.52.1/24
nsx inj python3 "$TOP/tests/bench/bgpbench.py" serve 20000 --listen 192.168.52.1 \
	--as 65000 --events "$PODNETD_STATE/inj.events" >"$PODNETD_STATE/inj.out" 2>&1 &
inj_pid=$!
wait_for 60 grep -q ready "$PODNETD_STATE/inj.out"
topo_node n5 fab br0 addr 192.168.52.5/24
podnetd_config n5 <<EOF
underlay: {interface: ul0}
pod-cidrs: [10.244.5.0/24]
cluster-cidrs: [10.0.0.0/8]
bgp:
  graceful-restart: false
  connect-retry: 1
  peers:
    - {address: 192.168.52.1, as: 65000, import: all}
EOF
podnetd_start n5
check "n5: 20000 routes from 25 UPDATEs of 4096 octets, all installed" \
	wait_for 180 podnetd_has_routes n5 20000
check "n5: the session stayed up, without an error" \
	peer_is n5 '.state == "Established" and .last_error == null and .received == 20000'
check "n5: the injector saw one session" test "$(grep -c '^established' "$PODNETD_STATE/inj.events")" = 1
kill "$inj_pid" 2>/dev/null
podnetd_kill n5 TERM

for n in 1 2 3; do
	podnetd_alive n$n && ok "n$n: podnetd still running" ||
		not_ok "n$n: podnetd still running" "$(podnetd_log n$n | tail -20)"
done
if [ "$tap_failed" -gt 0 ]; then
	for n in 1 2 3; do echo "# --- n$n log"; podnetd_log n$n | tail -40 | sed 's/^/# /'; done
fi
podnetd_kill_all
topo_destroy pod1 pod2 pod3 n1 n2 n3 n4 n5 inj fab
echo "1..$tap_n"
[ "$tap_failed" -eq 0 ]
