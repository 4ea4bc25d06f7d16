#!/usr/bin/env bash
# Benchmark, not a test: nanoseconds per longest-prefix lookup, podnet's
# route table against the kernel FIB, at growing table sizes, in one guest
# (tests/bench/lookup/lookup_bench.c does the timing in the kernel). Also
# the kernel FIB's memory per route. Run by scripts/bench lookup.
#   lookup.sh MODULE.ko
set -u
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
mod=${1:?usage: lookup.sh MODULE.ko}
SIZES=${SIZES:-1000 100000 1000000}

ip link add bench0 type dummy
ip link set bench0 up
ip addr add 192.168.0.254/24 dev bench0
ip route add 10.0.0.0/8 via 192.168.0.1

printf '%-9s %14s %14s %12s %16s\n' routes "podnet ns/op" "FIB ns/op" "podnet/FIB" "FIB B/route"
have=0
base=$(kmem_kb)
for n in $SIZES; do
	# The kernel's copy of the bench module's routes: 10.0.0.0 + 16 i /28,
	# 100k per ip -batch (iproute2 6.1 keeps memory per line it reads).
	for ((lo = have; lo < n; lo += 100000)); do
		hi=$((lo + 100000 < n ? lo + 100000 : n))
		python3 - "$lo" "$hi" <<'PY' | ip -batch - || exit 1
import sys
lo, hi = int(sys.argv[1]), int(sys.argv[2])
out = sys.stdout
for i in range(lo, hi):
    a = 0x0a000000 + 16 * i
    out.write("route add %d.%d.%d.%d/28 via 192.168.0.%d\n" % (
        a >> 24, (a >> 16) & 255, (a >> 8) & 255, a & 255, 1 + i % 250))
PY
	done
	have=$n
	fib_bytes=$(( ($(kmem_kb) - base) * 1024 / n ))
	dmesg -C
	insmod "$mod" routes="$n" || { echo "lookup: insmod failed for $n routes" >&2; exit 1; }
	rmmod podnet_lookup_bench
	line=$(dmesg | grep -o 'routes [0-9]* lookups .*')
	set -- $line
	# routes N lookups L podnet_ns A fib_ns B podnet_hits H fib_hits F
	[ "${10}" = $(($4 / 2)) ] && [ "${12}" = $(($4 / 2)) ] ||
		echo "lookup: not every lookup hit its /28: $line" >&2
	awk -v n="$n" -v l="$4" -v a="$6" -v b="$8" -v m="$fib_bytes" \
		'BEGIN { printf "%-9d %14.1f %14.1f %11.2fx %16d\n", n, a / l, b / l, a / b, m }'
done
