// SPDX-License-Identifier: GPL-2.0
/*
 * The route calls of libpodnet against a stand-in kernel: the Makefile
 * links this test with --wrap for the socket calls route.c makes, so every
 * request is recorded here and answered as scripted: batches streamed in
 * order, the failing route found from the error's offset, runs of equal
 * changes sharing requests, dumps of many routes a message.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <cmocka.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include "genl.h"
#include "nlsock.h"
#include "podnet.h"

#define FAMILY 0x1c
#define IFINDEX 5
#define MAX_REQUESTS 1024

/* What the stand-in kernel saw, and what it answers. */
static struct {
	int open_calls;
	int open_error;
	int requests;
	uint8_t cmd[MAX_REQUESTS];
	uint16_t flags[MAX_REQUESTS];
	int64_t generation[MAX_REQUESTS];	/* -1: none */
	int routes[MAX_REQUESTS];		/* PODNET_A_ROUTE in each */
	struct podnet_addr first_dst[MAX_REQUESTS];
	int fail_request;			/* -1: none */
	int fail_error;
	int fail_route;				/* its index in the request; -1: no offset */
	struct nl_msg *reply[4];		/* for nl_call and nl_dump */
	int replies;
	int interrupted_attempts;		/* dumps flagged changed */
} k;

static void reset(void)
{
	int i;

	for (i = 0; i < k.replies; i++)
		nlmsg_free(k.reply[i]);
	memset(&k, 0, sizeof(k));
	k.fail_request = -1;
}

int __wrap_podnet_genl_open(struct podnet_genl *g, const char *dev,
			    char *errbuf, size_t errlen)
{
	(void)dev;
	k.open_calls++;
	if (errlen)
		errbuf[0] = '\0';
	*g = (struct podnet_genl){ .family = FAMILY, .ifindex = IFINDEX };
	if (k.open_error)
		snprintf(errbuf, errlen, "no such podnet device");
	return k.open_error;
}

void __wrap_podnet_genl_close(struct podnet_genl *g)
{
	(void)g;
}

/* Where the n-th route of req starts. */
static uint32_t route_offset(const struct nlmsghdr *req, int n)
{
	struct nlattr *nla;
	int rem;

	nlmsg_for_each_attr(nla, req, GENL_HDRLEN, rem)
		if (nla_type(nla) == PODNET_A_ROUTE && !n--)
			return (const char *)nla - (const char *)req + 8;
	fail();
	return 0;
}

static void record(const struct nlmsghdr *req)
{
	struct nlattr *tb[PODNET_A_MAX + 1], *rtb[PODNET_ROUTE_A_MAX + 1];
	const struct genlmsghdr *g = nlmsg_data(req);
	int i = k.requests++;
	struct nlattr *nla;
	int rem;

	assert_true(i < MAX_REQUESTS);
	assert_int_equal(req->nlmsg_type, FAMILY);
	assert_true(req->nlmsg_len <= PODNET_ROUTE_MSG_MAX);
	k.cmd[i] = g->cmd;
	k.flags[i] = req->nlmsg_flags;
	assert_int_equal(genlmsg_parse((struct nlmsghdr *)req, 0, tb,
				       PODNET_A_MAX, NULL), 0);
	assert_int_equal(nla_get_u32(tb[PODNET_A_IFINDEX]), IFINDEX);
	k.generation[i] = tb[PODNET_A_GENERATION] ?
		(int64_t)nla_get_u32(tb[PODNET_A_GENERATION]) : -1;
	nlmsg_for_each_attr(nla, req, GENL_HDRLEN, rem) {
		if (nla_type(nla) != PODNET_A_ROUTE)
			continue;
		if (!k.routes[i]++) {
			assert_int_equal(nla_parse_nested(rtb, PODNET_ROUTE_A_MAX,
							  nla, NULL), 0);
			k.first_dst[i].family = AF_INET;
			memcpy(&k.first_dst[i].v4,
			       nla_data(rtb[PODNET_ROUTE_A_DST4]), 4);
		}
	}
}

int __wrap_podnet_nl_exchange(struct nl_sock *sk, struct nl_msg *req,
			      struct podnet_nl_call *call)
{
	(void)sk;
	record(nlmsg_hdr(req));
	call->done = true;
	if (k.requests - 1 != k.fail_request)
		return 0;
	call->err = k.fail_error;
	snprintf(call->errbuf, call->errlen, "Route refused");
	if (k.fail_route >= 0) {
		call->has_err_offset = true;
		call->err_offset = route_offset(nlmsg_hdr(req), k.fail_route);
	}
	return call->err;
}

int __wrap_podnet_nl_call(struct nl_sock *sk, struct nl_msg *req,
			  podnet_reply_fn on_reply, void *arg,
			  char *errbuf, size_t errlen)
{
	int i, err = 0;

	(void)sk;
	(void)errbuf;
	(void)errlen;
	record(nlmsg_hdr(req));
	nlmsg_free(req);
	for (i = 0; !err && on_reply && i < k.replies; i++)
		err = on_reply(nlmsg_hdr(k.reply[i]), arg);
	return err ? err : k.fail_error;
}

int __wrap_podnet_nl_dump(struct nl_sock *sk, struct nl_msg *req,
			  podnet_reply_fn on_reply, void (*restart)(void *arg),
			  void *arg, char *errbuf, size_t errlen)
{
	int attempt, i, err = 0;

	(void)sk;
	(void)errbuf;
	(void)errlen;
	record(nlmsg_hdr(req));
	nlmsg_free(req);
	/* An interrupted attempt hands over part of the table, then starts over. */
	for (attempt = 0; attempt <= k.interrupted_attempts; attempt++) {
		restart(arg);
		for (i = 0; !err && i < k.replies; i++) {
			if (attempt < k.interrupted_attempts && i > 0)
				break;
			err = on_reply(nlmsg_hdr(k.reply[i]), arg);
		}
	}
	return err;
}

/* Route i: 10.0.0.0/27 plus i blocks of 32, via 192.168.0.1 */
static struct podnet_route *numbered_routes(size_t n)
{
	struct podnet_route *routes = calloc(n, sizeof(*routes));
	size_t i;

	assert_non_null(routes);
	for (i = 0; i < n; i++) {
		routes[i].dst.family = AF_INET;
		routes[i].dst.v4.s_addr = htonl(0x0a000000 + ((uint32_t)i << 5));
		routes[i].plen = 27;
		routes[i].via.family = AF_INET;
		routes[i].via.v4.s_addr = htonl(0xc0a80001);
	}
	return routes;
}

static uint32_t dst_number(const struct podnet_addr *dst)
{
	return (ntohl(dst->v4.s_addr) - 0x0a000000) >> 5;
}

static int setup(void **state)
{
	(void)state;
	reset();
	return 0;
}

static void test_add_streams_every_route(void **state)
{
	struct podnet_route *routes = numbered_routes(100000);
	size_t failed = 0, total = 0;
	char err[128] = "stale";
	int i;

	(void)state;
	assert_int_equal(podnet_routes_add("p0", routes, 100000, 7, true,
					   &failed, err, sizeof(err)), 0);
	assert_int_equal(failed, PODNET_ROUTE_UNKNOWN);
	assert_int_equal(k.open_calls, 1);
	/* 583 routes of 28 bytes fill a request of 16 KiB. */
	assert_int_equal(k.requests, 172);
	for (i = 0; i < k.requests; i++) {
		assert_int_equal(k.cmd[i], PODNET_CMD_ROUTE_ADD);
		assert_true(k.flags[i] & NLM_F_REPLACE);
		assert_int_equal(k.generation[i], 7);
		assert_int_equal(dst_number(&k.first_dst[i]), total);
		total += k.routes[i];
	}
	assert_int_equal(total, 100000);
	free(routes);
}

static void test_add_failure_names_the_route(void **state)
{
	struct podnet_route *routes = numbered_routes(2000);
	size_t failed = 0;
	char err[128];

	(void)state;
	k.fail_request = 1;
	k.fail_error = -EEXIST;
	k.fail_route = 10;
	assert_int_equal(podnet_routes_add("p0", routes, 2000, 0, false,
					   &failed, err, sizeof(err)), -EEXIST);
	assert_int_equal(k.requests, 2);
	assert_int_equal(failed, k.routes[0] + 10);
	assert_string_equal(err, "Route refused");
	assert_int_equal(k.generation[0], -1);
	assert_false(k.flags[0] & NLM_F_REPLACE);
	free(routes);
}

static void test_failure_without_offset(void **state)
{
	struct podnet_route *routes = numbered_routes(2000);
	size_t failed = 0;

	(void)state;
	k.fail_request = 0;
	k.fail_error = -ENOSPC;
	k.fail_route = -1;
	assert_int_equal(podnet_routes_add("p0", routes, 2000, 0, false,
					   &failed, NULL, 0), -ENOSPC);
	assert_int_equal(failed, PODNET_ROUTE_UNKNOWN);
	/* A request of one route: that one. */
	reset();
	k.fail_request = 0;
	k.fail_error = -ENOENT;
	k.fail_route = -1;
	assert_int_equal(podnet_routes_del("p0", routes + 5, 1, &failed, NULL,
					   0), -ENOENT);
	assert_int_equal(failed, 0);
	assert_int_equal(k.cmd[0], PODNET_CMD_ROUTE_DEL);
	free(routes);
}

/* Equal changes in a row share requests; a del needs no replace, generation. */
static void test_apply_groups_runs(void **state)
{
	struct podnet_route *routes = numbered_routes(9);
	const struct podnet_route_change add1 = { .generation = 1 };
	const struct podnet_route_change add1r = { .replace = true,
						   .generation = 1 };
	const struct podnet_route_change del = { .del = true };
	const struct podnet_route_change odd_del = { .del = true,
						     .replace = true,
						     .generation = 9 };
	const struct podnet_route_change changes[9] = {
		add1, add1, add1, add1r, add1r, del, odd_del, add1, add1,
	};
	size_t failed;

	(void)state;
	assert_int_equal(podnet_routes_apply("p0", routes, changes, 9, &failed,
					     NULL, 0), 0);
	assert_int_equal(k.open_calls, 1);
	assert_int_equal(k.requests, 4);
	assert_int_equal(k.cmd[0], PODNET_CMD_ROUTE_ADD);
	assert_int_equal(k.routes[0], 3);
	assert_int_equal(k.generation[0], 1);
	assert_false(k.flags[0] & NLM_F_REPLACE);
	assert_int_equal(k.routes[1], 2);
	assert_true(k.flags[1] & NLM_F_REPLACE);
	assert_int_equal(k.cmd[2], PODNET_CMD_ROUTE_DEL);
	assert_int_equal(k.routes[2], 2);
	assert_int_equal(k.generation[2], -1);
	assert_false(k.flags[2] & NLM_F_REPLACE);
	assert_int_equal(k.cmd[3], PODNET_CMD_ROUTE_ADD);
	assert_int_equal(dst_number(&k.first_dst[3]), 7);

	/* The failed index counts from the start of the whole batch. */
	reset();
	k.fail_request = 2;
	k.fail_error = -ENOENT;
	k.fail_route = 1;
	assert_int_equal(podnet_routes_apply("p0", routes, changes, 9, &failed,
					     NULL, 0), -ENOENT);
	assert_int_equal(failed, 6);
	assert_int_equal(k.requests, 3);
	free(routes);
}

static void test_bad_family_sends_nothing(void **state)
{
	struct podnet_route *routes = numbered_routes(5);
	size_t failed = 0;
	char err[128];

	(void)state;
	routes[3].via.family = AF_UNSPEC;
	assert_int_equal(podnet_routes_add("p0", routes, 5, 0, false, &failed,
					   err, sizeof(err)), -EAFNOSUPPORT);
	assert_int_equal(failed, 3);
	assert_string_equal(err, "route 3 is neither IPv4 nor IPv6");
	assert_int_equal(k.open_calls, 0);
	assert_int_equal(k.requests, 0);
	/* To delete, only the prefix counts. */
	assert_int_equal(podnet_routes_del("p0", routes, 5, &failed, err,
					   sizeof(err)), 0);
	assert_int_equal(k.requests, 1);
	free(routes);
}

static void test_nothing_to_do(void **state)
{
	size_t failed = 0;

	(void)state;
	assert_int_equal(podnet_routes_add("p0", NULL, 0, 0, false, &failed,
					   NULL, 0), 0);
	assert_int_equal(k.open_calls, 1);
	assert_int_equal(k.requests, 0);
	k.open_error = -ENODEV;
	assert_int_equal(podnet_routes_del("p0", NULL, 0, &failed, NULL, 0),
			 -ENODEV);
	assert_int_equal(failed, PODNET_ROUTE_UNKNOWN);
}

/* A reply message holding n copies of routes 0, 1, ... */
static struct nl_msg *route_reply(int first, int n, bool with_path)
{
	struct nl_msg *msg = nlmsg_alloc_size(65536);
	struct nlattr *nest;
	uint32_t dst;
	int i;

	assert_non_null(msg);
	assert_non_null(genlmsg_put(msg, 0, 1, FAMILY, 0, NLM_F_MULTI,
				    PODNET_CMD_ROUTE_GET, PODNET_GENL_VERSION));
	for (i = first; i < first + n; i++) {
		dst = htonl(0x0a000000 | (uint32_t)i << 8);
		nest = nla_nest_start(msg, PODNET_A_ROUTE);
		assert_int_equal(nla_put(msg, PODNET_ROUTE_A_DST4, 4, &dst), 0);
		assert_int_equal(nla_put_u8(msg, PODNET_ROUTE_A_PLEN, 24), 0);
		assert_int_equal(nla_put(msg, PODNET_ROUTE_A_VIA4, 4, &dst), 0);
		assert_int_equal(nla_put_u32(msg, PODNET_ROUTE_A_GENERATION, i),
				 0);
		if (with_path)
			assert_int_equal(nla_put_u32(msg, PODNET_ROUTE_A_PATH,
						     PODNET_ENCAP_IPIP), 0);
		nla_nest_end(msg, nest);
	}
	return msg;
}

static void test_get(void **state)
{
	struct podnet_addr dst = { .family = AF_INET };
	struct podnet_route rt;
	char err[128];

	(void)state;
	dst.v4.s_addr = inet_addr("10.0.3.7");
	k.reply[k.replies++] = route_reply(3, 1, true);
	assert_int_equal(podnet_route_get("p0", &dst, -1, &rt, err, sizeof(err)),
			 0);
	assert_int_equal(k.cmd[0], PODNET_CMD_ROUTE_GET);
	assert_false(k.flags[0] & NLM_F_DUMP);
	assert_int_equal(rt.generation, 3);
	assert_int_equal(rt.path, PODNET_ENCAP_IPIP);
	/* One route answers a get: two is a broken reply. */
	k.reply[k.replies++] = route_reply(4, 1, true);
	assert_int_equal(podnet_route_get("p0", &dst, 24, &rt, err, sizeof(err)),
			 -EBADMSG);
	assert_string_equal(err, "expected one reply, got 2");
	dst.family = AF_UNIX;
	assert_int_equal(podnet_route_get("p0", &dst, 24, &rt, err, sizeof(err)),
			 -EAFNOSUPPORT);
}

static void test_list_over_many_messages(void **state)
{
	struct podnet_route *routes;
	size_t count, i;

	(void)state;
	k.reply[k.replies++] = route_reply(0, 700, false);
	k.reply[k.replies++] = route_reply(700, 700, false);
	k.reply[k.replies++] = route_reply(1400, 3, false);
	assert_int_equal(podnet_route_list("p0", &routes, &count, NULL, 0), 0);
	assert_int_equal(k.flags[0] & NLM_F_DUMP, NLM_F_DUMP);
	assert_int_equal(count, 1403);
	for (i = 0; i < count; i++)
		assert_int_equal(routes[i].generation, i);
	free(routes);
}

/* What an interrupted dump collected is dropped on the restart. */
static void test_list_restarted(void **state)
{
	struct podnet_route *routes;
	size_t count;

	(void)state;
	k.interrupted_attempts = 2;
	k.reply[k.replies++] = route_reply(0, 10, false);
	k.reply[k.replies++] = route_reply(10, 10, false);
	assert_int_equal(podnet_route_list("p0", &routes, &count, NULL, 0), 0);
	assert_int_equal(count, 20);
	free(routes);
}

static void test_flush(void **state)
{
	uint32_t older_than = 42;

	(void)state;
	assert_int_equal(podnet_routes_flush("p0", NULL, NULL, 0), 0);
	assert_int_equal(podnet_routes_flush("p0", &older_than, NULL, 0), 0);
	assert_int_equal(k.cmd[0], PODNET_CMD_ROUTE_FLUSH);
	assert_int_equal(k.generation[0], -1);
	assert_int_equal(k.generation[1], 42);
}

static int teardown(void **state)
{
	(void)state;
	reset();
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(t) cmocka_unit_test_setup_teardown(t, setup, teardown)
		T(test_add_streams_every_route),
		T(test_add_failure_names_the_route),
		T(test_failure_without_offset),
		T(test_apply_groups_runs),
		T(test_bad_family_sends_nothing),
		T(test_nothing_to_do),
		T(test_get),
		T(test_list_over_many_messages),
		T(test_list_restarted),
		T(test_flush),
#undef T
	};

	return cmocka_run_group_tests_name("route calls, stand-in kernel",
					   tests, NULL, NULL);
}
