// SPDX-License-Identifier: LGPL-2.1-or-later
#include <errno.h>
#include <limits.h>
#include <string.h>
#include <linux/netlink.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>

#include "genl_parse.h"
#include "nlattr.h"
#include "overlay.h"
#include "podnet.h"

/* The overlay settings' sizes are checked by podnet_overlay_get(). */
static const struct nla_policy attr_policy[PODNET_A_MAX + 1] = {
	[PODNET_A_IFINDEX] = PODNET_POLICY_U32,
	[PODNET_A_IFNAME] = { .type = NLA_STRING, .maxlen = IF_NAMESIZE },
	[PODNET_A_MODE] = PODNET_POLICY_U32,
	[PODNET_A_AGEING_TIME] = PODNET_POLICY_U32,
	[PODNET_A_PORT_COUNT] = PODNET_POLICY_U32,
	[PODNET_A_ENDPOINT_COUNT] = PODNET_POLICY_U32,
	[PODNET_A_FDB_COUNT] = PODNET_POLICY_U32,
	[PODNET_A_PORT] = { .type = NLA_NESTED },
	[PODNET_A_ENDPOINT] = { .type = NLA_NESTED },
	[PODNET_A_FDB] = { .type = NLA_NESTED },
	[PODNET_A_STATS] = { .type = NLA_NESTED },
	[PODNET_A_ROUTE_COUNT] = PODNET_POLICY_U32,
	[PODNET_A_ROUTE] = { .type = NLA_NESTED },
	[PODNET_A_GENERATION] = PODNET_POLICY_U32,
};

static const struct nla_policy port_policy[PODNET_PORT_A_MAX + 1] = {
	[PODNET_PORT_A_IFINDEX] = PODNET_POLICY_U32,
	[PODNET_PORT_A_HAIRPIN] = PODNET_POLICY_U8,
};

static const struct nla_policy endpoint_policy[PODNET_EP_A_MAX + 1] = {
	[PODNET_EP_A_IPV4] = PODNET_POLICY_BYTES(sizeof(struct in_addr)),
	[PODNET_EP_A_IPV6] = PODNET_POLICY_BYTES(sizeof(struct in6_addr)),
	[PODNET_EP_A_PORT] = PODNET_POLICY_U32,
	[PODNET_EP_A_MAC] = PODNET_POLICY_BYTES(PODNET_MAC_LEN),
};

static const struct nla_policy fdb_policy[PODNET_FDB_A_MAX + 1] = {
	[PODNET_FDB_A_MAC] = PODNET_POLICY_BYTES(PODNET_MAC_LEN),
	[PODNET_FDB_A_PORT] = PODNET_POLICY_U32,
	[PODNET_FDB_A_AGE] = PODNET_POLICY_U32,
	[PODNET_FDB_A_FLAGS] = PODNET_POLICY_U32,
};

/* Every counter is a u64; UNSPEC and PAD are not counters. */
static const struct nla_policy stats_policy[PODNET_STATS_A_MAX + 1] = {
	[PODNET_STATS_A_PAD + 1 ... PODNET_STATS_A_MAX] = {
		.type = NLA_U64, .maxlen = sizeof(uint64_t) },
};

_Static_assert(__PODNET_STATS_A_MAX <= 32,
	       "struct podnet_stats.reported has a bit per counter");

static bool all_present(struct nlattr **tb, const int *types, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!tb[types[i]])
			return false;
	return true;
}

#define ALL_PRESENT(tb, ...) \
	all_present(tb, (const int[]){ __VA_ARGS__ }, \
		    sizeof((const int[]){ __VA_ARGS__ }) / sizeof(int))

int podnet_genl_parse_top(const struct nlmsghdr *nlh,
			  struct nlattr *tb[PODNET_A_MAX + 1])
{
	if (nlh->nlmsg_type < NLMSG_MIN_TYPE)
		return -EBADMSG;
	return podnet_parse_msg(nlh, GENL_HDRLEN, tb, PODNET_A_MAX, attr_policy);
}

/* The nest of type attr every reply of that kind carries. */
static int parse_object(const struct nlmsghdr *nlh, int attr,
			struct nlattr **tb, int max,
			const struct nla_policy *policy)
{
	struct nlattr *top[PODNET_A_MAX + 1];

	if (podnet_genl_parse_top(nlh, top) || !top[attr])
		return -EBADMSG;
	return podnet_parse_nested(tb, max, top[attr], policy);
}

static int get_ifindex(const struct nlattr *nla, int *ifindex)
{
	uint32_t v = nla_get_u32(nla);

	if (!v || v > INT_MAX)
		return -EBADMSG;
	*ifindex = v;
	return 0;
}

int podnet_genl_dev_parse(const struct nlmsghdr *nlh, struct podnet_dev *out)
{
	struct nlattr *tb[PODNET_A_MAX + 1];
	struct podnet_dev dev = { 0 };

	if (podnet_genl_parse_top(nlh, tb) ||
	    !ALL_PRESENT(tb, PODNET_A_IFINDEX, PODNET_A_IFNAME, PODNET_A_MODE,
			 PODNET_A_AGEING_TIME, PODNET_A_PORT_COUNT,
			 PODNET_A_ENDPOINT_COUNT, PODNET_A_FDB_COUNT,
			 PODNET_A_ROUTE_COUNT) ||
	    get_ifindex(tb[PODNET_A_IFINDEX], &dev.ifindex) ||
	    nla_get_u32(tb[PODNET_A_MODE]) > PODNET_MODE_MAX ||
	    podnet_overlay_get(tb, &podnet_genl_overlay_attrs, &dev.overlay))
		return -EBADMSG;
	nla_strlcpy(dev.name, tb[PODNET_A_IFNAME], sizeof(dev.name));
	dev.mode = nla_get_u32(tb[PODNET_A_MODE]);
	dev.ageing_time = nla_get_u32(tb[PODNET_A_AGEING_TIME]);
	dev.port_count = nla_get_u32(tb[PODNET_A_PORT_COUNT]);
	dev.endpoint_count = nla_get_u32(tb[PODNET_A_ENDPOINT_COUNT]);
	dev.fdb_count = nla_get_u32(tb[PODNET_A_FDB_COUNT]);
	dev.route_count = nla_get_u32(tb[PODNET_A_ROUTE_COUNT]);
	*out = dev;
	return 0;
}

int podnet_genl_port_parse(const struct nlmsghdr *nlh, struct podnet_port *out)
{
	struct nlattr *tb[PODNET_PORT_A_MAX + 1];
	struct podnet_port port = { 0 };

	if (parse_object(nlh, PODNET_A_PORT, tb, PODNET_PORT_A_MAX, port_policy) ||
	    !ALL_PRESENT(tb, PODNET_PORT_A_IFINDEX, PODNET_PORT_A_HAIRPIN) ||
	    get_ifindex(tb[PODNET_PORT_A_IFINDEX], &port.ifindex) ||
	    nla_get_u8(tb[PODNET_PORT_A_HAIRPIN]) > 1)
		return -EBADMSG;
	port.hairpin = nla_get_u8(tb[PODNET_PORT_A_HAIRPIN]);
	*out = port;
	return 0;
}

/* Exactly one of IPV4 and IPV6. */
static int get_endpoint_addr(struct nlattr **tb, struct podnet_addr *addr)
{
	if (tb[PODNET_EP_A_IPV4] && !tb[PODNET_EP_A_IPV6]) {
		addr->family = AF_INET;
		memcpy(&addr->v4, nla_data(tb[PODNET_EP_A_IPV4]), sizeof(addr->v4));
		return 0;
	}
	if (tb[PODNET_EP_A_IPV6] && !tb[PODNET_EP_A_IPV4]) {
		addr->family = AF_INET6;
		memcpy(&addr->v6, nla_data(tb[PODNET_EP_A_IPV6]), sizeof(addr->v6));
		return 0;
	}
	return -EBADMSG;
}

int podnet_genl_endpoint_parse(const struct nlmsghdr *nlh,
			       struct podnet_endpoint *out)
{
	struct nlattr *tb[PODNET_EP_A_MAX + 1];
	struct podnet_endpoint ep = { 0 };

	if (parse_object(nlh, PODNET_A_ENDPOINT, tb, PODNET_EP_A_MAX,
			 endpoint_policy) ||
	    get_endpoint_addr(tb, &ep.addr) || !tb[PODNET_EP_A_PORT] ||
	    get_ifindex(tb[PODNET_EP_A_PORT], &ep.port_ifindex))
		return -EBADMSG;
	if (tb[PODNET_EP_A_MAC]) {
		ep.has_mac = true;
		memcpy(ep.mac, nla_data(tb[PODNET_EP_A_MAC]), PODNET_MAC_LEN);
	}
	*out = ep;
	return 0;
}

int podnet_genl_fdb_parse(const struct nlmsghdr *nlh,
			  struct podnet_fdb_entry *out)
{
	struct nlattr *tb[PODNET_FDB_A_MAX + 1];
	struct podnet_fdb_entry e = { 0 };

	if (parse_object(nlh, PODNET_A_FDB, tb, PODNET_FDB_A_MAX, fdb_policy) ||
	    !ALL_PRESENT(tb, PODNET_FDB_A_MAC, PODNET_FDB_A_PORT,
			 PODNET_FDB_A_FLAGS) ||
	    get_ifindex(tb[PODNET_FDB_A_PORT], &e.port_ifindex))
		return -EBADMSG;
	e.flags = nla_get_u32(tb[PODNET_FDB_A_FLAGS]);
	/* The device's own address never ages, so has no age. */
	if (!tb[PODNET_FDB_A_AGE] && !(e.flags & PODNET_FDB_F_LOCAL))
		return -EBADMSG;
	if (tb[PODNET_FDB_A_AGE])
		e.age_ms = nla_get_u32(tb[PODNET_FDB_A_AGE]);
	memcpy(e.mac, nla_data(tb[PODNET_FDB_A_MAC]), PODNET_MAC_LEN);
	*out = e;
	return 0;
}

int podnet_genl_stats_parse(const struct nlmsghdr *nlh,
			    struct podnet_stats *out)
{
	struct nlattr *tb[PODNET_STATS_A_MAX + 1];
	struct podnet_stats stats = { 0 };
	unsigned int i;

	if (parse_object(nlh, PODNET_A_STATS, tb, PODNET_STATS_A_MAX,
			 stats_policy))
		return -EBADMSG;
	for (i = PODNET_STATS_A_PAD + 1; i <= PODNET_STATS_A_MAX; i++) {
		if (tb[i]) {
			stats.counter[i] = nla_get_u64(tb[i]);
			stats.reported |= 1U << i;
		}
	}
	*out = stats;
	return 0;
}
