// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <linux/rtnetlink.h>
#include <netlink/netlink.h>
#include <netlink/route/link.h>
#include <netlink/route/route.h>

#include "host.h"

static int nl_fail(int nlerr, const char *what, char *errbuf, size_t errlen)
{
	snprintf(errbuf, errlen, "%s: %s", what, nl_geterror(nlerr));
	return -EIO;
}

static int route_sock(struct nl_sock **skp, char *errbuf, size_t errlen)
{
	struct nl_sock *sk = nl_socket_alloc();
	int err;

	if (!sk)
		return nl_fail(-NLE_NOMEM, "netlink socket", errbuf, errlen);
	err = nl_connect(sk, NETLINK_ROUTE);
	if (err) {
		nl_socket_free(sk);
		return nl_fail(err, "netlink socket", errbuf, errlen);
	}
	*skp = sk;
	return 0;
}

int host_link_up(const char *name, uint32_t mtu, int *ifindex,
		 char *errbuf, size_t errlen)
{
	struct rtnl_link *link = NULL, *change = NULL;
	struct nl_sock *sk;
	int err;

	err = route_sock(&sk, errbuf, errlen);
	if (err)
		return err;
	err = rtnl_link_get_kernel(sk, 0, name, &link);
	if (err) {
		err = nl_fail(err, name, errbuf, errlen);
		goto out;
	}
	*ifindex = rtnl_link_get_ifindex(link);
	/* no change, no notification: netwatch would wake us again */
	if (rtnl_link_get_flags(link) & IFF_UP &&
	    (!mtu || rtnl_link_get_mtu(link) == mtu))
		goto out;
	change = rtnl_link_alloc();
	if (!change) {
		err = nl_fail(-NLE_NOMEM, name, errbuf, errlen);
		goto out;
	}
	rtnl_link_set_flags(change, IFF_UP);
	if (mtu)
		rtnl_link_set_mtu(change, mtu);
	err = rtnl_link_change(sk, link, change, 0);
	if (err)
		err = nl_fail(err, "set up", errbuf, errlen);
out:
	if (change)
		rtnl_link_put(change);
	if (link)
		rtnl_link_put(link);
	nl_socket_free(sk);
	return err;
}

static struct nl_addr *cidr_addr(const struct podnetd_cidr *c)
{
	struct nl_addr *a;

	a = nl_addr_build(c->addr.family, &c->addr.v6,
			  c->addr.family == AF_INET ? 4 : 16);
	if (a)
		nl_addr_set_prefixlen(a, c->plen);
	return a;
}

static int route_add(struct nl_sock *sk, int ifindex,
		     const struct podnetd_cidr *c, uint8_t proto)
{
	struct rtnl_route *r = rtnl_route_alloc();
	struct rtnl_nexthop *nh = rtnl_route_nh_alloc();
	struct nl_addr *dst = cidr_addr(c);
	int err = -NLE_NOMEM;

	if (!r || !nh || !dst)
		goto out;
	rtnl_route_set_family(r, c->addr.family);
	rtnl_route_set_dst(r, dst);
	rtnl_route_set_table(r, RT_TABLE_MAIN);
	rtnl_route_set_protocol(r, proto);
	rtnl_route_set_scope(r, RT_SCOPE_LINK);
	rtnl_route_set_type(r, RTN_UNICAST);
	rtnl_route_nh_set_ifindex(nh, ifindex);
	rtnl_route_add_nexthop(r, nh);
	nh = NULL;
	err = rtnl_route_add(sk, r, NLM_F_CREATE | NLM_F_REPLACE);
out:
	if (nh)
		rtnl_route_nh_free(nh);
	if (dst)
		nl_addr_put(dst);
	if (r)
		rtnl_route_put(r);
	return err;
}

struct stale_scan {
	struct nl_sock *sk;
	int ifindex;
	const struct podnetd_cidr *cidrs;
	size_t n;
	uint8_t proto;
	bool present[PODNETD_MAX_CIDRS];
	int err;
};

/* Which of the wanted routes r is, or -1 */
static int route_wanted(const struct stale_scan *s, struct rtnl_route *r)
{
	struct nl_addr *dst = rtnl_route_get_dst(r);
	struct rtnl_nexthop *nh;
	size_t i;

	if (rtnl_route_get_nnexthops(r) != 1)
		return -1;
	nh = rtnl_route_nexthop_n(r, 0);
	if (rtnl_route_nh_get_ifindex(nh) != s->ifindex)
		return -1;
	for (i = 0; i < s->n; i++) {
		struct nl_addr *want = cidr_addr(&s->cidrs[i]);
		bool same = want && !nl_addr_cmp(want, dst);

		if (want)
			nl_addr_put(want);
		if (same)
			return i;
	}
	return -1;
}

static void delete_stale(struct nl_object *obj, void *arg)
{
	struct rtnl_route *r = (struct rtnl_route *)obj;
	struct stale_scan *s = arg;
	int err, i;

	if (rtnl_route_get_protocol(r) != s->proto ||
	    rtnl_route_get_table(r) != RT_TABLE_MAIN)
		return;
	i = route_wanted(s, r);
	if (i >= 0) {
		s->present[i] = true;
		return;
	}
	err = rtnl_route_delete(s->sk, r, 0);
	if (err && !s->err)
		s->err = err;
}

int host_routes_sync(int ifindex, const struct podnetd_cidr *cidrs, size_t n,
		     uint8_t proto, char *errbuf, size_t errlen)
{
	struct stale_scan s = {
		.ifindex = ifindex, .cidrs = cidrs, .n = n, .proto = proto,
	};
	struct nl_cache *cache = NULL;
	struct nl_sock *sk;
	size_t i;
	int err;

	err = route_sock(&sk, errbuf, errlen);
	if (err)
		return err;
	s.sk = sk;
	err = rtnl_route_alloc_cache(sk, AF_UNSPEC, 0, &cache);
	if (err) {
		err = nl_fail(err, "reading routes", errbuf, errlen);
		goto out;
	}
	nl_cache_foreach(cache, delete_stale, &s);
	if (s.err) {
		err = nl_fail(s.err, "deleting a stale route", errbuf, errlen);
		goto out;
	}
	/* only what is missing: a change would wake netwatch again */
	for (i = 0; i < n; i++) {
		if (s.present[i])
			continue;
		err = route_add(sk, ifindex, &cidrs[i], proto);
		if (err) {
			err = nl_fail(err, "adding a cluster route", errbuf,
				      errlen);
			goto out;
		}
	}
out:
	if (cache)
		nl_cache_free(cache);
	nl_socket_free(sk);
	return err;
}

int host_link_mtu(const char *name, uint32_t *mtu)
{
	struct rtnl_link *link = NULL;
	struct nl_sock *sk;
	char errbuf[8];
	int err;

	err = route_sock(&sk, errbuf, sizeof(errbuf));
	if (err)
		return err;
	err = rtnl_link_get_kernel(sk, 0, name, &link);
	if (!err) {
		*mtu = rtnl_link_get_mtu(link);
		rtnl_link_put(link);
	}
	nl_socket_free(sk);
	return err ? -ENODEV : 0;
}
