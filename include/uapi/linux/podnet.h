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
 *
 * 2. Generic netlink family PODNET_GENL_NAME, version PODNET_GENL_VERSION.
 *    Every command names its device by PODNET_A_IFINDEX or PODNET_A_IFNAME,
 *    looked up in the netns of the requesting socket. Commands that change
 *    state need CAP_NET_ADMIN in the user namespace owning that netns.
 *    Dumps set NLM_F_DUMP_INTR on a message when the table changed while
 *    the dump was in progress: restart the dump.
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
 *
 *    Dumps send one object per message.
 *
 *    Multicast group PODNET_GENL_MCGRP_EVENTS announces ENDPOINT_ADD,
 *    ENDPOINT_DEL and DEV_SET with the attributes of the matching GET.
 *
 *    Errors: -ENODEV no such device; -EMEDIUMTYPE not a podnet device;
 *    -ENOENT not a port of the device, or no endpoint with that address;
 *    -EEXIST the address has an endpoint (no NLM_F_REPLACE); -ENOSPC table
 *    full; -EPERM without CAP_NET_ADMIN; -EINVAL malformed request. Each
 *    comes with an extended ack message.
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

enum {
	IFLA_PODNET_UNSPEC,
	IFLA_PODNET_MODE,
	IFLA_PODNET_AGEING_TIME,
	__IFLA_PODNET_MAX,
};

#define IFLA_PODNET_MAX (__IFLA_PODNET_MAX - 1)

#define PODNET_AGEING_TIME_DEFAULT	300
#define PODNET_AGEING_TIME_MIN		10
#define PODNET_AGEING_TIME_MAX		1000000

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
	PODNET_STATS_A_DROP_NO_ENDPOINT,
	PODNET_STATS_A_DROP_HAIRPIN,
	PODNET_STATS_A_DROP_SPOOF,	/* source not the port's endpoint */
	PODNET_STATS_A_DROP_OTHER,
	__PODNET_STATS_A_MAX,
};

#define PODNET_STATS_A_MAX (__PODNET_STATS_A_MAX - 1)

#endif /* _UAPI_LINUX_PODNET_H */
