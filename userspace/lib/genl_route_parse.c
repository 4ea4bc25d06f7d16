// SPDX-License-Identifier: LGPL-2.1-or-later
/* Route replies: many PODNET_A_ROUTE per message. */
#include <errno.h>
#include <string.h>
#include <linux/netlink.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include "genl_parse.h"
#include "nlattr.h"
#include "podnet.h"

static const struct nla_policy route_policy[PODNET_ROUTE_A_MAX + 1] = {
	[PODNET_ROUTE_A_DST4] = PODNET_POLICY_BYTES(sizeof(struct in_addr)),
	[PODNET_ROUTE_A_DST6] = PODNET_POLICY_BYTES(sizeof(struct in6_addr)),
	[PODNET_ROUTE_A_PLEN] = PODNET_POLICY_U8,
	[PODNET_ROUTE_A_VIA4] = PODNET_POLICY_BYTES(sizeof(struct in_addr)),
	[PODNET_ROUTE_A_VIA6] = PODNET_POLICY_BYTES(sizeof(struct in6_addr)),
	[PODNET_ROUTE_A_ENCAP] = PODNET_POLICY_U32,
	[PODNET_ROUTE_A_MAC] = PODNET_POLICY_BYTES(PODNET_MAC_LEN),
	[PODNET_ROUTE_A_GENERATION] = PODNET_POLICY_U32,
	[PODNET_ROUTE_A_PATH] = PODNET_POLICY_U32,
};

/* Exactly one of the IPv4 attribute v4 and the IPv6 attribute v6. */
static int get_addr(struct nlattr **tb, int v4, int v6,
		    struct podnet_addr *addr)
{
	if (tb[v4] && !tb[v6]) {
		addr->family = AF_INET;
		memcpy(&addr->v4, nla_data(tb[v4]), sizeof(addr->v4));
		return 0;
	}
	if (tb[v6] && !tb[v4]) {
		addr->family = AF_INET6;
		memcpy(&addr->v6, nla_data(tb[v6]), sizeof(addr->v6));
		return 0;
	}
	return -EBADMSG;
}

static int get_encap(const struct nlattr *nla, enum podnet_encap *encap)
{
	uint32_t v = nla_get_u32(nla);

	if (v > PODNET_ENCAP_MAX)
		return -EBADMSG;
	*encap = v;
	return 0;
}

int podnet_genl_route_parse(const struct nlattr *nest,
			    struct podnet_route *out)
{
	struct nlattr *tb[PODNET_ROUTE_A_MAX + 1];
	struct podnet_route rt = { 0 };

	/* libnl's parser takes no const, and does not write. */
	if (podnet_parse_nested(tb, PODNET_ROUTE_A_MAX, (struct nlattr *)nest,
				route_policy) ||
	    get_addr(tb, PODNET_ROUTE_A_DST4, PODNET_ROUTE_A_DST6, &rt.dst) ||
	    get_addr(tb, PODNET_ROUTE_A_VIA4, PODNET_ROUTE_A_VIA6, &rt.via) ||
	    !tb[PODNET_ROUTE_A_PLEN] || !tb[PODNET_ROUTE_A_GENERATION] ||
	    (tb[PODNET_ROUTE_A_ENCAP] &&
	     get_encap(tb[PODNET_ROUTE_A_ENCAP], &rt.encap)) ||
	    (tb[PODNET_ROUTE_A_PATH] &&
	     get_encap(tb[PODNET_ROUTE_A_PATH], &rt.path)))
		return -EBADMSG;
	rt.plen = nla_get_u8(tb[PODNET_ROUTE_A_PLEN]);
	/* A path is what a packet takes: never DEFAULT. */
	if (rt.plen > (rt.dst.family == AF_INET ? 32 : 128) ||
	    (tb[PODNET_ROUTE_A_PATH] && rt.path == PODNET_ENCAP_DEFAULT))
		return -EBADMSG;
	rt.generation = nla_get_u32(tb[PODNET_ROUTE_A_GENERATION]);
	if (tb[PODNET_ROUTE_A_MAC]) {
		rt.has_mac = true;
		memcpy(rt.mac, nla_data(tb[PODNET_ROUTE_A_MAC]), PODNET_MAC_LEN);
	}
	*out = rt;
	return 0;
}

int podnet_genl_routes_parse(const struct nlmsghdr *nlh,
			     podnet_route_fn on_route, void *arg)
{
	struct nlattr *tb[PODNET_A_MAX + 1];
	struct podnet_route rt;
	struct nlattr *nla;
	int rem, err;

	if (podnet_genl_parse_top(nlh, tb))
		return -EBADMSG;
	nlmsg_for_each_attr(nla, nlh, GENL_HDRLEN, rem) {
		if (nla_type(nla) != PODNET_A_ROUTE)
			continue;
		if (podnet_genl_route_parse(nla, &rt))
			return -EBADMSG;
		err = on_route(&rt, arg);
		if (err)
			return err;
	}
	return 0;
}
