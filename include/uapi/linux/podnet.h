/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * podnet: pod networking in one netdevice.
 *
 * This header is the single definition of podnet's netlink interface, shared
 * by the kernel module and every userspace tool. Unknown attributes and
 * attributes of the wrong size are refused with an extended ack message
 * (strict validation) on both interfaces.
 *
 * 1. Link attributes (rtnetlink, IFLA_INFO_KIND "podnet"), nested in
 *    IFLA_INFO_DATA on RTM_NEWLINK/RTM_SETLINK, reported by RTM_GETLINK:
 *
 *    IFLA_PODNET_MODE          u32  enum podnet_mode; default BRIDGE
 *    IFLA_PODNET_AGEING_TIME   u32  FDB ageing, seconds (10..1000000);
 *                                   default 300
 *    IFLA_PODNET_ENCAP         u32  enum podnet_encap, how routes without
 *                                   their own encap reach the next node;
 *                                   default VXLAN (not DEFAULT)
 *    IFLA_PODNET_CROSS_SUBNET  u8   1: such routes go DIRECT when the next
 *                                   node is on-link; default 0
 *    IFLA_PODNET_VNI           u32  VXLAN network identifier (0..16777215);
 *                                   default 1
 *    IFLA_PODNET_VXLAN_PORT    u16  VXLAN UDP port; default 4789, the IANA
 *                                   port (Flannel uses Linux's legacy 8472)
 *    IFLA_PODNET_LOCAL4        be32 outer source address over IPv4; default
 *    IFLA_PODNET_LOCAL6        in6  the underlay route's source address
 *    IFLA_PODNET_UNDERLAY      u32  ifindex of the underlay device; when set
 *                                   and no MTU was given, the device's MTU
 *                                   follows it minus the encap overhead
 *    IFLA_PODNET_ROUTES_MAX    u32  limit on routes (1..16777216); default
 *                                   1048576
 *
 * 2. Generic netlink family PODNET_GENL_NAME, version PODNET_GENL_VERSION.
 *    Every command names its device by PODNET_A_IFINDEX or PODNET_A_IFNAME,
 *    looked up in the netns of the requesting socket. Commands that change
 *    state need CAP_NET_ADMIN in the user namespace owning that netns.
 *    Dumps set NLM_F_DUMP_INTR on a message when the table changed (or,
 *    for routes, was resized) while the dump was in progress: restart the
 *    dump.
 *
 *    PODNET_CMD_DEV_GET       do: one device; dump: every podnet device.
 *        reply  PODNET_A_IFINDEX, PODNET_A_IFNAME, PODNET_A_MODE,
 *               PODNET_A_AGEING_TIME, PODNET_A_PORT_COUNT,
 *               PODNET_A_ENDPOINT_COUNT, PODNET_A_FDB_COUNT
 *    PODNET_CMD_DEV_SET       PODNET_A_MODE and/or PODNET_A_AGEING_TIME.
 *                             Changing the mode flushes the FDB.
 *    PODNET_CMD_PORT_GET      dump: PODNET_A_PORT { IFINDEX, HAIRPIN }
 *    PODNET_CMD_PORT_SET      PODNET_A_PORT { IFINDEX, [HAIRPIN] }
 *    PODNET_CMD_ENDPOINT_ADD  PODNET_A_ENDPOINT { IPV4 | IPV6, PORT, [MAC] }
 *                             NLM_F_REPLACE replaces an existing endpoint
 *                             of that address; otherwise -EEXIST.
 *    PODNET_CMD_ENDPOINT_DEL  PODNET_A_ENDPOINT { IPV4 | IPV6 }
 *    PODNET_CMD_ENDPOINT_GET  dump: PODNET_A_ENDPOINT { IPV4 | IPV6, PORT,
 *                             MAC (once known) }
 *    PODNET_CMD_FDB_GET       dump: PODNET_A_FDB { MAC, PORT, AGE, FLAGS };
 *                             the device's own address comes first, LOCAL
 *    PODNET_CMD_STATS_GET     do: PODNET_A_STATS { PODNET_STATS_A_* }
 *    PODNET_CMD_ROUTE_ADD     PODNET_A_ROUTE { DST4 | DST6, PLEN, VIA4 |
 *                             VIA6, [ENCAP], [MAC] }, repeated for a batch;
 *                             [PODNET_A_GENERATION] stamps every route of
 *                             the request (default 0). NLM_F_REPLACE
 *                             replaces a route of the same prefix (or adds
 *                             it); otherwise -EEXIST. The prefix's host
 *                             bits must be zero; VIA a unicast address, IPv4
 *                             for IPIP; MAC unicast. Routes are applied in
 *                             order: on an error, the extended ack points at
 *                             the failing PODNET_A_ROUTE (or an attribute in
 *                             it) and the routes before it stay.
 *    PODNET_CMD_ROUTE_DEL     PODNET_A_ROUTE { DST4 | DST6, PLEN }, repeated;
 *                             -ENOENT at the first prefix without a route
 *    PODNET_CMD_ROUTE_GET     do: PODNET_A_ROUTE { DST4 | DST6 }: the longest
 *                             match for that address; with PLEN: that exact
 *                             prefix. reply PODNET_A_IFINDEX, PODNET_A_ROUTE
 *                             { DST, PLEN, VIA, ENCAP, [MAC], GENERATION,
 *                             PATH (what a packet takes now) }.
 *                             dump: messages of PODNET_A_IFINDEX and many
 *                             PODNET_A_ROUTE, as above without PATH.
 *    PODNET_CMD_ROUTE_FLUSH   [PODNET_A_GENERATION]: delete the routes
 *                             stamped with an older generation (serial
 *                             number arithmetic); without it, every route.
 *                             A daemon resyncs without a blackout: add
 *                             everything under generation N+1 with
 *                             NLM_F_REPLACE, then flush older than N+1.
 *
 *    PODNET_CMD_DEV_GET also reports, and PODNET_CMD_DEV_SET also takes, the
 *    link attributes above as PODNET_A_ENCAP, PODNET_A_CROSS_SUBNET,
 *    PODNET_A_VNI, PODNET_A_VXLAN_PORT, PODNET_A_LOCAL4, PODNET_A_LOCAL6,
 *    PODNET_A_UNDERLAY and PODNET_A_ROUTES_MAX; DEV_GET adds
 *    PODNET_A_ROUTE_COUNT.
 *
 *    Dumps send one object per message, except routes.
 *
 *    Multicast group PODNET_GENL_MCGRP_EVENTS announces ENDPOINT_ADD,
 *    ENDPOINT_DEL and DEV_SET with the attributes of the matching GET.
 *
 *    Errors: -ENODEV no such device; -EMEDIUMTYPE not a podnet device;
 *    -ENOENT not a port of the device, no endpoint with that address, or no
 *    route; -EEXIST the address has an endpoint or the prefix a route (no
 *    NLM_F_REPLACE); -ENOSPC table full; -EPERM without CAP_NET_ADMIN;
 *    -EINVAL malformed request. Each comes with an extended ack message.
 */
#ifndef _UAPI_LINUX_PODNET_H
#define _UAPI_LINUX_PODNET_H

#define PODNET_LINK_KIND "podnet"

enum podnet_mode {
	/* L2 learning switch among the ports, docker0/cni0 semantics. */
	PODNET_MODE_BRIDGE,
	/* No L2 between pods: podnet0 is every pod's gateway (Calico). */
	PODNET_MODE_ROUTED,
	__PODNET_MODE_MAX,
};

#define PODNET_MODE_MAX (__PODNET_MODE_MAX - 1)

/* How a packet reaches the node behind a route. */
enum podnet_encap {
	/* A route's default: the device's encap and cross-subnet policy. */
	PODNET_ENCAP_DEFAULT,
	/* No encapsulation, the next node is on-link (Flannel host-gw). */
	PODNET_ENCAP_DIRECT,
	/* Ethernet in UDP, RFC 7348, over IPv4 or IPv6. */
	PODNET_ENCAP_VXLAN,
	/* IPv4 or IPv6 in IPv4, protocol 4 or 41 (Calico IPIP). */
	PODNET_ENCAP_IPIP,
	__PODNET_ENCAP_MAX,
};

#define PODNET_ENCAP_MAX (__PODNET_ENCAP_MAX - 1)

enum {
	IFLA_PODNET_UNSPEC,
	IFLA_PODNET_MODE,
	IFLA_PODNET_AGEING_TIME,
	IFLA_PODNET_ENCAP,
	IFLA_PODNET_CROSS_SUBNET,
	IFLA_PODNET_VNI,
	IFLA_PODNET_VXLAN_PORT,
	IFLA_PODNET_LOCAL4,
	IFLA_PODNET_LOCAL6,
	IFLA_PODNET_UNDERLAY,
	IFLA_PODNET_ROUTES_MAX,
	__IFLA_PODNET_MAX,
};

#define IFLA_PODNET_MAX (__IFLA_PODNET_MAX - 1)

#define PODNET_AGEING_TIME_DEFAULT	300
#define PODNET_AGEING_TIME_MIN		10
#define PODNET_AGEING_TIME_MAX		1000000

#define PODNET_VNI_DEFAULT		1
#define PODNET_VNI_MAX			0xffffff
#define PODNET_VXLAN_PORT_DEFAULT	4789
#define PODNET_ROUTES_MAX_DEFAULT	(1U << 20)
#define PODNET_ROUTES_MAX_LIMIT		(1U << 24)

/* Bytes each encapsulation adds, by outer family: the MTU is the
 * underlay's minus this.
 */
#define PODNET_VXLAN4_OVERHEAD		50
#define PODNET_VXLAN6_OVERHEAD		70
#define PODNET_IPIP_OVERHEAD		20

#define PODNET_GENL_NAME		"podnet"
#define PODNET_GENL_VERSION		1
#define PODNET_GENL_MCGRP_EVENTS	"events"

enum podnet_cmd {
	PODNET_CMD_UNSPEC,
	PODNET_CMD_DEV_GET,
	PODNET_CMD_DEV_SET,
	PODNET_CMD_PORT_GET,
	PODNET_CMD_PORT_SET,
	PODNET_CMD_ENDPOINT_ADD,
	PODNET_CMD_ENDPOINT_DEL,
	PODNET_CMD_ENDPOINT_GET,
	PODNET_CMD_FDB_GET,
	PODNET_CMD_STATS_GET,
	PODNET_CMD_ROUTE_ADD,
	PODNET_CMD_ROUTE_DEL,
	PODNET_CMD_ROUTE_GET,
	PODNET_CMD_ROUTE_FLUSH,
	__PODNET_CMD_MAX,
};

#define PODNET_CMD_MAX (__PODNET_CMD_MAX - 1)

enum podnet_attr {
	PODNET_A_UNSPEC,
	PODNET_A_PAD,
	PODNET_A_IFINDEX,		/* u32 */
	PODNET_A_IFNAME,		/* string */
	PODNET_A_MODE,			/* u32, enum podnet_mode */
	PODNET_A_AGEING_TIME,		/* u32, seconds */
	PODNET_A_PORT_COUNT,		/* u32 */
	PODNET_A_ENDPOINT_COUNT,	/* u32 */
	PODNET_A_FDB_COUNT,		/* u32 */
	PODNET_A_PORT,			/* nest, enum podnet_port_attr */
	PODNET_A_ENDPOINT,		/* nest, enum podnet_endpoint_attr */
	PODNET_A_FDB,			/* nest, enum podnet_fdb_attr */
	PODNET_A_STATS,			/* nest, enum podnet_stats_attr */
	PODNET_A_ENCAP,			/* u32, enum podnet_encap */
	PODNET_A_CROSS_SUBNET,		/* u8, 0 or 1 */
	PODNET_A_VNI,			/* u32 */
	PODNET_A_VXLAN_PORT,		/* u16 */
	PODNET_A_LOCAL4,		/* be32 */
	PODNET_A_LOCAL6,		/* struct in6_addr */
	PODNET_A_UNDERLAY,		/* u32, ifindex */
	PODNET_A_ROUTES_MAX,		/* u32 */
	PODNET_A_ROUTE_COUNT,		/* u32 */
	PODNET_A_ROUTE,			/* nest, enum podnet_route_attr */
	PODNET_A_GENERATION,		/* u32 */
	__PODNET_A_MAX,
};

#define PODNET_A_MAX (__PODNET_A_MAX - 1)

enum podnet_port_attr {
	PODNET_PORT_A_UNSPEC,
	PODNET_PORT_A_IFINDEX,		/* u32 */
	PODNET_PORT_A_HAIRPIN,		/* u8, 0 or 1 */
	__PODNET_PORT_A_MAX,
};

#define PODNET_PORT_A_MAX (__PODNET_PORT_A_MAX - 1)

enum podnet_endpoint_attr {
	PODNET_EP_A_UNSPEC,
	PODNET_EP_A_IPV4,		/* be32 */
	PODNET_EP_A_IPV6,		/* struct in6_addr */
	PODNET_EP_A_PORT,		/* u32, ifindex of a port */
	PODNET_EP_A_MAC,		/* 6 bytes, the pod's MAC */
	__PODNET_EP_A_MAX,
};

#define PODNET_EP_A_MAX (__PODNET_EP_A_MAX - 1)

enum podnet_fdb_attr {
	PODNET_FDB_A_UNSPEC,
	PODNET_FDB_A_MAC,		/* 6 bytes */
	PODNET_FDB_A_PORT,		/* u32, ifindex; the podnet device for LOCAL */
	PODNET_FDB_A_AGE,		/* u32, ms since last seen */
	PODNET_FDB_A_FLAGS,		/* u32, PODNET_FDB_F_* */
	__PODNET_FDB_A_MAX,
};

#define PODNET_FDB_A_MAX (__PODNET_FDB_A_MAX - 1)

enum podnet_route_attr {
	PODNET_ROUTE_A_UNSPEC,
	PODNET_ROUTE_A_DST4,		/* be32, the pod prefix */
	PODNET_ROUTE_A_DST6,		/* struct in6_addr */
	PODNET_ROUTE_A_PLEN,		/* u8, prefix length; host bits zero */
	PODNET_ROUTE_A_VIA4,		/* be32, the next node's underlay address */
	PODNET_ROUTE_A_VIA6,		/* struct in6_addr */
	PODNET_ROUTE_A_ENCAP,		/* u32, enum podnet_encap; default DEFAULT */
	PODNET_ROUTE_A_MAC,		/* 6 bytes: inner destination MAC for
					 * VXLAN, the VTEP MAC of a Linux vxlan
					 * peer; default the podnet device's
					 */
	PODNET_ROUTE_A_GENERATION,	/* u32, reported */
	PODNET_ROUTE_A_PATH,		/* u32, enum podnet_encap, reported by a
					 * do GET: DIRECT, VXLAN or IPIP
					 */
	__PODNET_ROUTE_A_MAX,
};

#define PODNET_ROUTE_A_MAX (__PODNET_ROUTE_A_MAX - 1)

/* The entry is the podnet device's own address: never ages out, no AGE. */
#define PODNET_FDB_F_LOCAL	(1U << 0)

/* Counters of the podnet device, u64 each, summed over CPUs. */
enum podnet_stats_attr {
	PODNET_STATS_A_UNSPEC,
	PODNET_STATS_A_PAD,
	PODNET_STATS_A_RX_PACKETS,	/* from ports */
	PODNET_STATS_A_RX_BYTES,
	PODNET_STATS_A_TX_PACKETS,	/* to ports */
	PODNET_STATS_A_TX_BYTES,
	PODNET_STATS_A_FORWARDED,	/* port to port, bridge mode */
	PODNET_STATS_A_FLOODED,		/* frames flooded to all ports */
	PODNET_STATS_A_TO_HOST,		/* delivered up the host stack */
	PODNET_STATS_A_FDB_LEARNED,
	PODNET_STATS_A_ARP_REPLIES,	/* proxy ARP, routed mode */
	PODNET_STATS_A_ND_REPLIES,	/* proxy ND, routed mode */
	PODNET_STATS_A_DROP_NO_ENDPOINT,	/* its endpoint has no port now */
	PODNET_STATS_A_DROP_HAIRPIN,
	PODNET_STATS_A_DROP_SPOOF,	/* source not the port's endpoint */
	PODNET_STATS_A_DROP_OTHER,
	PODNET_STATS_A_TX_DIRECT,	/* to other nodes, by path */
	PODNET_STATS_A_TX_VXLAN,
	PODNET_STATS_A_TX_IPIP,
	PODNET_STATS_A_RX_VXLAN,	/* decapsulated */
	PODNET_STATS_A_RX_IPIP,
	PODNET_STATS_A_DROP_NO_ROUTE,	/* no endpoint, no route */
	PODNET_STATS_A_DROP_UNDERLAY,	/* no underlay route or neighbour */
	PODNET_STATS_A_DROP_DECAP_SOURCE, /* outer source not a next hop */
	PODNET_STATS_A_DROP_VNI,	/* VXLAN with a VNI not ours */
	PODNET_STATS_A_DROP_MALFORMED,	/* bad tunnel header */
	__PODNET_STATS_A_MAX,
};

#define PODNET_STATS_A_MAX (__PODNET_STATS_A_MAX - 1)

#endif /* _UAPI_LINUX_PODNET_H */
