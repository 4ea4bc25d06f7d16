// SPDX-License-Identifier: LGPL-2.1-or-later
#include <errno.h>
#include <linux/netlink.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include "genl_msg.h"
#include "overlay.h"
#include "podnet.h"

/* Headers and the attributes of the largest request, with room to spare. */
#define GENL_MSG_ROOM 256

static struct nl_msg *genl_msg_new(int family, uint8_t cmd, int flags,
				   size_t size)
{
	struct nl_msg *msg;

	msg = nlmsg_alloc_size(size);
	if (msg && !genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, family, 0,
				NLM_F_REQUEST | flags, cmd,
				PODNET_GENL_VERSION)) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

struct nl_msg *podnet_genl_msg_new(int family, uint8_t cmd, int flags,
				   int ifindex, size_t size)
{
	struct nl_msg *msg = genl_msg_new(family, cmd, flags, size);

	if (msg && nla_put_u32(msg, PODNET_A_IFINDEX, ifindex) < 0) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

struct nl_msg *podnet_genl_msg_done(struct nl_msg *msg, int err)
{
	if (err < 0) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

/* A request about the podnet device ifindex. */
static struct nl_msg *dev_msg_new(int family, uint8_t cmd, int flags,
				  int ifindex)
{
	return podnet_genl_msg_new(family, cmd, flags, ifindex, GENL_MSG_ROOM);
}

struct nl_msg *podnet_genl_dev_get_msg(int family, int ifindex)
{
	return dev_msg_new(family, PODNET_CMD_DEV_GET, 0, ifindex);
}

struct nl_msg *podnet_genl_dev_dump_msg(int family)
{
	return genl_msg_new(family, PODNET_CMD_DEV_GET, NLM_F_DUMP,
			    GENL_MSG_ROOM);
}

struct nl_msg *podnet_genl_dev_set_msg(int family, int ifindex,
				       const struct podnet_dev_params *p)
{
	struct nl_msg *msg = dev_msg_new(family, PODNET_CMD_DEV_SET, 0, ifindex);
	int err = 0;

	if (!msg)
		return NULL;
	if (p->mode_set)
		err = nla_put_u32(msg, PODNET_A_MODE, p->mode);
	if (!err && p->ageing_time_set)
		err = nla_put_u32(msg, PODNET_A_AGEING_TIME, p->ageing_time);
	if (!err)
		err = podnet_overlay_put(msg, &podnet_genl_overlay_attrs,
					 &p->overlay);
	return podnet_genl_msg_done(msg, err);
}

struct nl_msg *podnet_genl_port_dump_msg(int family, int ifindex)
{
	return dev_msg_new(family, PODNET_CMD_PORT_GET, NLM_F_DUMP, ifindex);
}

struct nl_msg *podnet_genl_port_set_msg(int family, int ifindex,
					const struct podnet_port *port)
{
	struct nl_msg *msg = dev_msg_new(family, PODNET_CMD_PORT_SET, 0, ifindex);
	struct nlattr *nest;
	int err;

	if (!msg)
		return NULL;
	nest = nla_nest_start(msg, PODNET_A_PORT);
	err = !nest ? -ENOMEM :
		nla_put_u32(msg, PODNET_PORT_A_IFINDEX, port->ifindex);
	if (!err)
		err = nla_put_u8(msg, PODNET_PORT_A_HAIRPIN, port->hairpin);
	if (!err)
		err = nla_nest_end(msg, nest);
	return podnet_genl_msg_done(msg, err);
}

static int put_addr(struct nl_msg *msg, const struct podnet_addr *addr)
{
	switch (addr->family) {
	case AF_INET:
		return nla_put(msg, PODNET_EP_A_IPV4, sizeof(addr->v4), &addr->v4);
	case AF_INET6:
		return nla_put(msg, PODNET_EP_A_IPV6, sizeof(addr->v6), &addr->v6);
	}
	return -EAFNOSUPPORT;
}

struct nl_msg *podnet_genl_endpoint_add_msg(int family, int ifindex,
					    const struct podnet_endpoint *ep,
					    bool replace)
{
	struct nl_msg *msg;
	struct nlattr *nest;
	int err;

	msg = dev_msg_new(family, PODNET_CMD_ENDPOINT_ADD,
			  replace ? NLM_F_REPLACE : 0, ifindex);
	if (!msg)
		return NULL;
	nest = nla_nest_start(msg, PODNET_A_ENDPOINT);
	err = !nest ? -ENOMEM : put_addr(msg, &ep->addr);
	if (!err)
		err = nla_put_u32(msg, PODNET_EP_A_PORT, ep->port_ifindex);
	if (!err && ep->has_mac)
		err = nla_put(msg, PODNET_EP_A_MAC, PODNET_MAC_LEN, ep->mac);
	if (!err)
		err = nla_nest_end(msg, nest);
	return podnet_genl_msg_done(msg, err);
}

struct nl_msg *podnet_genl_endpoint_del_msg(int family, int ifindex,
					    const struct podnet_addr *addr)
{
	struct nl_msg *msg;
	struct nlattr *nest;
	int err;

	msg = dev_msg_new(family, PODNET_CMD_ENDPOINT_DEL, 0, ifindex);
	if (!msg)
		return NULL;
	nest = nla_nest_start(msg, PODNET_A_ENDPOINT);
	err = !nest ? -ENOMEM : put_addr(msg, addr);
	if (!err)
		err = nla_nest_end(msg, nest);
	return podnet_genl_msg_done(msg, err);
}

struct nl_msg *podnet_genl_endpoint_dump_msg(int family, int ifindex)
{
	return dev_msg_new(family, PODNET_CMD_ENDPOINT_GET, NLM_F_DUMP, ifindex);
}

struct nl_msg *podnet_genl_fdb_dump_msg(int family, int ifindex)
{
	return dev_msg_new(family, PODNET_CMD_FDB_GET, NLM_F_DUMP, ifindex);
}

struct nl_msg *podnet_genl_stats_get_msg(int family, int ifindex)
{
	return dev_msg_new(family, PODNET_CMD_STATS_GET, 0, ifindex);
}
