# shellcheck shell=bash
# Real BGP peers for VM scenarios: BIRD 2, GoBGP, FRR's bgpd and ExaBGP,
# each run inside a network namespace the scenario made, with everything it
# needs (configuration, control socket, pid file, log) under
# $BGP_STATE_DIR/NAME; nothing under /etc or /run is written. Source it
# after tests/vm/lib.sh and tests/vm/topology.sh (it sources lib.sh itself
# when wait_for is missing); it only defines functions.
#
#   bird_rr_start rr rr 192.168.1.1 64512 192.168.1.1 192.168.1.11 \
#           192.168.1.12,password=s3cret 192.168.1.13,as=65013
#   gobgp_start n1 gb 192.168.1.11 64512 179 192.168.1.1 64512 \
#           announce 10.244.1.0/24 announce fd00:244:1::/64
#   frr_start n2 fr 192.168.1.12 64512 192.168.1.1 64512 password s3cret
#   exabgp_start n3 ex 192.168.1.13 65013 192.168.1.1 64512 announce 10.99.0.0/24
#   wait_for 60 bird_established rr 192.168.1.11 || ...
#   wait_for 30 bgp_has_route fr 10.244.1.0/24 || ...
#   bgp_stop_all                # in the scenario's EXIT trap
#
# The first two arguments of every *_start are NS, the netns to run in,
# and NAME, the instance's own name (its state directory
# $BGP_STATE_DIR/NAME: configuration, control socket, pid file, log, kept
# after the stop for post-mortems). The *_established, *_routes and
# *_has_route functions answer at once; scenarios poll them with wait_for.
# The generic bgp_* functions dispatch on the kind recorded at the start:
#   bgp_established NAME PEER   bgp_routes NAME [ipv4|ipv6]
#   bgp_has_route NAME PREFIX   bgp_lacks_route NAME PREFIX
#   bgp_nexthop NAME PREFIX     bgp_log NAME     bgp_dir NAME
#   bgp_stop NAME   bgp_kill NAME (SIGKILL)   bgp_stop_all
# Per daemon: bird_cmd, bird_peer_add, bird_state, bird_gr_active;
# gobgp_cmd, gobgp_announce, gobgp_withdraw; frr_cmd, frr_announce,
# frr_withdraw; exabgp_send. Timers are short everywhere: hold 9 s,
# keepalive 3 s, connect retry 1 s, MRAI 0.
#
# Options of gobgp_start, frr_start and exabgp_start (words after the
# positional arguments):
#   password PW      TCP MD5 signature with the peer (no spaces or commas)
#   local ADDR       source address of the session (default: the source
#                    of the netns' route to the peer)
#   passive          never connect, only accept
#   multihop         eBGP to a peer not on-link (TTL 255; gobgp, frr; ExaBGP
#                    sends with the system's TTL anyway)
#   peer-port N      the peer's TCP port (default 179)
#   hold S           hold time (default 9; keepalives every S/3)
#   gr on|off        graceful restart capability (default on)
#   gr-time S        restart time advertised (default 30)
#   announce PREFIX  originate PREFIX (IPv4 or IPv6); next hop: nexthop4/6
#   nexthop4 ADDR    next hop of announced IPv4 prefixes (default: local)
#   nexthop6 ADDR    of IPv6 prefixes (default: ::ffff:LOCAL, the local
#                    IPv4 address mapped, as for IPv6 over an IPv4 session)
#   restarted        (gobgp only) set the Restart State bit in the graceful
#                    restart capability (gobgpd -r), for a restart
#   route SPEC       (exabgp only) a static route line as ExaBGP's
#                    configuration takes it after "route", e.g.
#                    "10.9.0.0/24 next-hop self attribute [ 0x04 0x40 0x00000064 ]"
#
# A BIRD PEER is ADDR[,as=N][,password=PW][,passive][,multihop][,port=N]
# [,gr=aware|off]: without as=, or with the RR's own AS, an iBGP
# route-reflector client (multihop anyway); with another AS an eBGP peer.
#
# Malformed UPDATEs with ExaBGP 4.2: it has no raw-message command, but a
# route may carry "attribute [ CODE FLAGS 0xDATA ]" (a generic attribute,
# any code, flags and payload; the length octet is computed from the
# payload). Given the code of a known attribute, it replaces the one ExaBGP
# would build, so it can carry wrong flags or a length wrong for its type:
#   attribute [ 0x01 0x40 0x0000 ]      ORIGIN of length 2 (RFC 7606 7.1:
#                                       treat-as-withdraw)
#   attribute [ 0x04 0x40 0x00000064 ]  MED flagged well-known transitive
#                                       (attribute flags error, 3.c)
#   attribute [ 0x02 0x40 0x0203fde8 ]  AS_PATH segment claiming 3 ASes
#                                       in 2 octets (7.2)
# BIRD 2.0.12 logs "Malformed ORIGIN attribute - invalid length (2)",
# "Malformed med attribute - conflicting flags (40)", "Malformed AS_PATH
# attribute - segment framing error", each followed by "Invalid route
# PREFIX withdrawn", and keeps the session. NEXT_HOP cannot be spoilt this
# way (ExaBGP builds it from "next-hop" whatever the generic attribute).
# Use it in exabgp_start's "route" option, or at run time with
#   exabgp_send NAME "announce route 10.9.0.0/24 next-hop self attribute [ 0x01 0x40 0x0000 ]"
# ("announce attributes ... nlri ..." takes it too.) ExaBGP 4.2 has no
# command to send raw bytes (no "send-raw", no "raw" neighbor), so an
# attribute whose declared length overruns the message, or a broken
# message header, cannot be sent with it.

# shellcheck source=tests/vm/lib.sh
declare -F wait_for >/dev/null || . "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

BGP_FRR_BGPD=${BGP_FRR_BGPD:-/usr/lib/frr/bgpd}

bgp_err() { echo "bgp_peers: $*" >&2; return 1; }

# Every instance's files live under this directory, one per scenario
# process (named now: functions often run in subshells, such as check's).
BGP_STATE_DIR=${BGP_STATE_DIR:-/tmp/bgp-peers.$$}

# bgp_state_dir: make $BGP_STATE_DIR.
bgp_state_dir() {
	mkdir -p "$BGP_STATE_DIR" || bgp_err "cannot make $BGP_STATE_DIR"
}

# bgp_dir NAME: the instance's state directory (printed).
bgp_dir() { echo "$BGP_STATE_DIR/$1"; }

# bgp_new KIND NS NAME: a fresh state directory for an instance, or fail
# when NAME runs already.
bgp_new() {
	local kind=$1 netns=$2 name=$3 d
	bgp_state_dir || return
	case $name in */* | '' | .*) bgp_err "bad instance name '$name'"; return ;; esac
	d=$(bgp_dir "$name")
	if [ -f "$d/pid" ] && bgp_alive "$(cat "$d/pid")"; then
		bgp_err "$name runs already"
		return
	fi
	rm -rf "$d" && mkdir -p "$d" || return
	echo "$kind" >"$d/kind"
	echo "$netns" >"$d/ns"
	date +%s.%N >"$d/started"
}

# bgp_alive PID: true while the process exists and is no zombie.
bgp_alive() {
	local st
	[ -n "$1" ] || return 1
	# pid (comm) state ...: no daemon here has a space in its comm.
	read -r _ _ st _ 2>/dev/null <"/proc/$1/stat" || return 1
	[ -n "$st" ] && [ "$st" != Z ]
}

# bgp_gone PID: true once the process is gone (or a zombie).
bgp_gone() { ! bgp_alive "$1"; }

# bgp_pid NAME: the instance's daemon pid (printed), or fail.
bgp_pid() {
	local f
	f=$(bgp_dir "$1")/pid
	[ -s "$f" ] || return 1
	head -n1 "$f"
}

# bgp_spawn NS NAME COMMAND...: run COMMAND in NS detached (own session,
# not our child, output to NAME's log), its pid in NAME's pid file.
bgp_spawn() {
	local netns=$1 d
	d=$(bgp_dir "$2")
	shift 2
	# sh writes its own pid, then becomes the daemon.
	# shellcheck disable=SC2016 # expanded by that sh
	setsid -f ip netns exec "$netns" sh -c 'echo $$ >"$0/pid" && exec "$@"' \
		"$d" "$@" >>"$d/log" 2>&1 </dev/null
}

# bgp_src NS PEER: the source address NS uses to reach PEER (printed).
bgp_src() {
	ip -n "$1" -o route get "$2" 2>/dev/null |
		awk '{for (i = 1; i < NF; i++) if ($i == "src") { print $(i + 1); exit } }'
}

# bgp_mapped ADDR: an IPv4 address as IPv4-mapped IPv6 (printed); an IPv6
# address unchanged.
bgp_mapped() { case $1 in *:*) echo "$1" ;; *) echo "::ffff:$1" ;; esac; }

# bgp_family PREFIX: ipv4 or ipv6 (printed).
bgp_family() { case $1 in *:*) echo ipv6 ;; *) echo ipv4 ;; esac; }

# bgp_opts ARGS...: parse the common options into the opt_* variables of
# the caller (declared local there by bgp_opts_local).
bgp_opts() {
	while [ $# -gt 0 ]; do
		case $1 in
		passive) opt_passive=1; shift; continue ;;
		restarted) opt_restarted=1; shift; continue ;;
		multihop) opt_multihop=1; shift; continue ;;
		password) opt_password=$2 ;;
		local) opt_local=$2 ;;
		peer-port) opt_peer_port=$2 ;;
		hold) opt_hold=$2 ;;
		gr) opt_gr=$2 ;;
		gr-time) opt_gr_time=$2 ;;
		announce) opt_announce+=("$2") ;;
		nexthop4) opt_nh4=$2 ;;
		nexthop6) opt_nh6=$2 ;;
		route) opt_route+=("$2") ;;
		*) bgp_err "unknown option '$1'"; return ;;
		esac
		[ $# -ge 2 ] || bgp_err "option '$1' without a value" || return
		shift 2
	done
	case $opt_gr in on | off) ;; *) bgp_err "gr on|off, not '$opt_gr'"; return ;; esac
	[ "$opt_hold" -ge 3 ] 2>/dev/null || bgp_err "hold must be >= 3" || return
	opt_keepalive=$((opt_hold / 3))
}

# bgp_opts_defaults NS PEER: default local address and next hops, once
# the options are parsed.
bgp_opts_defaults() {
	[ -n "$opt_local" ] || opt_local=$(bgp_src "$1" "$2")
	[ -n "$opt_local" ] || bgp_err "no route from $1 to $2" || return
	[ -n "$opt_nh4" ] || case $opt_local in *:*) ;; *) opt_nh4=$opt_local ;; esac
	[ -n "$opt_nh6" ] || opt_nh6=$(bgp_mapped "$opt_local")
}

# Declares the option variables in the calling function (eval'd there).
bgp_opts_local='local opt_passive=0 opt_restarted=0 opt_multihop=0
	opt_password="" opt_local="" opt_peer_port=179 opt_hold=9 opt_keepalive=3
	opt_gr=on opt_gr_time=30 opt_nh4="" opt_nh6="" opt_announce=() opt_route=()'

# bgp_wait_up NAME SECONDS COMMAND...: wait until COMMAND succeeds while the
# daemon lives; on failure print the log's tail.
bgp_wait_up() {
	local name=$1 secs=$2 d pid deadline
	shift 2
	d=$(bgp_dir "$name")
	deadline=$((SECONDS + secs))
	until "$@" >/dev/null 2>&1; do
		# No pid file yet: the daemon is still starting.
		if pid=$(bgp_pid "$name") && ! bgp_alive "$pid"; then
			bgp_err "$name died; log:"
			tail -n 20 "$d/log" >&2 2>/dev/null
			return 1
		fi
		if [ $SECONDS -ge $deadline ]; then
			bgp_err "$name did not come up; log:"
			tail -n 20 "$d/log" >&2 2>/dev/null
			return 1
		fi
		sleep 0.1
	done
	date +%s.%N >"$d/ready"
}

# bgp_stop NAME: stop the instance (TERM, KILL after 10 s), whatever kind.
bgp_stop() {
	local name=$1 pid d
	d=$(bgp_dir "$name")
	[ -d "$d" ] || bgp_err "no instance $name" || return
	pid=$(bgp_pid "$name") || return 0
	if bgp_alive "$pid"; then
		kill "$pid" 2>/dev/null
		wait_for 10 bgp_gone "$pid" || kill -9 "$pid" 2>/dev/null
	fi
	rm -f "$d/pid"
}

# bgp_kill NAME: kill the daemon at once (SIGKILL: no NOTIFICATION, the
# peer sees the TCP connection close, as in a crash; for graceful restart).
bgp_kill() {
	local pid
	pid=$(bgp_pid "$1") || bgp_err "$1 does not run" || return
	kill -9 "$pid" && wait_for 10 bgp_gone "$pid" && rm -f "$(bgp_dir "$1")/pid"
}

# bgp_stop_all: stop every instance started under $BGP_STATE_DIR.
bgp_stop_all() {
	local d kind
	[ -n "${BGP_STATE_DIR:-}" ] && [ -d "$BGP_STATE_DIR" ] || return 0
	for d in "$BGP_STATE_DIR"/*/; do
		kind=$(cat "$d/kind" 2>/dev/null) || continue
		"${kind}_stop" "$(basename "$d")"
	done
	return 0
}

# bgp_kind NAME: bird, gobgp, frr or exabgp (printed).
bgp_kind() { cat "$(bgp_dir "$1")/kind" 2>/dev/null || bgp_err "no instance $1"; }

# bgp_established NAME PEER_ADDR: true when NAME's session with PEER_ADDR
# is Established.
bgp_established() { local k; k=$(bgp_kind "$1") && "${k}_established" "$@"; }

# bgp_routes NAME [ipv4|ipv6]: the prefixes NAME received (of one family,
# or both), one a line, sorted.
bgp_routes() { local k; k=$(bgp_kind "$1") && "${k}_routes" "$@"; }

# bgp_has_route NAME PREFIX: true when NAME received PREFIX.
bgp_has_route() {
	local r
	r=$(bgp_routes "$1" "$(bgp_family "$2")") || return
	grep -qxF -- "$2" <<<"$r"
}

# bgp_lacks_route NAME PREFIX: true when NAME answers and has no PREFIX.
bgp_lacks_route() {
	local r
	r=$(bgp_routes "$1" "$(bgp_family "$2")") || return
	! grep -qxF -- "$2" <<<"$r"
}

# bgp_fams [FAMILY]: the families to list (printed): FAMILY, or both.
bgp_fams() {
	case ${1:-} in
	ipv4 | ipv6) echo "$1" ;;
	'') echo ipv4 ipv6 ;;
	*) bgp_err "family ipv4 or ipv6, not '$1'" ;;
	esac
}

# bgp_nexthop NAME PREFIX: the next hop(s) of PREFIX as received, one a
# line, in one form whatever the daemon prints: an IPv4 next hop of an IPv6
# prefix, or an IPv4-mapped one, as ::ffff:A.B.C.D; IPv6 compressed.
bgp_nexthop() {
	local k out
	k=$(bgp_kind "$1") && out=$("${k}_nexthop" "$@") || return
	[ -n "$out" ] || return 0
	python3 -c '
import ipaddress, sys
v6 = ":" in sys.argv[1]
for line in sys.argv[2].split():
    a = ipaddress.ip_address(line)
    if a.version == 6 and a.ipv4_mapped:
        a = a.ipv4_mapped
    print("::ffff:%s" % a if v6 and a.version == 4 else a)' "$2" "$out"
}

# bgp_log NAME: the instance's log file (printed).
bgp_log() { echo "$(bgp_dir "$1")/log"; }

# bgp_timing NAME: seconds from the start of NAME to its control socket
# answering (printed, "2.6"; "?" if it never did).
bgp_timing() {
	local d
	d=$(bgp_dir "$1")
	[ -f "$d/ready" ] || { echo "?"; return; }
	awk -v s="$(cat "$d/started")" -v r="$(cat "$d/ready")" \
		'BEGIN { printf "%.1f\n", r - s }'
}

# bgp_elapsed NAME: seconds since NAME was started (printed, "8.1").
bgp_elapsed() {
	awk -v s="$(cat "$(bgp_dir "$1")/started")" -v n="$(date +%s.%N)" \
		'BEGIN { printf "%.1f\n", n - s }'
}

# ---------------------------------------------------------------- BIRD 2

# bird_proto ADDR: the BIRD protocol name of the session with ADDR.
bird_proto() { local a=${1//[.:]/_}; echo "p_$a"; }

# bird_rr_start NS NAME ROUTER_ID AS LISTEN_ADDR [PEER...]: BIRD as an
# iBGP route reflector in NS: each PEER (ADDR[,as=N][,password=PW]
# [,passive][,multihop][,port=N][,gr=aware|off]) an RR client (iBGP) or
# an eBGP peer (as= another AS); ipv4 and ipv6 channels over the session
# ("extended next hop on" for ipv6, so that IPv4-mapped next hops are
# accepted), import all, export every BGP route, next hop kept to clients. LISTEN_ADDR is the
# source address of its sessions ("-": any). Direct and kernel routes
# (learnt, never written) are imported only to resolve next hops. Hold 9 s,
# connect retry 1 s, graceful restart on (helper and restarter).
bird_rr_start() {
	local netns=$1 name=$2 rid=$3 as=$4 listen=$5 d spec
	shift 5
	command -v bird >/dev/null || bgp_err "bird is not installed" || return
	bgp_new bird "$netns" "$name" || return
	d=$(bgp_dir "$name")
	echo "$rid" >"$d/router_id"
	echo "$as" >"$d/as"
	echo "$listen" >"$d/listen"
	for spec in "$@"; do echo "$spec"; done >"$d/peers"
	bird_conf "$name" >"$d/bird.conf" || return
	ip netns exec "$netns" bird -c "$d/bird.conf" -s "$d/bird.ctl" -P "$d/pid" \
		>>"$d/log" 2>&1 || bgp_err "bird failed: $(tail -n 5 "$d/log")" || return
	bgp_wait_up "$name" 180 bird_cmd "$name" show status
}

# bird_conf NAME: BIRD's configuration from NAME's state (printed).
bird_conf() {
	local d rid as listen spec addr pas pw passive multihop port gr f p
	d=$(bgp_dir "$1")
	rid=$(cat "$d/router_id") as=$(cat "$d/as") listen=$(cat "$d/listen")
	cat <<EOF
log "$d/log" all;
router id $rid;
protocol device { scan time 10; }
protocol direct { ipv4; ipv6; }
protocol kernel k4 { learn; scan time 10; ipv4 { import all; export none; }; }
protocol kernel k6 { learn; scan time 10; ipv6 { import all; export none; }; }
template bgp peer_t {
	local ${listen/#-/} as $as;
	hold time 9; keepalive time 3; startup hold time 9;
	connect delay time 1; connect retry time 1; error wait time 1, 4;
	graceful restart on; graceful restart time 30;
}
EOF
	while read -r spec; do
		[ -n "$spec" ] || continue
		addr=${spec%%,*} pas=$as pw='' passive='' multihop='' port='' gr=on
		IFS=, read -ra f <<<"${spec#"$addr"}"
		for p in "${f[@]}"; do
			case $p in
			'') ;;
			as=*) pas=${p#as=} ;;
			password=*) pw=${p#password=} ;;
			passive) passive=1 ;;
			multihop) multihop=1 ;;
			port=*) port=${p#port=} ;;
			gr=off | gr=aware | gr=on) gr=${p#gr=} ;;
			*) bgp_err "bird peer $spec: unknown '$p'"; return ;;
			esac
		done
		echo "protocol bgp $(bird_proto "$addr") from peer_t {"
		echo "	neighbor $addr${port:+ port $port} as $pas;"
		[ -z "$pw" ] || echo "	password \"$pw\";"
		[ -z "$passive" ] || echo "	passive on;"
		[ -z "$multihop" ] || [ "$pas" = "$as" ] || echo "	multihop;"
		[ "$gr" = on ] || echo "	graceful restart $gr;"
		if [ "$pas" = "$as" ]; then
			echo "	rr client; rr cluster id $rid;"
			echo "	ipv4 { import all; export where source = RTS_BGP; next hop keep; };"
			echo "	ipv6 { import all; export where source = RTS_BGP; next hop keep;"
			echo "		extended next hop on; };"
		else
			echo "	ipv4 { import all; export where source = RTS_BGP; };"
			echo "	ipv6 { import all; export where source = RTS_BGP;"
			echo "		extended next hop on; };"
		fi
		echo "}"
	done <"$d/peers"
}

# bird_cmd NAME ARGS...: birdc on NAME's control socket.
bird_cmd() {
	local name=$1
	shift
	birdc -s "$(bgp_dir "$name")/bird.ctl" "$@"
}

# bird_peer_add NAME PEER...: add sessions to a running BIRD (reconfigure).
bird_peer_add() {
	local name=$1 d spec out
	shift
	d=$(bgp_dir "$name")
	for spec in "$@"; do echo "$spec"; done >>"$d/peers"
	bird_conf "$name" >"$d/bird.conf" || return
	out=$(bird_cmd "$name" configure) || { echo "$out" >&2; return 1; }
	grep -q 'Reconfigured\|Reconfiguration in progress' <<<"$out" ||
		bgp_err "$name: reconfigure: $out"
}

# bird_established NAME PEER_ADDR: true when the session is Established.
bird_established() {
	bird_cmd "$1" show protocols "$(bird_proto "$2")" 2>/dev/null |
		grep -q ' Established'
}

# bird_state NAME PEER_ADDR: the protocol's state line (printed).
bird_state() { bird_cmd "$1" show protocols "$(bird_proto "$2")" | tail -n +3; }

# bird_gr_active NAME PEER_ADDR: true while BIRD keeps the peer's routes
# for a graceful restart (the session is down, or up and the restarted peer
# has not sent End-of-RIB yet).
bird_gr_active() {
	bird_cmd "$1" show protocols all "$(bird_proto "$2")" 2>/dev/null |
		grep -q 'Neighbor graceful restart active'
}

# bird_routes NAME [ipv4|ipv6]: prefixes of the BGP routes BIRD holds
# (master4 and/or master6, reachable or not), one a line, sorted.
bird_routes() {
	local out fams f
	fams=$(bgp_fams "${2:-}") || return
	for f in $fams; do
		out=$(bird_cmd "$1" show route table "master${f#ipv}" where source = RTS_BGP) || return
		# An empty table prints no "Table" line: only errors matter.
		! grep -qiE 'error|unknown' <<<"$out" || { echo "$out" >&2; return 1; }
		awk '/^[0-9a-f:.]+\/[0-9]+ / { print $1 }' <<<"$out"
	done | sort -u
}

# bird_nexthop NAME PREFIX: BGP.next_hop of PREFIX's routes, one a line.
bird_nexthop() {
	bird_cmd "$1" show route "$2" all |
		awk '$1 == "BGP.next_hop:" { for (i = 2; i <= NF; i++) print $i }' | sort -u
}

# bird_stop NAME: stop BIRD.
bird_stop() { bgp_stop "$1"; }

# ----------------------------------------------------------------- GoBGP

# gobgp_start NS NAME ROUTER_ID AS LISTEN_PORT PEER_ADDR PEER_AS [option...]:
# gobgpd in NS with one neighbor (iBGP if PEER_AS is AS), ipv4 and ipv6
# unicast over it, its gRPC API on a unix socket in the state directory.
# LISTEN_PORT -1: no listener. Options: see the top of this file.
gobgp_start() {
	local netns=$1 name=$2 rid=$3 as=$4 port=$5 peer=$6 pas=$7 d fam p
	eval "$bgp_opts_local"
	shift 7
	bgp_opts "$@" || return
	command -v gobgpd >/dev/null || bgp_err "gobgpd is not installed" || return
	bgp_opts_defaults "$netns" "$peer" || return
	bgp_new gobgp "$netns" "$name" || return
	d=$(bgp_dir "$name")
	echo "$peer" >"$d/peer"
	echo "$opt_nh4" >"$d/nh4"
	echo "$opt_nh6" >"$d/nh6"
	{
		cat <<EOF
[global.config]
  as = $as
  router-id = "$rid"
  port = $port
[[neighbors]]
  [neighbors.config]
    neighbor-address = "$peer"
    peer-as = $pas
EOF
		[ -z "$opt_password" ] || echo "    auth-password = \"$opt_password\""
		cat <<EOF
  [neighbors.transport.config]
    local-address = "$opt_local"
    remote-port = $opt_peer_port
    passive-mode = $([ "$opt_passive" = 1 ] && echo true || echo false)
EOF
		[ "$opt_multihop" = 0 ] || cat <<EOF
  [neighbors.ebgp-multihop.config]
    enabled = true
    multihop-ttl = 255
EOF
		cat <<EOF
  [neighbors.timers.config]
    connect-retry = 1
    hold-time = $opt_hold
    keepalive-interval = $opt_keepalive
    idle-hold-time-after-reset = 1
EOF
		if [ "$opt_gr" = on ]; then
			cat <<EOF
  [neighbors.graceful-restart.config]
    enabled = true
    restart-time = $opt_gr_time
EOF
		fi
		for fam in ipv4-unicast ipv6-unicast; do
			cat <<EOF
  [[neighbors.afi-safis]]
    [neighbors.afi-safis.config]
      afi-safi-name = "$fam"
EOF
			[ "$opt_gr" = off ] || cat <<EOF
    [neighbors.afi-safis.mp-graceful-restart.config]
      enabled = true
EOF
		done
	} >"$d/gobgpd.toml"
	local restarted=()
	[ "$opt_restarted" = 0 ] || restarted=(-r)
	bgp_spawn "$netns" "$name" gobgpd -f "$d/gobgpd.toml" -t toml -p \
		--pprof-disable --api-hosts="unix://$d/gobgp.sock" "${restarted[@]}" || return
	bgp_wait_up "$name" 180 gobgp_cmd "$name" global || return
	for p in "${opt_announce[@]}"; do
		gobgp_announce "$name" "$p" || return
	done
}

# gobgp_cmd NAME ARGS...: the gobgp CLI on NAME's API socket.
gobgp_cmd() {
	local name=$1
	shift
	gobgp --target "unix://$(bgp_dir "$name")/gobgp.sock" "$@"
}

# gobgp_established NAME PEER_ADDR: true when the session is Established.
gobgp_established() {
	gobgp_cmd "$1" -j neighbor "$2" 2>/dev/null |
		jq -e '.state.session_state == 6 or .state.session_state == "established"' >/dev/null
}

# gobgp_announce NAME PREFIX [NEXTHOP]: originate PREFIX (next hop: the
# start's nexthop4/nexthop6).
gobgp_announce() {
	local d fam nh
	d=$(bgp_dir "$1")
	fam=$(bgp_family "$2")
	nh=${3:-$(cat "$d/nh${fam#ipv}")}
	gobgp_cmd "$1" global rib add -a "$fam" "$2" nexthop "$nh"
}

# gobgp_withdraw NAME PREFIX: stop originating PREFIX.
gobgp_withdraw() { gobgp_cmd "$1" global rib del -a "$(bgp_family "$2")" "$2"; }

# gobgp_routes NAME [ipv4|ipv6]: prefixes received from the neighbor
# (Adj-RIB-In), one a line, sorted.
gobgp_routes() {
	local peer fam out fams
	peer=$(cat "$(bgp_dir "$1")/peer") && fams=$(bgp_fams "${2:-}") || return
	for fam in $fams; do
		out=$(gobgp_cmd "$1" -j neighbor "$peer" adj-in -a "$fam") || return
		[ -z "$out" ] || [ "$out" = null ] || jq -r 'keys[]' <<<"$out" || return
	done | sort -u
}

# gobgp_nexthop NAME PREFIX: next hop(s) of PREFIX as received.
gobgp_nexthop() {
	local peer
	peer=$(cat "$(bgp_dir "$1")/peer") || return
	gobgp_cmd "$1" -j neighbor "$peer" adj-in -a "$(bgp_family "$2")" "$2" |
		jq -r '.[][]?.attrs[] | select(.type == 3 or .type == 14) | .nexthop' | sort -u
}

# gobgp_stop NAME: stop gobgpd.
gobgp_stop() { bgp_stop "$1"; }

# ------------------------------------------------------------------- FRR

# frr_start NS NAME ROUTER_ID AS PEER_ADDR PEER_AS [option...]: FRR's bgpd
# alone in NS (no zebra: it installs nothing, every next hop counts as
# reachable), one neighbor, ipv4 and ipv6 unicast over it, explicit
# route-maps (accept all) both ways, so eBGP needs no "no bgp
# ebgp-requires-policy". IPv6 routes sent get the nexthop6 option as
# global next hop. Queried with vtysh on the state directory's vty socket.
# Options: see the top of this file, plus "listen-port N" (default 179, 0:
# none).
frr_start() {
	local netns=$1 name=$2 rid=$3 as=$4 peer=$5 pas=$6 d lport=179 fam p args=()
	eval "$bgp_opts_local"
	shift 6
	while [ $# -gt 0 ]; do
		if [ "$1" = listen-port ]; then lport=$2; shift 2; continue; fi
		args+=("$1")
		shift
	done
	bgp_opts "${args[@]}" || return
	[ -x "$BGP_FRR_BGPD" ] || bgp_err "no $BGP_FRR_BGPD (frr)" || return
	bgp_opts_defaults "$netns" "$peer" || return
	bgp_new frr "$netns" "$name" || return
	d=$(bgp_dir "$name")
	echo "$peer" >"$d/peer"
	echo "$as" >"$d/as"
	{
		cat <<EOF
frr defaults traditional
hostname $name
!
route-map ALL permit 10
exit
route-map OUT6 permit 10
 set ipv6 next-hop global $opt_nh6
exit
!
router bgp $as
 bgp router-id $rid
 no bgp default ipv4-unicast
 no bgp network import-check
 timers bgp $opt_keepalive $opt_hold
EOF
		if [ "$opt_gr" = on ]; then
			echo " bgp graceful-restart"
			echo " bgp graceful-restart restart-time $opt_gr_time"
		else
			echo " bgp graceful-restart-disable"
		fi
		echo " neighbor $peer remote-as $pas"
		echo " neighbor $peer timers connect 1"
		echo " neighbor $peer advertisement-interval 0"
		echo " neighbor $peer update-source $opt_local"
		[ "$opt_peer_port" = 179 ] || echo " neighbor $peer port $opt_peer_port"
		[ -z "$opt_password" ] || echo " neighbor $peer password $opt_password"
		[ "$opt_passive" = 0 ] || echo " neighbor $peer passive"
		[ "$opt_multihop" = 0 ] || echo " neighbor $peer ebgp-multihop 255"
		for fam in ipv4 ipv6; do
			echo " address-family $fam unicast"
			for p in "${opt_announce[@]}"; do
				[ "$(bgp_family "$p")" = "$fam" ] && echo "  network $p"
			done
			echo "  neighbor $peer activate"
			echo "  neighbor $peer route-map ALL in"
			if [ $fam = ipv4 ]; then
				echo "  neighbor $peer route-map ALL out"
			else
				echo "  neighbor $peer route-map OUT6 out"
			fi
			echo " exit-address-family"
		done
		echo "exit"
	} >"$d/bgpd.conf"
	# -Z: no zebra; -S: stay root, no frr user; -P 0: no TCP vty.
	ip netns exec "$netns" "$BGP_FRR_BGPD" -d -Z -S -f "$d/bgpd.conf" -i "$d/pid" \
		--vty_socket "$d" -z "$d/zserv.api" -P 0 -p "$lport" \
		--log "file:$d/log" >>"$d/log" 2>&1 ||
		bgp_err "bgpd failed: $(tail -n 5 "$d/log")" || return
	bgp_wait_up "$name" 180 frr_cmd "$name" "show bgp summary"
}

# frr_cmd NAME COMMAND...: vtysh commands ("-c" each) on NAME's bgpd.
frr_cmd() {
	local name=$1 c args=()
	shift
	for c in "$@"; do args+=(-c "$c"); done
	vtysh --vty_socket "$(bgp_dir "$name")" -d bgpd "${args[@]}"
}

# frr_established NAME PEER_ADDR: true when the session is Established.
frr_established() {
	frr_cmd "$1" "show bgp neighbors $2 json" 2>/dev/null |
		jq -e --arg p "$2" '.[$p].bgpState == "Established"' >/dev/null
}

# frr_announce NAME PREFIX: originate PREFIX (a "network" statement).
frr_announce() {
	local as
	as=$(cat "$(bgp_dir "$1")/as")
	frr_cmd "$1" "configure terminal" "router bgp $as" \
		"address-family $(bgp_family "$2") unicast" "network $2"
}

# frr_withdraw NAME PREFIX: stop originating PREFIX.
frr_withdraw() {
	local as
	as=$(cat "$(bgp_dir "$1")/as")
	frr_cmd "$1" "configure terminal" "router bgp $as" \
		"address-family $(bgp_family "$2") unicast" "no network $2"
}

# frr_routes NAME [ipv4|ipv6]: prefixes received from peers, one a line,
# sorted.
frr_routes() {
	local fam out fams
	fams=$(bgp_fams "${2:-}") || return
	for fam in $fams; do
		out=$(frr_cmd "$1" "show bgp $fam unicast json") || return
		jq -r '.routes // {} | to_entries[] |
			select(any(.value[]; .peerId != "(unspec)")) | .key' <<<"$out" || return
	done | sort -u
}

# frr_nexthop NAME PREFIX: next hop(s) of PREFIX's received paths.
frr_nexthop() {
	frr_cmd "$1" "show bgp $(bgp_family "$2") unicast $2 json" |
		jq -r '.paths[]? | select(.peer.peerId != "(unspec)") | .nexthops[]?.ip' | sort -u
}

# frr_stop NAME: stop bgpd.
frr_stop() { bgp_stop "$1"; }

# ---------------------------------------------------------------- ExaBGP

# exabgp_start NS NAME ROUTER_ID AS PEER_ADDR PEER_AS [option...]: ExaBGP
# in NS with one neighbor, ipv4 and ipv6 unicast, sending the "announce"
# prefixes and the "route" lines (which may carry malformed attributes, see
# the top of this file) once established. An API process reads commands
# from the FIFO $dir/cmd (exabgp_send) and records what ExaBGP tells it
# (acks, state changes, parsed UPDATEs, JSON) in $dir/events.
exabgp_start() {
	local netns=$1 name=$2 rid=$3 as=$4 peer=$5 pas=$6 d p
	eval "$bgp_opts_local"
	shift 6
	bgp_opts "$@" || return
	command -v exabgp >/dev/null || bgp_err "exabgp is not installed" || return
	bgp_opts_defaults "$netns" "$peer" || return
	bgp_new exabgp "$netns" "$name" || return
	d=$(bgp_dir "$name")
	echo "$peer" >"$d/peer"
	mkfifo "$d/cmd" && : >"$d/events" || return
	# The API process: ExaBGP's messages to it go to events, the FIFO's
	# lines to ExaBGP. Opened read-write, the FIFO never sees EOF, and
	# writers never block on open.
	cat >"$d/api" <<EOF
#!/bin/sh
echo \$\$ >'$d/api.pid'
exec 3<&0
cat <&3 >>'$d/events' &
exec cat <>'$d/cmd'
EOF
	chmod 755 "$d/api"
	{
		cat <<EOF
process api {
	run $d/api;
	encoder json;
}
neighbor $peer {
	router-id $rid;
	local-address $opt_local;
	local-as $as;
	peer-as $pas;
	hold-time $opt_hold;
EOF
		[ "$opt_peer_port" = 179 ] || echo "	connect $opt_peer_port;"
		[ -z "$opt_password" ] || echo "	md5-password \"$opt_password\";"
		[ "$opt_passive" = 0 ] || echo "	passive true; listen 179;"
		echo "	family { ipv4 unicast; ipv6 unicast; }"
		if [ "$opt_gr" = on ]; then
			echo "	capability { graceful-restart $opt_gr_time; }"
		fi
		cat <<EOF
	api {
		processes [ api ];
		neighbor-changes;
		receive { parsed; update; notification; }
	}
	static {
EOF
		for p in "${opt_announce[@]}"; do
			case $p in
			*:*) echo "		route $p next-hop $opt_nh6;" ;;
			*) echo "		route $p next-hop ${opt_nh4:-self};" ;;
			esac
		done
		for p in "${opt_route[@]}"; do echo "		route $p;"; done
		echo "	}"
		echo "}"
	} >"$d/exabgp.conf"
	bgp_spawn "$netns" "$name" env \
		exabgp_daemon_user=root exabgp_daemon_drop=false \
		exabgp_daemon_daemonize=false exabgp_log_destination="$d/log" \
		exabgp_api_cli=false exabgp_api_ack=true exabgp_api_respawn=false \
		exabgp_tcp_bind="$([ "$opt_passive" = 1 ] && echo "$opt_local")" \
		exabgp_bgp_openwait=10 exabgp_cache_attributes=false \
		exabgp "$d/exabgp.conf" || return
	# Up when the API process is running (it starts with the reactor).
	bgp_wait_up "$name" 180 exabgp_api_alive "$name"
}

# exabgp_api_alive NAME: true while NAME's API process runs.
exabgp_api_alive() {
	local f
	f=$(bgp_dir "$1")/api.pid
	[ -s "$f" ] && bgp_alive "$(cat "$f")"
}

# exabgp_send NAME COMMAND...: send API commands ("announce route ...",
# "withdraw route ...", "neighbor X teardown 2"...) and wait (30 s) for
# ExaBGP's answer to each; fails when ExaBGP answers "error" to any.
exabgp_send() {
	local name=$1 d c n fd rc=0
	shift
	d=$(bgp_dir "$name")
	[ -p "$d/cmd" ] || bgp_err "no exabgp instance $name" || return
	for c in "$@"; do
		n=$(exabgp_acks "$name")
		exec {fd}<>"$d/cmd"
		printf '%s\n' "$c" >&"$fd"
		exec {fd}>&-
		if ! wait_for 30 exabgp_acked "$name" "$n"; then
			bgp_err "$name: no answer to '$c'"
			rc=1
		elif [ "$(grep -E '^(done|error)$' "$d/events" | tail -n1)" != "done" ]; then
			bgp_err "$name: error for '$c'"
			rc=1
		fi
	done
	return $rc
}

# exabgp_acks NAME: how many commands ExaBGP answered so far (printed).
exabgp_acks() { grep -cE '^(done|error)$' "$(bgp_dir "$1")/events"; }

# exabgp_acked NAME N: true once more than N commands are answered.
exabgp_acked() { [ "$(exabgp_acks "$1")" -gt "$2" ]; }

# exabgp_established NAME PEER_ADDR: true when ExaBGP's last word on the
# session is "up".
exabgp_established() {
	local st
	st=$(jq -rR --arg p "$2" 'fromjson? | select(.type == "state" and
		.neighbor.address.peer == $p) | .neighbor.state' \
		"$(bgp_dir "$1")/events" | tail -n1)
	[ "$st" = up ]
}

# exabgp_routes NAME [ipv4|ipv6]: prefixes ExaBGP received and holds
# (replayed from its UPDATEs since the session last came up), one a line,
# sorted.
exabgp_routes() {
	local fams
	fams=$(bgp_fams "${2:-}") || return
	jq -rRn '[inputs | fromjson?] | reduce .[] as $m ({};
		if $m.type == "state" and $m.neighbor.state != "up" then {}
		elif $m.type == "update" then
			($m.neighbor.message.update // {}) as $u
			| reduce ((($u.withdraw // {}) | to_entries[] | .value[]? | .nlri)) as $p (.; del(.[$p]))
			| reduce ((($u.announce // {}) | to_entries[] | .value | to_entries[] |
				.key as $nh | .value[]? | [.nlri, $nh])) as $r (.; .[$r[0]] = $r[1])
		else . end) | keys[]' "$(bgp_dir "$1")/events" | sort -u |
		case $fams in ipv4) grep -v : ;; ipv6) grep : ;; *) cat ;; esac
	return 0
}

# exabgp_nexthop NAME PREFIX: next hop of PREFIX as last announced to it.
exabgp_nexthop() {
	jq -rRn --arg p "$2" '[inputs | fromjson? | select(.type == "update") |
		.neighbor.message.update.announce // {} | to_entries[] | .value |
		to_entries[] | .key as $nh | .value[]? | select(.nlri == $p) | $nh] |
		last // empty' "$(bgp_dir "$1")/events"
}

# exabgp_stop NAME: stop ExaBGP (and with it its API process).
exabgp_stop() {
	local d
	d=$(bgp_dir "$1")
	bgp_stop "$1"
	# ExaBGP ends its API process; if it could not, do it here.
	if exabgp_api_alive "$1"; then kill "$(cat "$d/api.pid")" 2>/dev/null; fi
	return 0
}
