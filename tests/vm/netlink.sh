#!/usr/bin/env bash
# The genetlink API's edges: who may change what (user namespaces,
# unprivileged users), malformed requests, events and consistent dumps.
. "$(dirname "$0")/lib.sh"

ip link add podnet0 type podnet mode routed
ip link set podnet0 up
ip link add vp1 type veth peer name vp1b
ip link set vp1 master podnet0 up

# Readers need no privilege; writers need CAP_NET_ADMIN over the netns.
as_nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups -- "$@"; }
check "an unprivileged user may read" as_nobody "$CTL" show podnet0
refuse "an unprivileged user may not change a device" 'permission denied' \
	as_nobody "$CTL" set podnet0 ageing 60
refuse "an unprivileged user may not add endpoints" 'permission denied' \
	as_nobody "$CTL" endpoint add podnet0 10.66.0.1 vp1
refuse "root of a user namespace may not change the host's podnet" 'permission denied' \
	unshare --user --map-root-user "$CTL" set podnet0 ageing 60
refuse "nor add endpoints to it" 'permission denied' \
	unshare --user --map-root-user "$CTL" endpoint add podnet0 10.66.0.1 vp1
[ "$("$CTL" -j show podnet0 | jq '.[0].ageing_time')" = 300 ] && ok "nothing was changed" ||
	not_ok "nothing was changed"
# ...but it owns a netns of its own, and podnet devices in it.
check "root of a user namespace manages podnet in its own netns" \
	unshare --user --map-root-user --net sh -c \
	"ip link add p0 type podnet && $CTL set p0 ageing 60 && $CTL -j show p0 | grep -q '\"ageing_time\":60'"
refuse "devices of other namespaces are invisible" 'no such podnet device' \
	unshare --user --map-root-user --net "$CTL" show podnet0

# Raw requests no honest client sends, events and dump consistency.
python3 "$TOP/tests/tools/genl_neg.py" podnet0 vp1 >/tmp/genl.tap
rc=$?
while IFS= read -r line; do
	case $line in
	"ok "*) ok "${line#ok * - }" ;;
	"not ok "*) not_ok "${line#not ok * - }" ;;
	"#"*) echo "$line" ;;
	esac
done </tmp/genl.tap
[ "$rc" = 0 ] || not_ok "genl_neg.py exited $rc"

ip link del vp1
ip link del podnet0
done_testing
