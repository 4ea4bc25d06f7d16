// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer: a route batch file, as podnetctl route batch reads it. What
 * parses must print and parse back to the same change, and go into
 * requests that carry every route once, in order, each found again by the
 * offset of any of its bytes.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/genetlink.h>
#include <netlink/attr.h>
#include <netlink/msg.h>

#include "ctl.h"

/* Small requests, so that a few lines already span several. */
#define FUZZ_MSG_MAX 256

static bool same_route(const struct podnet_route *a,
		       const struct podnet_route *b, bool del)
{
	size_t len = a->dst.family == AF_INET ? 4 : 16;

	if (a->dst.family != b->dst.family || a->plen != b->plen ||
	    memcmp(&a->dst.v6, &b->dst.v6, len))
		return false;
	if (del)
		return true;
	len = a->via.family == AF_INET ? 4 : 16;
	return a->via.family == b->via.family &&
	       !memcmp(&a->via.v6, &b->via.v6, len) && a->encap == b->encap &&
	       a->has_mac == b->has_mac &&
	       (!a->has_mac || !memcmp(a->mac, b->mac, PODNET_MAC_LEN));
}

/* The line podnetctl would need to make the same change. */
static void format_line(const struct podnet_route *rt,
			const struct podnet_route_change *c, char *buf,
			size_t len)
{
	char dst[CTL_PREFIX_STRLEN], via[INET6_ADDRSTRLEN], mac[CTL_MAC_STRLEN];

	ctl_format_prefix(&rt->dst, rt->plen, dst);
	if (c->del) {
		snprintf(buf, len, "del %s", dst);
		return;
	}
	ctl_format_addr(&rt->via, via);
	ctl_format_mac(rt->mac, mac);
	snprintf(buf, len, "add %s via %s encap %s%s%s generation %u%s", dst,
		 via, podnet_encap_to_string(rt->encap),
		 rt->has_mac ? " mac " : "", rt->has_mac ? mac : "",
		 c->generation, c->replace ? " replace" : "");
}

static void check_round_trip(const struct podnet_route *rt,
			     const struct podnet_route_change *c)
{
	struct podnet_route_change again_change;
	struct podnet_route again;
	char line[256], err[256];
	bool parsed;

	format_line(rt, c, line, sizeof(line));
	if (ctl_batch_parse_line(line, &again, &again_change, &parsed, err,
				 sizeof(err)) || !parsed ||
	    again_change.del != c->del || !same_route(rt, &again, c->del) ||
	    (!c->del && (again_change.replace != c->replace ||
			 again_change.generation != c->generation)))
		__builtin_trap();
}

/* Each request's routes, found again by the offsets of their nests. */
static void check_request(struct nl_msg *msg, size_t taken, size_t left)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	const struct nlattr *nla;
	uint32_t start;
	long index = 0;
	int rem;

	if (!taken || taken > left || nlh->nlmsg_len > FUZZ_MSG_MAX)
		__builtin_trap();
	nlmsg_for_each_attr(nla, nlh, GENL_HDRLEN, rem) {
		if (nla_type(nla) != PODNET_A_ROUTE)
			continue;
		start = (const char *)nla - (const char *)nlh;
		if (podnet_route_at_offset(nlh, start) != index ||
		    podnet_route_at_offset(nlh, start + nla->nla_len - 1) != index)
			__builtin_trap();
		index++;
	}
	if ((size_t)index != taken)
		__builtin_trap();
}

/* Runs of adds and of deletes, as podnet_routes_apply() sends them. */
static void check_requests(const struct ctl_batch *b)
{
	size_t i, end, done, taken;
	struct nl_msg *msg;
	bool del;

	for (i = 0; i < b->count; i = end) {
		del = b->changes[i].del;
		for (end = i + 1; end < b->count && b->changes[end].del == del;
		     end++)
			;
		for (done = i; done < end; done += taken) {
			msg = del ?
				podnet_genl_route_del_msg(0x1c, 5, b->routes + done,
							  end - done, FUZZ_MSG_MAX,
							  &taken) :
				podnet_genl_route_add_msg(0x1c, 5, b->routes + done,
							  end - done, 1, false,
							  FUZZ_MSG_MAX, &taken);
			if (!msg)
				__builtin_trap();
			check_request(msg, taken, end - done);
			nlmsg_free(msg);
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ctl_batch b = { 0 };
	char err[512];
	size_t i;
	FILE *f;

	if (!size)
		return 0;
	f = fmemopen((void *)data, size, "r");
	if (!f)
		return 0;
	if (!ctl_batch_read(f, "fuzz", &b, err, sizeof(err))) {
		for (i = 0; i < b.count; i++) {
			if (!b.lines[i] || (i && b.lines[i] <= b.lines[i - 1]))
				__builtin_trap();
			check_round_trip(&b.routes[i], &b.changes[i]);
		}
		check_requests(&b);
	} else if (!memchr(err, '\0', sizeof(err)) ||
		   strncmp(err, "fuzz:", 5)) {
		__builtin_trap();
	}
	fclose(f);
	ctl_batch_free(&b);
	return 0;
}
