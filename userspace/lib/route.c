// SPDX-License-Identifier: LGPL-2.1-or-later
/* Routes: batches streamed to the kernel, lookups, dumps and flushes. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <netlink/msg.h>

#include "collect.h"
#include "genl.h"
#include "nlsock.h"
#include "podnet.h"

/* Routes to add or delete, and what to do with each. */
struct batch {
	struct podnet_genl g;
	const struct podnet_route *routes;
	const struct podnet_route_change *changes;
	size_t step;			/* 1: a change per route; 0: one for all */
	size_t n;
	size_t failed;
	char *errbuf;
	size_t errlen;
};

static const struct podnet_route_change *change_of(const struct batch *b,
						   size_t i)
{
	return &b->changes[i * b->step];
}

/* Whether two routes can go in one request. */
static bool same_request(const struct podnet_route_change *a,
			 const struct podnet_route_change *b)
{
	if (a->del || b->del)
		return a->del == b->del;
	return a->replace == b->replace && a->generation == b->generation;
}

static bool is_inet(const struct podnet_addr *addr)
{
	return addr->family == AF_INET || addr->family == AF_INET6;
}

/* The builders cannot encode another family: their NULL reads as ENOMEM. */
static int check_families(struct batch *b)
{
	size_t i;

	for (i = 0; i < b->n; i++) {
		if (!is_inet(&b->routes[i].dst) ||
		    (!change_of(b, i)->del && !is_inet(&b->routes[i].via))) {
			b->failed = i;
			snprintf(b->errbuf, b->errlen,
				 "route %zu is neither IPv4 nor IPv6", i);
			return -EAFNOSUPPORT;
		}
	}
	return 0;
}

/*
 * One request with the routes from first on, of count that share its
 * change, as many as fit: *taken. The kernel handles a request within
 * sendmsg(), so sending the next before this one's ack would gain nothing.
 */
static int send_request(struct batch *b, size_t first, size_t count,
			size_t *taken)
{
	const struct podnet_route_change *c = change_of(b, first);
	const struct podnet_route *routes = b->routes + first;
	struct podnet_nl_call call = {
		.errbuf = b->errbuf,
		.errlen = b->errlen,
	};
	struct nl_msg *req;
	long at;
	int err;

	if (c->del)
		req = podnet_genl_route_del_msg(b->g.family, b->g.ifindex, routes,
						count, PODNET_ROUTE_MSG_MAX, taken);
	else
		req = podnet_genl_route_add_msg(b->g.family, b->g.ifindex, routes,
						count, c->generation, c->replace,
						PODNET_ROUTE_MSG_MAX, taken);
	if (!req) {
		b->failed = first;
		return -ENOMEM;
	}
	err = podnet_nl_exchange(b->g.sk, req, &call);
	if (err) {
		at = call.has_err_offset ?
			podnet_route_at_offset(nlmsg_hdr(req), call.err_offset) : -1;
		if (at < 0 && *taken == 1)
			at = 0;
		b->failed = at < 0 ? PODNET_ROUTE_UNKNOWN : first + at;
	}
	nlmsg_free(req);
	return err;
}

static int send_all(struct batch *b)
{
	size_t i, end, j, taken;
	int err = 0;

	for (i = 0; !err && i < b->n; i = end) {
		for (end = i + 1; end < b->n &&
		     same_request(change_of(b, i), change_of(b, end)); end++)
			;
		for (j = i; !err && j < end; j += taken)
			err = send_request(b, j, end - j, &taken);
	}
	return err;
}

static int program(struct batch *b, const char *dev, size_t *failed)
{
	int err;

	if (b->errlen)
		b->errbuf[0] = '\0';
	err = check_families(b);
	if (!err)
		err = podnet_genl_open(&b->g, dev, b->errbuf, b->errlen);
	if (!err) {
		err = send_all(b);
		podnet_genl_close(&b->g);
	}
	if (failed)
		*failed = err ? b->failed : PODNET_ROUTE_UNKNOWN;
	return err;
}

int podnet_routes_add(const char *dev, const struct podnet_route *routes,
		      size_t n, uint32_t generation, bool replace,
		      size_t *failed, char *errbuf, size_t errlen)
{
	const struct podnet_route_change change = {
		.replace = replace,
		.generation = generation,
	};
	struct batch b = {
		.routes = routes,
		.changes = &change,
		.n = n,
		.failed = PODNET_ROUTE_UNKNOWN,
		.errbuf = errbuf,
		.errlen = errlen,
	};

	return program(&b, dev, failed);
}

int podnet_routes_del(const char *dev, const struct podnet_route *routes,
		      size_t n, size_t *failed, char *errbuf, size_t errlen)
{
	const struct podnet_route_change change = { .del = true };
	struct batch b = {
		.routes = routes,
		.changes = &change,
		.n = n,
		.failed = PODNET_ROUTE_UNKNOWN,
		.errbuf = errbuf,
		.errlen = errlen,
	};

	return program(&b, dev, failed);
}

int podnet_routes_apply(const char *dev, const struct podnet_route *routes,
			const struct podnet_route_change *changes, size_t n,
			size_t *failed, char *errbuf, size_t errlen)
{
	struct batch b = {
		.routes = routes,
		.changes = changes,
		.step = 1,
		.n = n,
		.failed = PODNET_ROUTE_UNKNOWN,
		.errbuf = errbuf,
		.errlen = errlen,
	};

	return program(&b, dev, failed);
}

/* A podnet_reply_fn handing each route of a reply to a podnet_route_fn. */
struct route_walk {
	podnet_route_fn on_route;
	void (*restart)(void *arg);
	void *arg;
};

static int walk_reply(const struct nlmsghdr *nlh, void *walk)
{
	struct route_walk *w = walk;

	return podnet_genl_routes_parse(nlh, w->on_route, w->arg);
}

static void walk_restart(void *walk)
{
	struct route_walk *w = walk;

	w->restart(w->arg);
}

static int collect_route(const struct podnet_route *rt, void *collector)
{
	struct podnet_collector *c = collector;
	struct podnet_route *slot = podnet_collect_next(c);

	if (!slot)
		return -ENOMEM;
	*slot = *rt;
	c->count++;
	return 0;
}

int podnet_route_get(const char *dev, const struct podnet_addr *dst, int plen,
		     struct podnet_route *out, char *errbuf, size_t errlen)
{
	struct podnet_collector c = { .item_size = sizeof(*out) };
	struct route_walk w = { .on_route = collect_route, .arg = &c };
	struct podnet_genl g;
	int err;

	if (!is_inet(dst)) {
		if (errlen)
			errbuf[0] = '\0';
		return -EAFNOSUPPORT;
	}
	err = podnet_genl_open(&g, dev, errbuf, errlen);
	if (!err) {
		err = podnet_nl_call(g.sk, podnet_genl_route_get_msg(g.family,
								     g.ifindex,
								     dst, plen),
				     walk_reply, &w, errbuf, errlen);
		podnet_genl_close(&g);
	}
	return podnet_collected_one(&c, err, out, errbuf, errlen);
}

int podnet_route_dump(const char *dev, podnet_route_fn on_route,
		      void (*restart)(void *arg), void *arg,
		      char *errbuf, size_t errlen)
{
	struct route_walk w = {
		.on_route = on_route,
		.restart = restart,
		.arg = arg,
	};
	struct podnet_genl g;
	int err;

	err = podnet_genl_open(&g, dev, errbuf, errlen);
	if (!err) {
		err = podnet_nl_dump(g.sk, podnet_genl_route_dump_msg(g.family,
								      g.ifindex),
				     walk_reply, walk_restart, &w, errbuf, errlen);
		podnet_genl_close(&g);
	}
	return err;
}

int podnet_route_list(const char *dev, struct podnet_route **routes,
		      size_t *count, char *errbuf, size_t errlen)
{
	struct podnet_collector c = { .item_size = sizeof(**routes) };
	int err;

	err = podnet_route_dump(dev, collect_route, podnet_collect_restart, &c,
				errbuf, errlen);
	*routes = podnet_collected(&c, err, count);
	return err;
}

int podnet_routes_flush(const char *dev, const uint32_t *older_than,
			char *errbuf, size_t errlen)
{
	struct podnet_genl g;
	int err;

	err = podnet_genl_open(&g, dev, errbuf, errlen);
	if (!err) {
		err = podnet_nl_call(g.sk,
				     podnet_genl_route_flush_msg(g.family,
								 g.ifindex,
								 older_than),
				     NULL, NULL, errbuf, errlen);
		podnet_genl_close(&g);
	}
	return err;
}
