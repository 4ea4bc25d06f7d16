// SPDX-License-Identifier: GPL-2.0
/*
 * Finding the node's underlay: the address other nodes reach it at and the
 * interface that has it, by the configured method.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <linux/rtnetlink.h>
#include <netlink/netlink.h>
#include <netlink/route/addr.h>
#include <netlink/route/link.h>
#include <netlink/route/route.h>

#include "podnetd.h"

struct scan {
	struct nl_cache *links, *addrs, *routes;
};

static void addr_from_nl(struct nl_addr *a, struct podnet_addr *out)
{
	memset(out, 0, sizeof(*out));
	out->family = nl_addr_get_family(a);
	memcpy(&out->v6, nl_addr_get_binary_addr(a),
	       out->family == AF_INET ? 4 : 16);
}

struct addr_match {
	int ifindex;			/* 0: any */
	int family;			/* 0: any */
	const struct podnetd_cidr *inside;
	const struct podnet_addr *exactly;
	bool found;
	int found_ifindex;
	struct podnet_addr found_addr;
};

/* Global, usable addresses only: not link-local, not tentative. */
static void match_addr(struct nl_object *obj, void *arg)
{
	struct rtnl_addr *ra = (struct rtnl_addr *)obj;
	struct addr_match *m = arg;
	struct podnet_addr a;

	if (m->found || rtnl_addr_get_scope(ra) != RT_SCOPE_UNIVERSE ||
	    rtnl_addr_get_flags(ra) & (IFA_F_TENTATIVE | IFA_F_DADFAILED))
		return;
	if (m->ifindex && rtnl_addr_get_ifindex(ra) != m->ifindex)
		return;
	if (m->family && rtnl_addr_get_family(ra) != m->family)
		return;
	addr_from_nl(rtnl_addr_get_local(ra), &a);
	if (m->inside && !podnetd_cidr_contains(m->inside, &a, a.family ==
						AF_INET ? 32 : 128))
		return;
	if (m->exactly && !podnet_addr_equal(m->exactly, &a))
		return;
	m->found = true;
	m->found_ifindex = rtnl_addr_get_ifindex(ra);
	m->found_addr = a;
}

static bool find_addr(struct scan *s, struct addr_match *m)
{
	m->found = false;
	nl_cache_foreach(s->addrs, match_addr, m);
	return m->found;
}

/* The interface's addresses of each family, and the one to use. */
static int from_interface(struct scan *s, int ifindex, int prefer,
			  struct underlay_state *out, char *errbuf,
			  size_t errlen)
{
	struct addr_match m = { .ifindex = ifindex, .family = AF_INET };
	struct rtnl_link *link;

	if (find_addr(s, &m)) {
		out->has_v4 = true;
		out->v4 = m.found_addr.v4;
	}
	m.family = AF_INET6;
	if (find_addr(s, &m)) {
		out->has_v6 = true;
		out->v6 = m.found_addr.v6;
	}
	if (!out->has_v4 && !out->has_v6) {
		snprintf(errbuf, errlen, "interface %d has no global address",
			 ifindex);
		return -EADDRNOTAVAIL;
	}
	out->addr.family = (prefer == AF_INET6 && out->has_v6) ||
			   !out->has_v4 ? AF_INET6 : AF_INET;
	if (out->addr.family == AF_INET)
		out->addr.v4 = out->v4;
	else
		out->addr.v6 = out->v6;
	out->ifindex = ifindex;
	link = rtnl_link_get(s->links, ifindex);
	if (link) {
		snprintf(out->ifname, sizeof(out->ifname), "%s",
			 rtnl_link_get_name(link));
		out->mtu = rtnl_link_get_mtu(link);
		rtnl_link_put(link);
	}
	out->found = true;
	return 0;
}

struct default_route {
	int family;
	int ifindex;
};

static void match_default(struct nl_object *obj, void *arg)
{
	struct rtnl_route *r = (struct rtnl_route *)obj;
	struct default_route *dr = arg;

	if (dr->ifindex || rtnl_route_get_family(r) != dr->family ||
	    rtnl_route_get_table(r) != RT_TABLE_MAIN ||
	    nl_addr_get_prefixlen(rtnl_route_get_dst(r)) ||
	    rtnl_route_get_nnexthops(r) < 1)
		return;
	dr->ifindex = rtnl_route_nh_get_ifindex(rtnl_route_nexthop_n(r, 0));
}

/* The source address the kernel picks toward target: a UDP "connect". */
static int source_toward(const struct podnet_addr *target,
			 struct podnet_addr *src)
{
	struct sockaddr_storage ss;
	socklen_t len;
	int fd, err = 0;

	memset(&ss, 0, sizeof(ss));
	if (target->family == AF_INET) {
		struct sockaddr_in *sin = (struct sockaddr_in *)&ss;

		sin->sin_family = AF_INET;
		sin->sin_port = htons(9);
		sin->sin_addr = target->v4;
		len = sizeof(*sin);
	} else {
		struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)&ss;

		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = htons(9);
		sin6->sin6_addr = target->v6;
		len = sizeof(*sin6);
	}
	fd = socket(target->family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	if (connect(fd, (struct sockaddr *)&ss, len) ||
	    getsockname(fd, (struct sockaddr *)&ss, &len))
		err = -errno;
	close(fd);
	if (err)
		return err;
	memset(src, 0, sizeof(*src));
	src->family = target->family;
	if (target->family == AF_INET)
		src->v4 = ((struct sockaddr_in *)&ss)->sin_addr;
	else
		src->v6 = ((struct sockaddr_in6 *)&ss)->sin6_addr;
	return 0;
}

static int detect(struct scan *s, const struct podnetd_underlay *how,
		  struct underlay_state *out, char *errbuf, size_t errlen)
{
	struct addr_match m = { 0 };
	struct default_route dr = { .family = AF_INET };
	struct podnet_addr src;
	char buf[INET6_ADDRSTRLEN];
	int ifindex, err;

	switch (how->method) {
	case PODNETD_UNDERLAY_AUTO:
		nl_cache_foreach(s->routes, match_default, &dr);
		if (!dr.ifindex) {
			dr.family = AF_INET6;
			nl_cache_foreach(s->routes, match_default, &dr);
		}
		if (!dr.ifindex) {
			snprintf(errbuf, errlen, "no default route to find "
				 "the underlay by; configure underlay");
			return -ENETUNREACH;
		}
		return from_interface(s, dr.ifindex, dr.family, out, errbuf,
				      errlen);
	case PODNETD_UNDERLAY_INTERFACE:
		ifindex = rtnl_link_name2i(s->links, how->interface);
		if (!ifindex) {
			snprintf(errbuf, errlen, "no interface %s",
				 how->interface);
			return -ENODEV;
		}
		return from_interface(s, ifindex, AF_INET, out, errbuf, errlen);
	case PODNETD_UNDERLAY_CIDR:
		m.inside = &how->cidr;
		break;
	case PODNETD_UNDERLAY_ADDRESS:
		m.exactly = &how->address;
		break;
	case PODNETD_UNDERLAY_CAN_REACH:
		err = source_toward(&how->address, &src);
		inet_ntop(how->address.family, &how->address.v6, buf,
			  sizeof(buf));
		if (err) {
			snprintf(errbuf, errlen, "no route to %s: %s", buf,
				 strerror(-err));
			return err;
		}
		m.exactly = &src;
		break;
	}
	if (!find_addr(s, &m)) {
		snprintf(errbuf, errlen, "no interface has the underlay "
			 "address configured");
		return -EADDRNOTAVAIL;
	}
	err = from_interface(s, m.found_ifindex, m.found_addr.family, out,
			     errbuf, errlen);
	if (!err)
		out->addr = m.found_addr;
	return err;
}

int underlay_detect(const struct podnetd_underlay *how,
		    struct underlay_state *out, char *errbuf, size_t errlen)
{
	struct scan s = { 0 };
	struct nl_sock *sk = nl_socket_alloc();
	int err = -ENOMEM;

	memset(out, 0, sizeof(*out));
	snprintf(errbuf, errlen, "out of memory");
	if (!sk)
		return err;
	if (nl_connect(sk, NETLINK_ROUTE) ||
	    rtnl_link_alloc_cache(sk, AF_UNSPEC, &s.links) ||
	    rtnl_addr_alloc_cache(sk, &s.addrs) ||
	    /* the whole table, only when the default route is wanted */
	    (how->method == PODNETD_UNDERLAY_AUTO &&
	     rtnl_route_alloc_cache(sk, AF_UNSPEC, 0, &s.routes))) {
		snprintf(errbuf, errlen, "reading links and addresses failed");
		err = -EIO;
	} else {
		err = detect(&s, how, out, errbuf, errlen);
	}
	if (s.routes)
		nl_cache_free(s.routes);
	if (s.addrs)
		nl_cache_free(s.addrs);
	if (s.links)
		nl_cache_free(s.links);
	nl_socket_free(sk);
	return err;
}
