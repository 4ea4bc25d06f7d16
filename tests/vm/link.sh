#!/usr/bin/env bash
# The podnet link kind: create, up/down, several devices, namespaces,
# attributes good and bad, counters, and rmmod/autoload with devices present.
. "$(dirname "$0")/lib.sh"

check "ip link add type podnet" ip link add pn0 type podnet
[ "$(link_kind pn0)" = podnet ] && ok "ip -d link shows kind podnet" ||
	not_ok "ip -d link shows kind podnet" "$(ip -d link show pn0 2>&1)"
refuse "a second device with the same name is refused" 'exists' \
	ip link add pn0 type podnet

check "set up" ip link set pn0 up
ip -o link show pn0 | grep -q '<[^>]*\bUP\b' && ok "device is UP" || not_ok "device is UP"
check "set down" ip link set pn0 down
ip -o link show pn0 | grep -q '<[^>]*\bUP\b' && not_ok "device is down" || ok "device is down"
check "set MTU 9000" ip link set pn0 mtu 9000
refuse "MTU above 65535 is refused" 'mtu|MTU|range' ip link set pn0 mtu 65536
check "set a MAC address" ip link set pn0 address 02:00:00:00:00:aa
refuse "a multicast MAC address is refused" 'address|Cannot assign' \
	ip link set pn0 address 01:00:5e:00:00:01

for i in 1 2 3 4 5; do ip link add "pn$i" type podnet || break; done
[ "$(ip -d -o link show type podnet | wc -l)" = 6 ] && ok "six devices coexist" ||
	not_ok "six devices coexist" "$(ip -o link show type podnet)"
check "delete one of several" ip link del pn3
[ "$(ip -o link show type podnet | wc -l)" = 5 ] && ok "five remain" || not_ok "five remain"

# Link attributes, through libpodnet.
check "create in routed mode" "$RAWLINK" --mode pr routed
[ "$("$RAWLINK" --get pr)" = "kind=podnet mode=routed" ] && ok "mode reported as routed" ||
	not_ok "mode reported as routed" "$("$RAWLINK" --get pr 2>&1)"
[ "$("$RAWLINK" --get pn0)" = "kind=podnet mode=bridge" ] && ok "default mode is bridge" ||
	not_ok "default mode is bridge" "$("$RAWLINK" --get pn0 2>&1)"
refuse "unknown mode value is refused with a message" 'mode must be bridge' \
	"$RAWLINK" bad0 1 07000000
refuse "unknown link attribute is refused with a message" 'Unknown attribute' \
	"$RAWLINK" bad1 42 01000000
refuse "short mode attribute is refused with a message" 'attribute length|policy validation' \
	"$RAWLINK" bad2 1 01
refuse "long mode attribute is refused with a message" 'attribute length' \
	"$RAWLINK" bad3 1 0100000000000000
ip -o link show | grep -q ' bad[0-3]' && not_ok "nothing created by refused requests" ||
	ok "nothing created by refused requests"

# Without ports, what the host sends is flooded to nobody, and counted.
ip addr add 192.0.2.1/24 dev pn0 && ip link set pn0 up
ping -c 2 -W 1 192.0.2.2 >/dev/null 2>&1
tx=$(ip -s -j link show pn0 | jq '.[0].stats64.tx.packets')
[ "${tx:-0}" -gt 0 ] && [ "$("$CTL" -j stats pn0 | jq .flooded)" -gt 0 ] &&
	ok "per-cpu counters count what was sent ($tx packets)" ||
	not_ok "per-cpu counters count what was sent" "$(ip -s link show pn0)"

# Namespaces.
ip netns add pna
ip netns add pnb
check "create in another netns" ip -n pna link add pnx type podnet
[ "$(link_kind pna pnx)" = podnet ] && ok "device lives in that netns" ||
	not_ok "device lives in that netns"
check "move a device to another netns" ip link set pn1 netns pnb
ip link show pn1 >/dev/null 2>&1 && not_ok "moved device left this netns" ||
	ok "moved device left this netns"
[ "$(link_kind pnb pn1)" = podnet ] && ok "moved device is in the target netns" ||
	not_ok "moved device is in the target netns"
check "moved device comes up" ip -n pnb link set pn1 up
check "delete a netns holding a podnet device" ip netns del pna

# Unload with devices present in two namespaces, then autoload.
check "rmmod with devices present" rmmod podnet
[ -z "$(ip -o link show type podnet)" ] && ok "rmmod removed this netns's devices" ||
	not_ok "rmmod removed this netns's devices" "$(ip -o link show type podnet)"
[ -z "$(ip -n pnb -o link show type podnet)" ] && ok "rmmod removed other netns's devices" ||
	not_ok "rmmod removed other netns's devices"
# The genl family's alias loads the module for podnetctl, as rtnetlink's
# does for ip link add.
check "podnetctl autoloads the module" "$CTL" show
check "the module is loaded" grep -q '^podnet ' /proc/modules
check "rmmod again" rmmod podnet
check "ip link add autoloads the module" ip link add pn9 type podnet
check "the module is loaded again" grep -q '^podnet ' /proc/modules
refuse "podnetctl refuses a bad address" "bad address" "$CTL" endpoint add pn9 10.1.2.300 lo
refuse "podnetctl refuses an unknown device" "no such podnet device" "$CTL" show nosuch0
refuse "podnetctl refuses a device that is not podnet" "not a podnet device" "$CTL" show lo
check "delete" ip link del pn9
ip netns del pnb

done_testing
