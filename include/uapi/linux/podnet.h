/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * podnet: pod networking in one netdevice.
 *
 * This header is the single definition of podnet's netlink interface, shared
 * by the kernel module and every userspace tool.
 *
 * Link attributes (rtnetlink, IFLA_INFO_KIND "podnet"), nested in
 * IFLA_INFO_DATA on RTM_NEWLINK and reported by RTM_GETLINK:
 *
 *   IFLA_PODNET_MODE   u32  enum podnet_mode; default PODNET_MODE_BRIDGE.
 *                           Fixed at creation: changing it on an existing
 *                           device is refused.
 *
 * Unknown attributes and attributes of the wrong size are refused with an
 * extended ack message (strict validation).
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
	__IFLA_PODNET_MAX,
};

#define IFLA_PODNET_MAX (__IFLA_PODNET_MAX - 1)

#endif /* _UAPI_LINUX_PODNET_H */
