#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# link_podnet.so against the host's `ip`, without the podnet module:
# option parsing, help and errors, and the text that print_opt produces for
# RTM_NEWLINK messages fed to `ip -d monitor file` (no kernel involved).
# Prints TAP. Needs iproute2 and python3; no root.
#
#   IP_LIB_DIR=../build sh smoke-host.sh      (or: make check)

IP=${IP:-ip}
PY=${PYTHON:-python3}
n=0
failed=0
out=$(mktemp) || exit 1
msgs=$(mktemp) || exit 1
trap 'rm -f "$out" "$msgs"' EXIT
trap 'exit 1' INT TERM HUP

if [ -z "$IP_LIB_DIR" ] || [ ! -f "$IP_LIB_DIR/link_podnet.so" ]; then
	echo "Bail out! IP_LIB_DIR must name the directory of link_podnet.so"
	exit 1
fi
export IP_LIB_DIR

result() {
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n - $2"
	else
		failed=$((failed + 1))
		echo "not ok $n - $2"
		sed 's/^/# /' "$out"
	fi
}

# expect WANT_RC PATTERN DESCRIPTION COMMAND...: COMMAND exits WANT_RC
# ("0" or "nonzero") and prints PATTERN (fixed string) on stdout or stderr.
expect() {
	want=$1 pat=$2 desc=$3
	shift 3
	"$@" >"$out" 2>&1
	rc=$?
	st=0
	if [ "$want" = 0 ]; then [ "$rc" -eq 0 ] || st=1; else [ "$rc" -ne 0 ] || st=1; fi
	grep -q -F -e "$pat" "$out" || st=1
	result $st "$desc"
}

# ip parses the type's options with the plugin before it sends anything,
# so "add" needs neither root nor the module to reach these.
expect 0 "mode { bridge | routed }" "ip link help podnet" \
	"$IP" link help podnet
expect nonzero "Usage: ... podnet" "add ... type podnet help" \
	"$IP" link add pnsmoke0 type podnet help
expect nonzero '"nonsense" is wrong: mode must be "bridge" or "routed"' \
	"mode nonsense refused" \
	"$IP" link add pnsmoke0 type podnet mode nonsense
expect nonzero '"9" is wrong: ageing must be 10..1000000 seconds' \
	"ageing below min refused" \
	"$IP" link add pnsmoke0 type podnet ageing 9
expect nonzero '"1000001" is wrong' "ageing above max refused" \
	"$IP" link add pnsmoke0 type podnet ageing 1000001
expect nonzero '"12x" is wrong' "ageing with trailing garbage refused" \
	"$IP" link add pnsmoke0 type podnet ageing 12x
expect nonzero "Command line is not complete" "ageing without value" \
	"$IP" link add pnsmoke0 type podnet ageing
expect nonzero 'unknown option "frobnicate"' "unknown option refused" \
	"$IP" link add pnsmoke0 type podnet frobnicate 42
for opt in "encap { vxlan | ipip | direct }" "cross-subnet { on | off }" \
	   "vni VNI" "port UDPPORT" "local ADDRESS" "underlay { DEV | none }" \
	   "routes-max N"; do
	expect 0 "$opt" "help lists $opt" "$IP" link help podnet
done
expect nonzero '"default" is wrong: encap must be "vxlan", "ipip" or "direct"' \
	"encap default refused for a device" \
	"$IP" link add pnsmoke0 type podnet encap default
expect nonzero '"gre" is wrong: encap must be' "encap gre refused" \
	"$IP" link add pnsmoke0 type podnet encap gre
expect nonzero '"yes" is wrong: cross-subnet must be "on" or "off"' \
	"cross-subnet yes refused" \
	"$IP" link add pnsmoke0 type podnet cross-subnet yes
expect nonzero '"16777216" is wrong: vni must be 0..16777215' \
	"vni above 24 bits refused" \
	"$IP" link add pnsmoke0 type podnet vni 16777216
expect nonzero '"0" is wrong: port must be 1..65535' "port 0 refused" \
	"$IP" link add pnsmoke0 type podnet port 0
expect nonzero '"65536" is wrong: port must be 1..65535' \
	"port above 65535 refused" \
	"$IP" link add pnsmoke0 type podnet port 65536
expect nonzero '"10.0.0.256" is wrong: local must be an IPv4 or IPv6 address' \
	"bad local address refused" \
	"$IP" link add pnsmoke0 type podnet local 10.0.0.256
expect nonzero '"pnsmoke-nx" is wrong: underlay must be a device or "none"' \
	"unknown underlay refused" \
	"$IP" link add pnsmoke0 type podnet underlay pnsmoke-nx
expect nonzero '"0" is wrong: routes-max must be 1..16777216' \
	"routes-max 0 refused" \
	"$IP" link add pnsmoke0 type podnet routes-max 0
expect nonzero '"16777217" is wrong: routes-max must be 1..16777216' \
	"routes-max above the limit refused" \
	"$IP" link add pnsmoke0 type podnet routes-max 16777217
expect nonzero "Command line is not complete" "vni without value" \
	"$IP" link add pnsmoke0 type podnet vni

# Without root or the module, a request that parses reaches the kernel,
# which knows no podnet (or no permission): not the plugin's refusal.
expect nonzero "Error:" "every option parses" \
	"$IP" link add pnsmoke0 type podnet mode routed ageing 600 encap ipip \
	cross-subnet on vni 42 port 8472 local 192.0.2.1 local fd00::1 \
	underlay lo routes-max 1000
! grep -q -F "is wrong" "$out"
result $? "no option refused by the plugin"

# print_opt: RTM_NEWLINK messages with IFLA_INFO_KIND "podnet", in the
# file format `ip monitor file` reads (netlink messages back to back).
"$PY" - "$msgs" <<'EOF'
import socket, struct, sys

def rta(t, payload):
    n = 4 + len(payload)
    return struct.pack("<HH", n, t) + payload + b"\0" * (-n % 4)

def newlink(name, index, data):
    ifi = struct.pack("<BxHiII", 0, 1, index, 0x1003, 0)
    info = rta(1, b"podnet\0")              # IFLA_INFO_KIND
    if data is not None:
        info += rta(2, data)                # IFLA_INFO_DATA
    body = ifi + rta(3, name.encode() + b"\0") + rta(18, info)
    return struct.pack("<IHHII", 16 + len(body), 16, 0, 0, 0) + body

u32 = lambda v: struct.pack("<I", v)
u16 = lambda v: struct.pack("<H", v)
inet = lambda a: socket.inet_pton(socket.AF_INET6 if ":" in a else socket.AF_INET, a)
# IFLA_PODNET_*
MODE, AGEING, ENCAP, CROSS_SUBNET, VNI, PORT, LOCAL4, LOCAL6, UNDERLAY, \
    ROUTES_MAX = range(1, 11)
with open(sys.argv[1], "wb") as f:
    f.write(newlink("pn-routed", 5, rta(MODE, u32(1)) + rta(AGEING, u32(600))))
    f.write(newlink("pn-bridge", 6, rta(MODE, u32(0)) + rta(AGEING, u32(300))))
    f.write(newlink("pn-future", 7, rta(MODE, u32(7)) + rta(ENCAP, u32(9))))
    f.write(newlink("pn-nodata", 8, None))
    f.write(newlink("pn-overlay", 9,
                    rta(ENCAP, u32(3)) + rta(CROSS_SUBNET, b"\1") +
                    rta(VNI, u32(42)) + rta(PORT, u16(8472)) +
                    rta(LOCAL4, inet("192.0.2.1")) + rta(LOCAL6, inet("fd00::1")) +
                    rta(UNDERLAY, u32(1)) + rta(ROUTES_MAX, u32(1000))))
    f.write(newlink("pn-defaults", 10,
                    rta(ENCAP, u32(2)) + rta(CROSS_SUBNET, b"\0") +
                    rta(VNI, u32(1)) + rta(PORT, u16(4789)) +
                    rta(UNDERLAY, u32(0)) + rta(ROUTES_MAX, u32(1048576))))
EOF
result $? "crafted RTM_NEWLINK messages"

"$IP" -d monitor file "$msgs" >"$out" 2>&1
result $? "ip -d monitor file"
for want in "podnet mode routed ageing 600" "podnet mode bridge ageing 300" \
	    "podnet mode 7 encap 9 " \
	    "podnet encap ipip cross-subnet on vni 42 port 8472 local 192.0.2.1 local fd00::1 underlay lo routes-max 1000 " \
	    "podnet encap vxlan cross-subnet off vni 1 port 4789 routes-max 1048576 "; do
	grep -q -F -e "$want" "$out"
	result $? "print_opt shows \"$want\""
done
grep -A2 -F "pn-nodata" "$out" | grep -q -E 'podnet *$'
result $? "print_opt without IFLA_INFO_DATA prints nothing"

# With colours on, print_opt's output must carry no escape sequence.
"$IP" -c=always -d monitor file "$msgs" >"$out" 2>&1
grep -q "$(printf '\033')" "$out"
result $? "ip -c=always colours something (sanity)"
! grep -F "mode routed" "$out" | grep -q "$(printf '\033')"
result $? "no colour codes around podnet attributes"

echo "1..$n"
[ "$failed" -eq 0 ]
