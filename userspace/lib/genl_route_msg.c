// SPDX-License-Identifier: LGPL-2.1-or-later
/* Requests about routes, and finding the route an error blames. */
#include <errno.h>
#include <string.h>
#include <linux/netlink.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include "genl_msg.h"
#include "podnet.h"

/* Headers and the attributes of a request about one route, with room. */
#define ROUTE_MSG_ROOM 256

/* What a route's nest holds besides its address. */
#define NEST_PLEN	(1U << 0)
#define NEST_NEXT_HOP	(1U << 1)	/* VIA, and ENCAP and MAC unless default */

static bool is_inet(const struct podnet_addr *addr)
{
	return addr->family == AF_INET || addr->family == AF_INET6;
}

static int addr_len(const struct podnet_addr *addr)
{
	return addr->family == AF_INET ? sizeof(addr->v4) : sizeof(addr->v6);
}

static size_t nest_len(const struct podnet_route *rt, unsigned int parts)
{
	size_t len = NLA_HDRLEN + nla_total_size(addr_len(&rt->dst));

	if (parts & NEST_PLEN)
		len += nla_total_size(sizeof(uint8_t));
	if (parts & NEST_NEXT_HOP) {
		len += nla_total_size(addr_len(&rt->via));
		if (rt->encap != PODNET_ENCAP_DEFAULT)
			len += nla_total_size(sizeof(uint32_t));
		if (rt->has_mac)
			len += nla_total_size(PODNET_MAC_LEN);
	}
	return len;
}

/* One attribute at at, padded: where the next goes. */
static char *put_attr(char *at, uint16_t type, const void *data, int len)
{
	struct nlattr *nla = (struct nlattr *)at;

	nla->nla_type = type;
	nla->nla_len = NLA_HDRLEN + len;
	memcpy(at + NLA_HDRLEN, data, len);
	memset(at + NLA_HDRLEN + len, 0, NLA_ALIGN(len) - len);
	return at + NLA_HDRLEN + NLA_ALIGN(len);
}

static char *put_addr(char *at, uint16_t v4, uint16_t v6,
		      const struct podnet_addr *addr)
{
	return put_attr(at, addr->family == AF_INET ? v4 : v6, &addr->v4,
			addr_len(addr));
}

/*
 * One PODNET_A_ROUTE at the tail of msg, or -NLE_NOMEM and nothing when it
 * does not fit. Written in place, not by nla_put(): at 100k routes under
 * emulation, libnl's calls per attribute were a third of a batch's cost.
 */
static int put_route(struct nl_msg *msg, const struct podnet_route *rt,
		     unsigned int parts)
{
	size_t len = nest_len(rt, parts);
	struct nlattr *nest;
	uint32_t encap = rt->encap;
	uint8_t plen = rt->plen;
	char *at;

	if (!is_inet(&rt->dst) || ((parts & NEST_NEXT_HOP) && !is_inet(&rt->via)))
		return -EAFNOSUPPORT;
	nest = nlmsg_reserve(msg, len, NLA_ALIGNTO);
	if (!nest)
		return -NLE_NOMEM;
	nest->nla_type = NLA_F_NESTED | PODNET_A_ROUTE;
	nest->nla_len = len;
	at = put_addr((char *)nla_data(nest), PODNET_ROUTE_A_DST4,
		      PODNET_ROUTE_A_DST6, &rt->dst);
	if (parts & NEST_PLEN)
		at = put_attr(at, PODNET_ROUTE_A_PLEN, &plen, sizeof(plen));
	if (!(parts & NEST_NEXT_HOP))
		return 0;
	at = put_addr(at, PODNET_ROUTE_A_VIA4, PODNET_ROUTE_A_VIA6, &rt->via);
	if (rt->encap != PODNET_ENCAP_DEFAULT)
		at = put_attr(at, PODNET_ROUTE_A_ENCAP, &encap, sizeof(encap));
	if (rt->has_mac)
		put_attr(at, PODNET_ROUTE_A_MAC, rt->mac, PODNET_MAC_LEN);
	return 0;
}

static struct nl_msg *route_batch_msg(int family, int ifindex, uint8_t cmd,
				      int flags, uint32_t generation,
				      const struct podnet_route *routes,
				      size_t n, size_t max_len, size_t *taken)
{
	struct nl_msg *msg;
	int err = 0;
	size_t i;

	msg = podnet_genl_msg_new(family, cmd, flags, ifindex, max_len);
	if (msg && generation)
		err = nla_put_u32(msg, PODNET_A_GENERATION, generation);
	for (i = 0; msg && !err && i < n; i++) {
		err = put_route(msg, &routes[i],
				cmd == PODNET_CMD_ROUTE_ADD ?
				NEST_PLEN | NEST_NEXT_HOP : NEST_PLEN);
		/* Full: the rest goes in the next request. */
		if (err == -NLE_NOMEM && i > 0) {
			err = 0;
			break;
		}
	}
	*taken = i;
	return msg ? podnet_genl_msg_done(msg, err) : NULL;
}

struct nl_msg *podnet_genl_route_add_msg(int family, int ifindex,
					 const struct podnet_route *routes,
					 size_t n, uint32_t generation,
					 bool replace, size_t max_len,
					 size_t *taken)
{
	return route_batch_msg(family, ifindex, PODNET_CMD_ROUTE_ADD,
			       replace ? NLM_F_REPLACE : 0, generation,
			       routes, n, max_len, taken);
}

struct nl_msg *podnet_genl_route_del_msg(int family, int ifindex,
					 const struct podnet_route *routes,
					 size_t n, size_t max_len, size_t *taken)
{
	return route_batch_msg(family, ifindex, PODNET_CMD_ROUTE_DEL, 0, 0,
			       routes, n, max_len, taken);
}

struct nl_msg *podnet_genl_route_get_msg(int family, int ifindex,
					 const struct podnet_addr *dst,
					 int plen)
{
	const struct podnet_route rt = { .dst = *dst, .plen = plen };
	struct nl_msg *msg;

	msg = podnet_genl_msg_new(family, PODNET_CMD_ROUTE_GET, 0, ifindex,
				  ROUTE_MSG_ROOM);
	if (!msg)
		return NULL;
	return podnet_genl_msg_done(msg, put_route(msg, &rt,
						   plen < 0 ? 0 : NEST_PLEN));
}

struct nl_msg *podnet_genl_route_dump_msg(int family, int ifindex)
{
	return podnet_genl_msg_new(family, PODNET_CMD_ROUTE_GET, NLM_F_DUMP,
				   ifindex, ROUTE_MSG_ROOM);
}

struct nl_msg *podnet_genl_route_flush_msg(int family, int ifindex,
					   const uint32_t *older_than)
{
	struct nl_msg *msg;
	int err = 0;

	msg = podnet_genl_msg_new(family, PODNET_CMD_ROUTE_FLUSH, 0, ifindex,
				  ROUTE_MSG_ROOM);
	if (msg && older_than)
		err = nla_put_u32(msg, PODNET_A_GENERATION, *older_than);
	return msg ? podnet_genl_msg_done(msg, err) : NULL;
}

long podnet_route_at_offset(const struct nlmsghdr *req, uint32_t offset)
{
	const char *start = (const char *)req;
	const struct nlattr *nla;
	long index = 0;
	int rem;

	nlmsg_for_each_attr(nla, req, GENL_HDRLEN, rem) {
		if (nla_type(nla) != PODNET_A_ROUTE)
			continue;
		if (offset >= (size_t)((const char *)nla - start) &&
		    offset < (size_t)((const char *)nla - start) + nla->nla_len)
			return index;
		index++;
	}
	return -1;
}
