#!/usr/bin/env bash
# Bridge mode (docker0/cni0 semantics): three pods and the host on one L2
# segment through podnet0, IPv4 and IPv6, learning, ageing, hairpin, port
# removal and rmmod under traffic.
. "$(dirname "$0")/lib.sh"

ip link add podnet0 type podnet
ip link set podnet0 up
ip addr add 10.88.0.1/24 dev podnet0
ip addr add fd00:88::1/64 dev podnet0 nodad
for n in 1 2 3; do
	add_pod $n podnet0 10.88.0.1$n/24 fd00:88::1$n/64 \
		"route add default via 10.88.0.1" "-6 route add default via fd00:88::1"
done
[ "$("$CTL" -j show podnet0 | jq -r '.[0].mode')" = bridge ] && ok "podnetctl shows bridge mode" ||
	not_ok "podnetctl shows bridge mode" "$("$CTL" -j show podnet0)"
[ "$("$CTL" -j port list podnet0 | jq length)" = 3 ] && ok "three ports" ||
	not_ok "three ports" "$("$CTL" port list podnet0 2>&1)"

# What cannot be a port is refused, with a reason.
refuse "loopback cannot be a port" 'loopback' ip link set lo master podnet0
ip link add podnet9 type podnet
refuse "a podnet device cannot be a port" 'podnet device cannot be a port' \
	ip link set podnet9 master podnet0
ip link del podnet9
# "master" moves a port from its old master, as for any master device.
ip link add br9 type bridge
ip link add vx9 type veth peer name vx9b
ip link set vx9 master br9
check "a bridge port moves to podnet0" ip link set vx9 master podnet0
[ "$(ip -j link show vx9 | jq -r '.[0].master')" = podnet0 ] && ok "its master is podnet0 now" ||
	not_ok "its master is podnet0 now" "$(ip link show vx9)"
check "and it leaves again" ip link set vx9 nomaster
ip link del vx9
ip link del br9

check "pod1 -> pod2 IPv4" ip netns exec pod1 ping -c 2 -W 2 10.88.0.12
check "pod2 -> pod3 IPv4" ip netns exec pod2 ping -c 2 -W 2 10.88.0.13
check "pod1 -> pod3 IPv6" ip netns exec pod1 ping -c 2 -W 2 fd00:88::13
check "pod1 -> host IPv4" ip netns exec pod1 ping -c 2 -W 2 10.88.0.1
check "pod2 -> host IPv6" ip netns exec pod2 ping -c 2 -W 2 fd00:88::1
check "host -> pod3 IPv4" ping -c 2 -W 2 10.88.0.13
check "host -> pod1 IPv6" ping -c 2 -W 2 fd00:88::11

# ARP and ND resolved the pods' own MACs: L2 between pods.
mac2=$(pod_mac 2)
ip -n pod1 neigh show 10.88.0.12 | grep -q "lladdr $mac2" && ok "ARP: pod1 knows pod2's MAC" ||
	not_ok "ARP: pod1 knows pod2's MAC" "$(ip -n pod1 neigh)"
ip -n pod1 -6 neigh show fd00:88::13 | grep -q "lladdr $(pod_mac 3)" && ok "ND: pod1 knows pod3's MAC" ||
	not_ok "ND: pod1 knows pod3's MAC" "$(ip -n pod1 -6 neigh)"

# The FDB learned each pod's MAC on its port.
fdb=$("$CTL" -j fdb podnet0)
for n in 1 2 3; do
	port=$(jq -r --arg m "$(pod_mac $n)" '.[] | select(.mac == $m) | .port' <<<"$fdb")
	[ "$port" = "veth$n" ] && ok "FDB: pod$n's MAC on veth$n" ||
		not_ok "FDB: pod$n's MAC on veth$n" "$fdb"
done
jq -e '.[] | select(.local == true)' <<<"$fdb" >/dev/null && ok "FDB: podnet0's own address is local" ||
	not_ok "FDB: podnet0's own address is local" "$fdb"

mbps=$(pod_iperf 1 2 10.88.0.12 3) && ok "iperf3 pod1 -> pod2: $mbps Mbit/s" ||
	not_ok "iperf3 pod1 -> pod2"

# Hairpin: a frame for pod1's own MAC comes back to pod1 only with hairpin.
hairpin_frame() {
	ip netns exec pod1 python3 - "$(pod_mac 1)" <<'PY'
import socket, sys
mac = bytes.fromhex(sys.argv[1].replace(":", ""))
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind(("eth0", 0))
s.send(mac + bytes.fromhex("02aabbccddee") + b"\x88\xb5" + b"podnet hairpin test".ljust(46, b"."))
PY
}
before=$(stat podnet0 drop_hairpin)
hairpin_frame
after=$(stat podnet0 drop_hairpin)
[ "$after" -gt "$before" ] && ok "hairpin off: a frame back to its own port is dropped" ||
	not_ok "hairpin off: a frame back to its own port is dropped" "drop_hairpin $before -> $after"
check "hairpin on" "$CTL" port set podnet0 veth1 hairpin on
fwd=$(stat podnet0 forwarded)
hairpin_frame
[ "$(stat podnet0 forwarded)" -gt "$fwd" ] && [ "$(stat podnet0 drop_hairpin)" = "$after" ] &&
	ok "hairpin on: the frame goes back out of its port" ||
	not_ok "hairpin on: the frame goes back out of its port"
[ "$("$CTL" -j port list podnet0 | jq -r '.[] | select(.ifname == "veth1") | .hairpin')" = true ] &&
	ok "port list shows hairpin" || not_ok "port list shows hairpin" "$("$CTL" -j port list podnet0)"

# Ageing: with the shortest ageing time, a silent pod's entry goes.
check "set ageing 10 s" "$CTL" set podnet0 ageing 10
fdb_has() { "$CTL" -j fdb podnet0 | jq -e --arg m "$1" '.[] | select(.mac == $m)' >/dev/null; }
fdb_gone() { ! fdb_has "$1"; }
if wait_for 40 fdb_gone "$(pod_mac 3)"; then ok "FDB entry ages out"; else not_ok "FDB entry ages out"; fi
check "traffic relearns it" ip netns exec pod3 ping -c 1 -W 2 10.88.0.11
fdb_has "$(pod_mac 3)" && ok "FDB relearned pod3" || not_ok "FDB relearned pod3"

# Ports leave under traffic: nomaster, deletion of the veth, then rmmod.
ip netns exec pod2 iperf3 -s -D -I /tmp/iperf3-srv.pid >/dev/null 2>&1
wait_for 5 sh -c "ip netns exec pod2 ss -ltn | grep -q ':5201 '"
ip netns exec pod1 iperf3 -c 10.88.0.12 -t 30 >/dev/null 2>&1 &
client=$!
ip netns exec pod3 ping -f -w 30 10.88.0.11 >/dev/null 2>&1 &
flood=$!
wait_for 5 sh -c "[ \$($CTL -j stats podnet0 | jq .forwarded) -gt 1000 ]"
check "nomaster under traffic" ip link set veth3 nomaster
ip -d link show veth3 | grep -q 'master' && not_ok "veth3 left podnet0" || ok "veth3 left podnet0"
check "delete a port's veth under traffic" ip link del veth2
[ "$("$CTL" -j port list podnet0 | jq length)" = 1 ] && ok "one port left" ||
	not_ok "one port left" "$("$CTL" port list podnet0 2>&1)"
ip link add veth4 type veth peer name eth0 netns pod2
ip link set veth4 master podnet0 up
ip -n pod2 link set eth0 up
ip -n pod2 addr add 10.88.0.12/24 dev eth0
check "a new port carries traffic" ip netns exec pod2 ping -c 2 -W 2 10.88.0.11
ip netns exec pod1 iperf3 -c 10.88.0.12 -t 30 >/dev/null 2>&1 &
client2=$!
sleep_until_traffic() { wait_for 5 sh -c "[ \$($CTL -j stats podnet0 | jq .tx_packets) -gt $1 ]"; }
sleep_until_traffic "$(stat podnet0 tx_packets)"
check "rmmod under traffic" rmmod podnet
ip -d link show veth1 | grep -q master && not_ok "rmmod released the ports" || ok "rmmod released the ports"
kill $client $client2 $flood 2>/dev/null
wait 2>/dev/null
for n in 1 2 3; do ip netns del "pod$n"; done
ip link del veth3 2>/dev/null

done_testing
