# shellcheck shell=bash
# Helpers for VM scenarios: each scenario is a bash script run as root in a
# guest by scripts/vm-run, printing TAP ("ok N - what" / "not ok N - what").

TOP=${PODNET_TOP:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
RAWLINK=$TOP/userspace/build/podnet-rawlink
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
	ip "${ns[@]}" -d -o link show dev "$1" 2>/dev/null |
		grep -Eo ' (podnet|veth|bridge|vxlan|ipip) ' | tr -d ' '
}

done_testing() {
	echo "1..$tap_n"
	[ $tap_failed -eq 0 ]
}
