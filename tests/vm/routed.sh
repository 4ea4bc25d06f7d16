#!/usr/bin/env bash
# Routed mode (Calico semantics): pods with /32 and /128 addresses behind a
# proxy-ARP/ND gateway, traffic between pods through the host stack (seen by
# nftables), endpoints, anti-spoofing, port removal and rmmod under traffic.
. "$(dirname "$0")/lib.sh"

sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1
check "ip link add type podnet mode routed (iproute2 plugin)" \
	ip link add podnet0 type podnet mode routed
ip -d link show podnet0 | grep -q 'mode routed' && ok "ip -d link shows mode routed" ||
	not_ok "ip -d link shows mode routed" "$(ip -d link show podnet0)"
ip link set podnet0 up
ip addr add 10.89.0.1/24 dev podnet0
ip addr add fd00:89::1/64 dev podnet0 nodad
for n in 1 2 3; do
	add_pod $n podnet0 10.89.0.1$n/32 fd00:89::1$n/128 \
		"route add 169.254.1.1 dev eth0" "route add default via 169.254.1.1" \
		"-6 route add default via fe80::1 dev eth0"
	check "endpoint add pod$n IPv4" "$CTL" endpoint add podnet0 10.89.0.1$n veth$n
	check "endpoint add pod$n IPv6" "$CTL" endpoint add podnet0 fd00:89::1$n/128 veth$n mac "$(pod_mac $n)"
done
[ "$("$CTL" -j endpoint list podnet0 | jq length)" = 6 ] && ok "six endpoints listed" ||
	not_ok "six endpoints listed" "$("$CTL" endpoint list podnet0 2>&1)"
refuse "a second endpoint for an address is refused" 'already has an endpoint' \
	"$CTL" endpoint add podnet0 10.89.0.11 veth2
refuse "an endpoint on a device that is not a port is refused" 'not a port' \
	"$CTL" endpoint add podnet0 10.89.0.99 lo
refuse "a prefix is not an endpoint address" 'prefix' \
	"$CTL" endpoint add podnet0 10.89.0.0/24 veth1

nft -f - <<'NFT'
table inet podnet_test {
	chain forward {
		type filter hook forward priority 0;
		iifname "podnet0" oifname "podnet0" counter
	}
	chain input {
		type filter hook input priority 0;
		iifname "podnet0" counter
	}
}
NFT

check "pod1 -> pod2 IPv4" ip netns exec pod1 ping -c 2 -W 2 10.89.0.12
check "pod2 -> pod3 IPv6" ip netns exec pod2 ping -c 2 -W 2 fd00:89::13
check "pod3 -> pod1 IPv4" ip netns exec pod3 ping -c 2 -W 2 10.89.0.11
check "pod1 -> host IPv4" ip netns exec pod1 ping -c 2 -W 2 10.89.0.1
check "pod3 -> host IPv6" ip netns exec pod3 ping -c 2 -W 2 fd00:89::1
check "host -> pod2 IPv4" ping -c 2 -W 2 10.89.0.12
check "host -> pod1 IPv6" ping -c 2 -W 2 fd00:89::11

gw=$(ip -br link show podnet0 | awk '{print $3}')
ip -n pod1 neigh show 169.254.1.1 | grep -q "lladdr $gw" && ok "proxy ARP: the gateway is podnet0's MAC" ||
	not_ok "proxy ARP: the gateway is podnet0's MAC" "$(ip -n pod1 neigh)"
ip -n pod2 -6 neigh show fe80::1 | grep -q "lladdr $gw" && ok "proxy ND: the gateway is podnet0's MAC" ||
	not_ok "proxy ND: the gateway is podnet0's MAC" "$(ip -n pod2 -6 neigh)"
# Asked directly for another pod, podnet still answers for itself: no L2.
ip netns exec pod1 arping -c 1 -w 2 -I eth0 10.89.0.12 | grep -qi "$gw" &&
	ok "ARP for another pod answers with podnet0's MAC" ||
	not_ok "ARP for another pod answers with podnet0's MAC"
[ "$(stat podnet0 flooded)" = 0 ] && ok "nothing is flooded between pods" ||
	not_ok "nothing is flooded between pods" "flooded $(stat podnet0 flooded)"
[ "$(stat podnet0 arp_replies)" -gt 0 ] && [ "$(stat podnet0 nd_replies)" -gt 0 ] &&
	ok "ARP and ND replies counted" || not_ok "ARP and ND replies counted"
# A pod's DAD probe for its own address stays unanswered.
ip -n pod3 addr add fd00:89::33/128 dev eth0
wait_for 10 sh -c "ip -n pod3 -6 addr show dev eth0 | grep fd00:89::33 | grep -vq tentative" &&
	ip -n pod3 -6 addr show dev eth0 | grep fd00:89::33 | grep -vq dadfailed &&
	ok "DAD succeeds behind podnet" || not_ok "DAD succeeds behind podnet" "$(ip -n pod3 -6 addr)"

counter() { nft -j list chain inet podnet_test "$1" | jq '[.nftables[] | .rule? | select(.) | .expr[] | .counter? | select(.) | .packets] | add'; }
[ "$(counter forward)" -gt 0 ] && ok "pod-to-pod traffic crossed the host's forward hook ($(counter forward) packets)" ||
	not_ok "pod-to-pod traffic crossed the host's forward hook" "$(nft list ruleset)"
[ "$(counter input)" -gt 0 ] && ok "pod-to-host traffic came in on podnet0 ($(counter input) packets)" ||
	not_ok "pod-to-host traffic came in on podnet0"

mbps=$(pod_iperf 1 2 10.89.0.12 3) && ok "iperf3 pod1 -> pod2: $mbps Mbit/s" ||
	not_ok "iperf3 pod1 -> pod2"

# Spoofing: pod1 sending as pod2 is dropped and counted.
before=$(stat podnet0 drop_spoof)
ip -n pod1 addr add 10.89.0.12/32 dev eth0
ip netns exec pod1 ping -c 2 -W 1 -I 10.89.0.12 10.89.0.13 >/dev/null 2>&1 &&
	not_ok "a spoofed source gets no answer" || ok "a spoofed source gets no answer"
[ "$(stat podnet0 drop_spoof)" -gt "$before" ] && ok "spoofed packets are counted" ||
	not_ok "spoofed packets are counted"
ip -n pod1 addr del 10.89.0.12/32 dev eth0

# No endpoint and no route: dropped and counted.
before=$(stat podnet0 drop_no_route)
ip netns exec pod1 ping -c 1 -W 1 10.89.0.99 >/dev/null 2>&1 && not_ok "no endpoint: no answer" ||
	ok "no endpoint: no answer"
[ "$(stat podnet0 drop_no_route)" -gt "$before" ] && ok "no-endpoint, no-route drops counted" ||
	not_ok "no-endpoint, no-route drops counted"
# The host stack would redirect pods to each other: podnet swallows that.
[ "$(nstat -az IcmpOutRedirects | awk '/Icmp/ {print $2}')" -gt 0 ] &&
	[ "$(ip netns exec pod1 nstat -az IcmpInRedirects | awk '/Icmp/ {print $2}')" = 0 ] &&
	ok "redirects from the host never reach pods" || not_ok "redirects from the host never reach pods"

check "endpoint del" "$CTL" endpoint del podnet0 10.89.0.13
refuse "deleting it again is refused" 'no endpoint' "$CTL" endpoint del podnet0 10.89.0.13
ip netns exec pod1 ping -c 1 -W 2 10.89.0.13 >/dev/null 2>&1 && not_ok "a deleted endpoint is unreachable" ||
	ok "a deleted endpoint is unreachable"
check "endpoint add with replace" "$CTL" endpoint add podnet0 10.89.0.13 veth3 replace
check "reachable again" ip netns exec pod1 ping -c 1 -W 2 10.89.0.13

# A port's removal takes its endpoints with it.
check "delete pod3's veth" ip link del veth3
[ "$("$CTL" -j endpoint list podnet0 | jq '[.[] | select(.port == "veth3")] | length')" = 0 ] &&
	ok "its endpoints went with it" || not_ok "its endpoints went with it" "$("$CTL" endpoint list podnet0)"

# rmmod under traffic.
ip netns exec pod2 iperf3 -s -D -I /tmp/iperf3-r.pid >/dev/null 2>&1
wait_for 5 sh -c "ip netns exec pod2 ss -ltn | grep -q ':5201 '"
ip netns exec pod1 iperf3 -c 10.89.0.12 -t 30 >/dev/null 2>&1 &
client=$!
wait_for 5 sh -c "[ \$($CTL -j stats podnet0 | jq .tx_packets) -gt 2000 ]"
check "rmmod under traffic" rmmod podnet
kill $client 2>/dev/null
wait 2>/dev/null
nft delete table inet podnet_test
for n in 1 2 3; do ip netns del "pod$n"; done

done_testing
