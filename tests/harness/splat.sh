#!/usr/bin/env bash
# Host-side test of scripts/vm-run itself: a kernel splat fails a run whose
# command succeeded, a hung guest is killed and reported, and a clean run
# passes. The faults come from the test-only podnet_splat module.
# Usage: splat.sh KERNEL KIND...   (KIND: warn, kasan, leak, ubsan, hang)
. "$(dirname "$0")/../vm/lib.sh"
kernel=$1
shift
vmrun=$TOP/scripts/vm-run

for kind in "$@"; do
	out=$(mktemp)
	if [ "$kind" = hang ]; then
		"$vmrun" --kernel "$kernel" --no-load --timeout 40 -- sleep 600 >"$out" 2>&1
		rc=$?
		if [ $rc = 124 ] && grep -q 'guest hung' "$out"; then
			ok "$kernel: a hung guest is killed and reported"
		else
			not_ok "$kernel: a hung guest is killed and reported" "rc=$rc" "$(tail -5 "$out")"
		fi
	else
		"$vmrun" --kernel "$kernel" --no-load -- modprobe podnet_splat kind="$kind" >"$out" 2>&1
		rc=$?
		if [ $rc = 125 ] && grep -q 'kernel splat' "$out"; then
			ok "$kernel: vm-run fails on a $kind report"
		else
			not_ok "$kernel: vm-run fails on a $kind report" "rc=$rc" "$(tail -5 "$out")"
		fi
	fi
	rm -f "$out"
done
done_testing
