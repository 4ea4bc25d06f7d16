# shellcheck shell=bash
# Helpers for VM scenarios: each scenario is a bash script run as root in a
# guest by scripts/vm-run, printing TAP ("ok N - what" / "not ok N - what").

TOP=${PODNET_TOP:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
RAWLINK=$TOP/userspace/build/podnet-rawlink
CTL=$TOP/userspace/build/podnetctl
# iproute2 loads link_podnet.so from here for "type podnet mode ...".
export IP_LIB_DIR=$TOP/userspace/build
tap_n=0
tap_failed=0

ok() { # description
	tap_n=$((tap_n + 1))
	echo "ok $tap_n - $1"
}

not_ok() { # description [diagnostic...]
	tap_n=$((tap_n + 1))
	tap_failed=$((tap_failed + 1))
	echo "not ok $tap_n - $1"
	shift
	local line
	for line in "$@"; do echo "# $line"; done
}

# check DESCRIPTION COMMAND...: the command must succeed.
check() {
	local what=$1 out
	shift
	if out=$("$@" 2>&1); then ok "$what"; else not_ok "$what" "$* failed:" "$out"; fi
}

# refuse DESCRIPTION PATTERN COMMAND...: the command must fail, and its
# output must match the extended regex PATTERN.
refuse() {
	local what=$1 pattern=$2 out
	shift 2
	if out=$("$@" 2>&1); then
		not_ok "$what" "$* succeeded, expected a failure" "$out"
	elif ! grep -Eq -- "$pattern" <<<"$out"; then
		not_ok "$what" "$* failed without /$pattern/:" "$out"
	else
		ok "$what"
	fi
}

# wait_for DEADLINE-SECONDS COMMAND...: poll until the command succeeds.
wait_for() {
	local deadline=$((SECONDS + $1))
	shift
	until "$@" >/dev/null 2>&1; do
		[ $SECONDS -lt $deadline ] || return 1
		sleep 0.1
	done
}

link_kind() { # [NETNS] DEV: the device's rtnl link kind
	local ns=()
	[ $# -eq 2 ] && ns=(-n "$1") && shift
	ip "${ns[@]}" -d -j link show dev "$1" 2>/dev/null | jq -r '.[0].linkinfo.info_kind'
}

# add_pod N DEV ADDR4 ADDR6 [ROUTE...]: netns podN behind vethN, a port of
# DEV; ADDR4/ADDR6 with prefix on the pod's eth0; then "ip -n podN ROUTE"
# for each route argument.
add_pod() {
	local n=$1 dev=$2 a4=$3 a6=$4 r
	shift 4
	ip netns add "pod$n"
	ip link add "veth$n" type veth peer name eth0 netns "pod$n"
	ip link set "veth$n" master "$dev" up
	ip -n "pod$n" link set lo up
	ip -n "pod$n" link set eth0 up
	ip -n "pod$n" addr add "$a4" dev eth0
	ip -n "pod$n" addr add "$a6" dev eth0 nodad
	for r in "$@"; do
		# shellcheck disable=SC2086
		ip -n "pod$n" $r
	done
}

pod_mac() { ip -n "pod$1" -br link show eth0 | awk '{print $3}'; }

# stat DEV NAME: one counter of podnetctl stats
stat() { "$CTL" -j stats "$1" | jq ".$2"; }

# iperf3 between pods: prints Mbit/s; fails when no data went through.
pod_iperf() { # from-pod to-pod to-addr seconds
	local out
	ip netns exec "pod$2" iperf3 -s -1 -D -I "/tmp/iperf3-$2.pid" >/dev/null 2>&1
	wait_for 5 sh -c "ip netns exec pod$2 ss -ltn | grep -q ':5201 '" || return 1
	out=$(ip netns exec "pod$1" iperf3 -c "$3" -t "$4" -J 2>&1) || { echo "$out" >&2; return 1; }
	python3 -c 'import json,sys; d=json.load(sys.stdin); bps=d["end"]["sum_received"]["bits_per_second"]; print(int(bps/1e6)); sys.exit(bps <= 0)' <<<"$out"
}

done_testing() {
	echo "1..$tap_n"
	[ $tap_failed -eq 0 ]
}
