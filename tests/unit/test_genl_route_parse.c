// SPDX-License-Identifier: GPL-2.0
/* Route replies: many routes a message, good and each kind of malformed. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <cmocka.h>

#include "genl_reply.h"
#include "nlsock.h"

#define NONE -1
#define MAC { 0x02, 0x42, 0xac, 0x11, 0x00, 0x02 }

/* One route as the kernel reports it; NONE leaves an attribute out. */
struct spec {
	const char *dst;
	int plen;
	const char *via;
	int encap;
	bool mac;
	int64_t generation;
	int path;
};

static const struct spec good4 = {
	"10.244.1.0", 24, "192.168.1.11", NONE, false, 3, NONE,
};
static const struct spec good6 = {
	"fd00:1::", 64, "192.168.1.12", PODNET_ENCAP_VXLAN, true, 0xffffffff,
	PODNET_ENCAP_VXLAN,
};

static void put_addr(struct nl_msg *msg, int v4, int v6, const char *s)
{
	uint8_t bytes[16];
	bool inet6 = strchr(s, ':');

	assert_int_equal(inet_pton(inet6 ? AF_INET6 : AF_INET, s, bytes), 1);
	assert_int_equal(nla_put(msg, inet6 ? v6 : v4, inet6 ? 16 : 4, bytes),
			 0);
}

/* A route; then, inside its nest, extra_len bytes of attribute extra_type. */
static void put_route_with(struct nl_msg *msg, const struct spec *s,
			   int extra_type, const void *extra, int extra_len)
{
	static const uint8_t mac[] = MAC;
	struct nlattr *nest = nla_nest_start(msg, PODNET_A_ROUTE);

	assert_non_null(nest);
	if (s->dst)
		put_addr(msg, PODNET_ROUTE_A_DST4, PODNET_ROUTE_A_DST6, s->dst);
	if (s->plen != NONE)
		assert_int_equal(nla_put_u8(msg, PODNET_ROUTE_A_PLEN, s->plen), 0);
	if (s->via)
		put_addr(msg, PODNET_ROUTE_A_VIA4, PODNET_ROUTE_A_VIA6, s->via);
	if (s->encap != NONE)
		assert_int_equal(nla_put_u32(msg, PODNET_ROUTE_A_ENCAP, s->encap),
				 0);
	if (s->mac)
		assert_int_equal(nla_put(msg, PODNET_ROUTE_A_MAC, 6, mac), 0);
	if (s->generation != NONE)
		assert_int_equal(nla_put_u32(msg, PODNET_ROUTE_A_GENERATION,
					     s->generation), 0);
	if (s->path != NONE)
		assert_int_equal(nla_put_u32(msg, PODNET_ROUTE_A_PATH, s->path),
				 0);
	if (extra_type)
		assert_int_equal(nla_put(msg, extra_type, extra_len, extra), 0);
	assert_int_equal(nla_nest_end(msg, nest), 0);
}

static void put_route(struct nl_msg *msg, const struct spec *s)
{
	put_route_with(msg, s, 0, NULL, 0);
}

static struct nl_msg *reply_new(void)
{
	struct nl_msg *msg = genl_reply_new(PODNET_CMD_ROUTE_GET);

	assert_int_equal(nla_put_u32(msg, PODNET_A_IFINDEX, 5), 0);
	return msg;
}

static struct nl_msg *reply_of(const struct spec *s)
{
	struct nl_msg *msg = reply_new();

	put_route(msg, s);
	return msg;
}

/* good4, but its attribute of type replaced by len bytes of payload. */
static struct nl_msg *reply_with(int type, const void *payload, int len)
{
	struct nl_msg *msg = reply_new();
	struct spec s = good4;

	if (type == PODNET_ROUTE_A_DST4)
		s.dst = NULL;
	if (type == PODNET_ROUTE_A_VIA4)
		s.via = NULL;
	if (type == PODNET_ROUTE_A_PLEN)
		s.plen = NONE;
	if (type == PODNET_ROUTE_A_GENERATION)
		s.generation = NONE;
	put_route_with(msg, &s, type, payload, len);
	return msg;
}

/* Collects routes; fails with fail_with at the fail_at'th. */
struct routes {
	struct podnet_route rt[256];
	int count;
	int fail_at;
	int fail_with;
};

static int on_route(const struct podnet_route *rt, void *arg)
{
	struct routes *r = arg;

	assert_true(r->count < 256);
	r->rt[r->count++] = *rt;
	return r->count == r->fail_at ? r->fail_with : 0;
}

static int parse(struct nl_msg *msg, struct routes *r)
{
	int err = podnet_genl_routes_parse(nlmsg_hdr(msg), on_route, r);

	nlmsg_free(msg);
	return err;
}

static void assert_fails(struct nl_msg *msg)
{
	struct routes r = { 0 };

	assert_int_equal(parse(msg, &r), -EBADMSG);
	assert_int_equal(r.count, 0);
}

static void assert_addr(const struct podnet_addr *addr, const char *s)
{
	struct podnet_addr want = { .family = strchr(s, ':') ? AF_INET6 : AF_INET };

	assert_int_equal(inet_pton(want.family, s, &want.v6), 1);
	assert_int_equal(addr->family, want.family);
	assert_memory_equal(&addr->v6, &want.v6,
			    want.family == AF_INET ? 4 : 16);
}

static void test_one_route(void **state)
{
	struct routes r = { 0 };

	(void)state;
	assert_int_equal(parse(reply_of(&good4), &r), 0);
	assert_int_equal(r.count, 1);
	assert_addr(&r.rt[0].dst, "10.244.1.0");
	assert_int_equal(r.rt[0].plen, 24);
	assert_addr(&r.rt[0].via, "192.168.1.11");
	assert_int_equal(r.rt[0].encap, PODNET_ENCAP_DEFAULT);
	assert_false(r.rt[0].has_mac);
	assert_int_equal(r.rt[0].generation, 3);
	assert_int_equal(r.rt[0].path, PODNET_ENCAP_DEFAULT);
}

static void test_everything_reported(void **state)
{
	static const uint8_t mac[] = MAC;
	struct routes r = { 0 };

	(void)state;
	assert_int_equal(parse(reply_of(&good6), &r), 0);
	assert_int_equal(r.count, 1);
	assert_addr(&r.rt[0].dst, "fd00:1::");
	assert_int_equal(r.rt[0].plen, 64);
	assert_addr(&r.rt[0].via, "192.168.1.12");
	assert_int_equal(r.rt[0].encap, PODNET_ENCAP_VXLAN);
	assert_true(r.rt[0].has_mac);
	assert_memory_equal(r.rt[0].mac, mac, 6);
	assert_int_equal(r.rt[0].generation, 0xffffffff);
	assert_int_equal(r.rt[0].path, PODNET_ENCAP_VXLAN);
}

/* Unlike every other dump, a route dump packs many routes a message. */
static void test_many_routes_a_message(void **state)
{
	struct nl_msg *msg = reply_new();
	struct routes r = { 0 };
	struct spec s = good4;
	char dst[32];
	int i;

	(void)state;
	for (i = 0; i < 200; i++) {
		snprintf(dst, sizeof(dst), "10.%d.%d.0", i / 100, i % 100);
		s.dst = dst;
		s.generation = i;
		put_route(msg, i % 2 ? &good6 : &s);
	}
	assert_int_equal(parse(msg, &r), 0);
	assert_int_equal(r.count, 200);
	for (i = 0; i < 200; i += 2) {
		snprintf(dst, sizeof(dst), "10.%d.%d.0", i / 100, i % 100);
		assert_addr(&r.rt[i].dst, dst);
		assert_int_equal(r.rt[i].generation, i);
		assert_addr(&r.rt[i + 1].dst, "fd00:1::");
	}
}

static void test_no_routes(void **state)
{
	struct routes r = { 0 };

	(void)state;
	assert_int_equal(parse(reply_new(), &r), 0);
	assert_int_equal(r.count, 0);
}

/* The nest alone, as podnet_genl_route_parse() takes it. */
static void test_one_nest(void **state)
{
	struct nl_msg *msg = reply_of(&good6);
	struct nlattr *nest;
	struct podnet_route rt;

	(void)state;
	nest = nlmsg_find_attr(nlmsg_hdr(msg), GENL_HDRLEN, PODNET_A_ROUTE);
	assert_non_null(nest);
	assert_int_equal(podnet_genl_route_parse(nest, &rt), 0);
	assert_int_equal(rt.plen, 64);
	nest->nla_len = NLA_HDRLEN + 3;
	memset(&rt, 0x5a, sizeof(rt));
	assert_int_equal(podnet_genl_route_parse(nest, &rt), -EBADMSG);
	assert_int_equal(rt.plen, 0x5a);
	nlmsg_free(msg);
}

static void test_each_required(void **state)
{
	struct spec s;

	(void)state;
	s = good4;
	s.dst = NULL;
	assert_fails(reply_of(&s));
	s = good4;
	s.plen = NONE;
	assert_fails(reply_of(&s));
	s = good4;
	s.via = NULL;
	assert_fails(reply_of(&s));
	s = good4;
	s.generation = NONE;
	assert_fails(reply_of(&s));
}

/* A prefix and a next hop each have one address. */
static void test_both_families(void **state)
{
	uint8_t v6[16] = { 0xfd };

	(void)state;
	assert_fails(reply_with(PODNET_ROUTE_A_DST6, v6, 16));
	assert_fails(reply_with(PODNET_ROUTE_A_VIA6, v6, 16));
}

static void test_prefix_lengths(void **state)
{
	struct routes r = { 0 };
	struct spec s = good4;

	(void)state;
	s.plen = 32;
	assert_int_equal(parse(reply_of(&s), &r), 0);
	s.plen = 33;
	assert_fails(reply_of(&s));
	s = good6;
	s.plen = 128;
	assert_int_equal(parse(reply_of(&s), &r), 0);
	s.plen = 129;
	assert_fails(reply_of(&s));
	s.plen = 0;
	assert_int_equal(parse(reply_of(&s), &r), 0);
}

static void test_wrong_sizes(void **state)
{
	static const uint8_t bytes[16] = { 10 };
	static const struct {
		int type;
		int len;
	} bad[] = {
		{ PODNET_ROUTE_A_DST4, 3 }, { PODNET_ROUTE_A_DST4, 16 },
		{ PODNET_ROUTE_A_PLEN, 4 }, { PODNET_ROUTE_A_PLEN, 0 },
		{ PODNET_ROUTE_A_VIA4, 5 }, { PODNET_ROUTE_A_ENCAP, 1 },
		{ PODNET_ROUTE_A_ENCAP, 8 }, { PODNET_ROUTE_A_MAC, 5 },
		{ PODNET_ROUTE_A_MAC, 8 }, { PODNET_ROUTE_A_GENERATION, 2 },
		{ PODNET_ROUTE_A_PATH, 8 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_fails(reply_with(bad[i].type, bytes, bad[i].len));
}

static void test_encap_and_path_range(void **state)
{
	uint32_t v = PODNET_ENCAP_MAX + 1;
	struct routes r = { 0 };
	struct spec s = good4;

	(void)state;
	assert_fails(reply_with(PODNET_ROUTE_A_ENCAP, &v, 4));
	assert_fails(reply_with(PODNET_ROUTE_A_PATH, &v, 4));
	/* A path is how a packet goes now: never "as the device says". */
	s.path = PODNET_ENCAP_DEFAULT;
	assert_fails(reply_of(&s));
	s.path = PODNET_ENCAP_IPIP;
	s.encap = PODNET_ENCAP_DIRECT;
	assert_int_equal(parse(reply_of(&s), &r), 0);
	assert_int_equal(r.rt[0].encap, PODNET_ENCAP_DIRECT);
	assert_int_equal(r.rt[0].path, PODNET_ENCAP_IPIP);
}

/* A newer module may report more. */
static void test_unknown_attr_ignored(void **state)
{
	struct routes r = { 0 };
	uint64_t v = 1;
	struct nl_msg *msg;

	(void)state;
	msg = reply_with(PODNET_ROUTE_A_MAX + 1, &v, sizeof(v));
	assert_int_equal(nla_put_u64(msg, PODNET_A_MAX + 1, 1), 0);
	assert_int_equal(parse(msg, &r), 0);
	assert_int_equal(r.count, 1);
}

/* Routes before a malformed one have been handed over; then the error. */
static void test_malformed_second_route(void **state)
{
	struct nl_msg *msg = reply_of(&good4);
	struct routes r = { 0 };
	struct spec s = good4;

	(void)state;
	s.via = NULL;
	put_route(msg, &s);
	put_route(msg, &good4);
	assert_int_equal(parse(msg, &r), -EBADMSG);
	assert_int_equal(r.count, 1);
}

static void test_callback_error_stops(void **state)
{
	struct nl_msg *msg = reply_of(&good4);
	struct routes r = { .fail_at = 2, .fail_with = -ENOMEM };

	(void)state;
	put_route(msg, &good6);
	put_route(msg, &good4);
	assert_int_equal(parse(msg, &r), -ENOMEM);
	assert_int_equal(r.count, 2);
}

static void test_truncated(void **state)
{
	struct nl_msg *msg = reply_of(&good4);
	struct nlattr *nest;

	(void)state;
	put_route(msg, &good4);
	assert_fails(genl_reply_cut(msg, 4));
	/* A nest that claims more than the message holds. */
	msg = reply_of(&good4);
	nest = nlmsg_find_attr(nlmsg_hdr(msg), GENL_HDRLEN, PODNET_A_ROUTE);
	nest->nla_len += 8;
	assert_fails(msg);
	/* A route attribute that overruns its nest. */
	msg = reply_of(&good4);
	genl_reply_find(msg, PODNET_A_ROUTE, PODNET_ROUTE_A_GENERATION)->nla_len += 4;
	assert_fails(msg);
}

static void test_control_message(void **state)
{
	struct nl_msg *msg = reply_of(&good4);

	(void)state;
	nlmsg_hdr(msg)->nlmsg_type = NLMSG_ERROR;
	assert_fails(msg);
}

/* A dump through podnet_nl_feed(): two datagrams of many routes, then done. */
static int on_reply(const struct nlmsghdr *nlh, void *arg)
{
	return podnet_genl_routes_parse(nlh, on_route, arg);
}

static void feed(struct podnet_nl_call *call, struct nl_msg *msg)
{
	podnet_nl_feed(call, nlmsg_hdr(msg), nlmsg_hdr(msg)->nlmsg_len);
	nlmsg_free(msg);
}

static void test_dump_of_many_messages(void **state)
{
	static struct routes r;
	struct podnet_nl_call call = {
		.seq = 1,
		.on_reply = on_reply,
		.arg = &r,
	};
	struct nl_msg *msg, *done;
	int i, j, err = 0;

	(void)state;
	for (i = 0; i < 3; i++) {
		msg = reply_new();
		for (j = 0; j < 50; j++)
			put_route(msg, j % 2 ? &good4 : &good6);
		feed(&call, msg);
		assert_false(call.done);
	}
	done = nlmsg_alloc_simple(NLMSG_DONE, NLM_F_MULTI);
	nlmsg_hdr(done)->nlmsg_seq = 1;
	assert_int_equal(nlmsg_append(done, &err, sizeof(err), NLMSG_ALIGNTO), 0);
	feed(&call, done);
	assert_true(call.done);
	assert_int_equal(call.err, 0);
	assert_int_equal(r.count, 150);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_one_route),
		cmocka_unit_test(test_everything_reported),
		cmocka_unit_test(test_many_routes_a_message),
		cmocka_unit_test(test_no_routes),
		cmocka_unit_test(test_one_nest),
		cmocka_unit_test(test_each_required),
		cmocka_unit_test(test_both_families),
		cmocka_unit_test(test_prefix_lengths),
		cmocka_unit_test(test_wrong_sizes),
		cmocka_unit_test(test_encap_and_path_range),
		cmocka_unit_test(test_unknown_attr_ignored),
		cmocka_unit_test(test_malformed_second_route),
		cmocka_unit_test(test_callback_error_stops),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_control_message),
		cmocka_unit_test(test_dump_of_many_messages),
	};

	/* Room for a dump's worth of routes in one message. */
	nlmsg_set_default_size(65536);
	return cmocka_run_group_tests_name("route replies", tests, NULL, NULL);
}
