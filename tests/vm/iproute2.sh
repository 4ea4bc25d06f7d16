#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# link_podnet.so against a loaded podnet module: ip link add/set/show with
# podnet's attributes, text and JSON. Prints TAP. Needs root, podnet.ko
# loaded, iproute2 and python3.
#
#   IP_LIB_DIR=/path/to/dir/with/link_podnet.so sh tests/vm/iproute2.sh
#
# IP_LIB_DIR is what `ip` reads; it defaults to this repo's
# userspace/build, where the plugin is built.
# PODNET_TEST_DEV names the device to create (default pntest0); it must not
# exist yet. The device is deleted on exit.

export IP_LIB_DIR=${IP_LIB_DIR:-$(cd "$(dirname "$0")/../../userspace/build" && pwd)}
DEV=${PODNET_TEST_DEV:-pntest0}
IP=${IP:-ip}
PY=${PYTHON:-python3}
n=0
failed=0
out=$(mktemp) || exit 1
json=$(mktemp) || exit 1

cleanup() {
	"$IP" link del "$DEV" >/dev/null 2>&1
	rm -f "$out" "$json"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

ok() {
	n=$((n + 1))
	echo "ok $n - $1"
}

not_ok() {
	n=$((n + 1))
	failed=$((failed + 1))
	echo "not ok $n - $1"
	# Show what the last command printed, as TAP diagnostics.
	[ -s "$out" ] && sed 's/^/# /' "$out"
}

# check DESCRIPTION COMMAND...: passes when COMMAND exits 0.
check() {
	desc=$1
	shift
	if "$@" >"$out" 2>&1; then ok "$desc"; else not_ok "$desc"; fi
}

# refuse DESCRIPTION COMMAND...: passes when COMMAND exits non-zero.
refuse() {
	desc=$1
	shift
	if "$@" >"$out" 2>&1; then not_ok "$desc"; else ok "$desc"; fi
}

# grep_out DESCRIPTION PATTERN: the last command's output has PATTERN.
grep_out() {
	if grep -q -e "$2" "$out"; then ok "$1"; else not_ok "$1"; fi
}

# json_is DESCRIPTION KEY EXPECTED: info_data[KEY] of $DEV in
# `ip -j -d link show` equals EXPECTED (a Python literal).
json_is() {
	if ! "$IP" -j -d link show dev "$DEV" >"$json" 2>"$out"; then
		not_ok "$1"
		return
	fi
	if $PY -c '
import json, sys
links = json.load(open(sys.argv[1]))
info = links[0]["linkinfo"]
assert info["info_kind"] == "podnet", info
got = info["info_data"][sys.argv[2]]
want = eval(sys.argv[3])
assert got == want, "%s: got %r, want %r" % (sys.argv[2], got, want)
' "$json" "$2" "$3" >"$out" 2>&1; then
		ok "$1"
	else
		not_ok "$1"
	fi
}

no_dev() {
	! "$IP" link show dev "$DEV" >/dev/null 2>&1
}

if "$IP" link show dev "$DEV" >/dev/null 2>&1; then
	echo "Bail out! $DEV exists already; set PODNET_TEST_DEV"
	exit 1
fi

# The plugin is found and its help is printed (ip link help TYPE: exit 0).
check "ip link help podnet exits 0" "$IP" link help podnet
grep_out "help lists mode" "mode { bridge | routed }"
grep_out "help lists ageing" "ageing SECONDS"
grep_out "help lists encap" "encap { vxlan | ipip | direct }"
grep_out "help lists routes-max" "routes-max N"

# Create with both attributes.
check "add $DEV type podnet mode routed ageing 600" \
	"$IP" link add "$DEV" type podnet mode routed ageing 600
check "ip -d link show $DEV" "$IP" -d link show dev "$DEV"
grep_out "text shows kind podnet" "podnet "
grep_out "text shows mode routed" "mode routed"
grep_out "text shows ageing 600" "ageing 600"
json_is "json mode is \"routed\"" mode '"routed"'
json_is "json ageing is 600" ageing 600

# Change the ageing time; the mode stays.
check "set $DEV type podnet ageing 120" \
	"$IP" link set dev "$DEV" type podnet ageing 120
check "ip -d link show $DEV after set" "$IP" -d link show dev "$DEV"
grep_out "text shows ageing 120" "ageing 120"
grep_out "mode still routed" "mode routed"
json_is "json ageing is 120" ageing 120
json_is "json mode still \"routed\"" mode '"routed"'

# Bad values are refused by the plugin (its message, not the kernel's), and
# nothing changes.
refuse "set ageing 9 (below min) refused" \
	"$IP" link set dev "$DEV" type podnet ageing 9
grep_out "plugin names the range" "ageing must be 10..1000000 seconds"
refuse "set ageing 1000001 (above max) refused" \
	"$IP" link set dev "$DEV" type podnet ageing 1000001
grep_out "plugin refused 1000001" '"1000001" is wrong'
refuse "set ageing abc refused" \
	"$IP" link set dev "$DEV" type podnet ageing abc
grep_out "plugin refused abc" '"abc" is wrong'
refuse "set mode nonsense refused" \
	"$IP" link set dev "$DEV" type podnet mode nonsense
grep_out "plugin refused mode nonsense" '"nonsense" is wrong: mode must be'
json_is "ageing unchanged after refused sets" ageing 120
json_is "mode unchanged after refused sets" mode '"routed"'

check "del $DEV" "$IP" link del "$DEV"

refuse "add with mode nonsense refused" \
	"$IP" link add "$DEV" type podnet mode nonsense
grep_out "plugin refused mode nonsense on add" '"nonsense" is wrong'
refuse "add with ageing 0 refused" \
	"$IP" link add "$DEV" type podnet ageing 0
grep_out "plugin refused ageing 0 on add" '"0" is wrong'
refuse "add with unknown option refused" \
	"$IP" link add "$DEV" type podnet frobnicate 1
grep_out "plugin names the unknown option" 'unknown option "frobnicate"'
refuse "add ... help exits non-zero" \
	"$IP" link add "$DEV" type podnet help
grep_out "add ... help prints the usage" "Usage: ... podnet"
if no_dev; then ok "no device left by refused adds"; else not_ok "no device left by refused adds"; fi

# Defaults reported by the module (include/uapi/linux/podnet.h).
check "add $DEV type podnet (defaults)" "$IP" link add "$DEV" type podnet
json_is "default mode is \"bridge\"" mode '"bridge"'
json_is "default ageing is 300" ageing 300
json_is "default encap is \"vxlan\"" encap '"vxlan"'
json_is "default cross_subnet is false" cross_subnet False
json_is "default vni is 1" vni 1
json_is "default port is 4789" port 4789
json_is "default routes_max is 1048576" routes_max 1048576

# The overlay settings change with ip link set, and show in text and JSON.
check "set $DEV type podnet encap ipip cross-subnet on vni 42 port 8472 routes-max 1000" \
	"$IP" link set dev "$DEV" type podnet encap ipip cross-subnet on \
	vni 42 port 8472 routes-max 1000
check "ip -d link show $DEV after the overlay set" "$IP" -d link show dev "$DEV"
grep_out "text shows the overlay settings" \
	"encap ipip cross-subnet on vni 42 port 8472 .*routes-max 1000"
json_is "json encap is \"ipip\"" encap '"ipip"'
json_is "json cross_subnet is true" cross_subnet True
json_is "json vni is 42" vni 42
json_is "json port is 8472" port 8472
json_is "json routes_max is 1000" routes_max 1000
refuse "set encap default refused" \
	"$IP" link set dev "$DEV" type podnet encap default
grep_out "plugin refused encap default" '"default" is wrong: encap must be'
refuse "set vni 16777216 refused" \
	"$IP" link set dev "$DEV" type podnet vni 16777216
json_is "vni unchanged after a refused set" vni 42
check "add/del bridge-mode device: del" "$IP" link del "$DEV"

echo "1..$n"
[ "$failed" -eq 0 ]
