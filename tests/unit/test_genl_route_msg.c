// SPDX-License-Identifier: GPL-2.0
/* Route requests: batches split by size, flags, and finding a failed route. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <cmocka.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include "podnet.h"

#define FAMILY 0x1c
#define IFINDEX 5

static struct podnet_addr addr_of(const char *s)
{
	struct podnet_addr addr = { .family = strchr(s, ':') ? AF_INET6 : AF_INET };

	assert_int_equal(inet_pton(addr.family, s, &addr.v6), 1);
	return addr;
}

static struct podnet_route route_of(const char *dst, int plen, const char *via)
{
	struct podnet_route rt = {
		.dst = addr_of(dst),
		.plen = plen,
		.via = addr_of(via),
	};

	return rt;
}

/* 10.(i / 256).(i % 256).0/24 via 192.168.0.1 */
static struct podnet_route *numbered_routes(size_t n)
{
	struct podnet_route *routes = calloc(n, sizeof(*routes));
	size_t i;

	assert_non_null(routes);
	for (i = 0; i < n; i++) {
		routes[i] = route_of("10.0.0.0", 24, "192.168.0.1");
		routes[i].dst.v4.s_addr = htonl(0x0a000000 | (uint32_t)i << 8);
	}
	return routes;
}

/* Checks the headers; returns the top-level attributes' count. */
static int walk(struct nl_msg *msg, uint8_t cmd, int flags,
		struct nlattr **tb)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct genlmsghdr *ghdr = nlmsg_data(nlh);
	struct nlattr *nla;
	int rem, n = 0;

	assert_int_equal(nlh->nlmsg_type, FAMILY);
	assert_int_equal(nlh->nlmsg_flags, NLM_F_REQUEST | flags);
	assert_int_equal(ghdr->cmd, cmd);
	assert_int_equal(ghdr->version, PODNET_GENL_VERSION);
	assert_int_equal(genlmsg_parse(nlh, 0, tb, PODNET_A_MAX, NULL), 0);
	assert_non_null(tb[PODNET_A_IFINDEX]);
	assert_int_equal(nla_get_u32(tb[PODNET_A_IFINDEX]), IFINDEX);
	nlmsg_for_each_attr(nla, nlh, GENL_HDRLEN, rem)
		n++;
	return n;
}

/* The route nests of msg, in order: their count. */
static int route_nests(struct nl_msg *msg, struct nlattr **nests, int max)
{
	struct nlattr *nla;
	int rem, n = 0;

	nlmsg_for_each_attr(nla, nlmsg_hdr(msg), GENL_HDRLEN, rem) {
		if (nla_type(nla) != PODNET_A_ROUTE)
			continue;
		assert_true(nla->nla_type & NLA_F_NESTED);
		assert_true(n < max);
		nests[n++] = nla;
	}
	return n;
}

/* Parses one nest, asserting it holds count attributes. */
static void parse_nest(struct nlattr *nest, struct nlattr **tb, int count)
{
	struct nlattr *nla;
	int rem, n = 0;

	assert_int_equal(nla_parse_nested(tb, PODNET_ROUTE_A_MAX, nest, NULL), 0);
	nla_for_each_nested(nla, nest, rem)
		n++;
	assert_int_equal(n, count);
}

static void assert_bytes(struct nlattr *nla, const void *data, int len)
{
	assert_non_null(nla);
	assert_int_equal(nla_len(nla), len);
	assert_memory_equal(nla_data(nla), data, len);
}

static void test_add_one_ipv4(void **state)
{
	struct podnet_route rt = route_of("10.244.1.0", 24, "192.168.1.11");
	struct nlattr *tb[PODNET_A_MAX + 1], *rtb[PODNET_ROUTE_A_MAX + 1];
	struct nlattr *nests[4];
	struct nl_msg *msg;
	size_t taken = 99;

	(void)state;
	msg = podnet_genl_route_add_msg(FAMILY, IFINDEX, &rt, 1, 0, false,
					PODNET_ROUTE_MSG_MAX, &taken);
	assert_non_null(msg);
	assert_int_equal(taken, 1);
	assert_int_equal(walk(msg, PODNET_CMD_ROUTE_ADD, 0, tb), 2);
	assert_null(tb[PODNET_A_GENERATION]);
	assert_int_equal(route_nests(msg, nests, 4), 1);
	/* Defaults stay out: no encap, no MAC. */
	parse_nest(nests[0], rtb, 3);
	assert_bytes(rtb[PODNET_ROUTE_A_DST4], &rt.dst.v4, 4);
	assert_int_equal(nla_len(rtb[PODNET_ROUTE_A_PLEN]), 1);
	assert_int_equal(nla_get_u8(rtb[PODNET_ROUTE_A_PLEN]), 24);
	assert_bytes(rtb[PODNET_ROUTE_A_VIA4], &rt.via.v4, 4);
	nlmsg_free(msg);
}

static void test_add_ipv6_over_ipv4_encap_mac(void **state)
{
	struct podnet_route rt = route_of("fd00:1::", 64, "192.168.1.11");
	struct nlattr *tb[PODNET_A_MAX + 1], *rtb[PODNET_ROUTE_A_MAX + 1];
	static const uint8_t mac[] = { 2, 0, 0, 0, 0, 0x2a };
	struct nlattr *nests[4];
	struct nl_msg *msg;
	size_t taken;

	(void)state;
	rt.encap = PODNET_ENCAP_VXLAN;
	rt.has_mac = true;
	memcpy(rt.mac, mac, sizeof(mac));
	msg = podnet_genl_route_add_msg(FAMILY, IFINDEX, &rt, 1, 0, false,
					PODNET_ROUTE_MSG_MAX, &taken);
	walk(msg, PODNET_CMD_ROUTE_ADD, 0, tb);
	assert_int_equal(route_nests(msg, nests, 4), 1);
	parse_nest(nests[0], rtb, 5);
	assert_bytes(rtb[PODNET_ROUTE_A_DST6], &rt.dst.v6, 16);
	assert_int_equal(nla_get_u8(rtb[PODNET_ROUTE_A_PLEN]), 64);
	assert_bytes(rtb[PODNET_ROUTE_A_VIA4], &rt.via.v4, 4);
	assert_int_equal(nla_len(rtb[PODNET_ROUTE_A_ENCAP]), 4);
	assert_int_equal(nla_get_u32(rtb[PODNET_ROUTE_A_ENCAP]),
			 PODNET_ENCAP_VXLAN);
	assert_bytes(rtb[PODNET_ROUTE_A_MAC], mac, 6);
	nlmsg_free(msg);
}

static void test_add_generation_and_replace(void **state)
{
	struct podnet_route rt = route_of("fd00:1::", 64, "fd00::11");
	struct nlattr *tb[PODNET_A_MAX + 1], *rtb[PODNET_ROUTE_A_MAX + 1];
	struct nlattr *nests[4];
	struct nl_msg *msg;
	size_t taken;

	(void)state;
	msg = podnet_genl_route_add_msg(FAMILY, IFINDEX, &rt, 1, 0xfffffffe,
					true, PODNET_ROUTE_MSG_MAX, &taken);
	assert_int_equal(walk(msg, PODNET_CMD_ROUTE_ADD, NLM_F_REPLACE, tb), 3);
	assert_non_null(tb[PODNET_A_GENERATION]);
	assert_int_equal(nla_len(tb[PODNET_A_GENERATION]), 4);
	assert_int_equal(nla_get_u32(tb[PODNET_A_GENERATION]), 0xfffffffe);
	assert_int_equal(route_nests(msg, nests, 4), 1);
	parse_nest(nests[0], rtb, 3);
	assert_bytes(rtb[PODNET_ROUTE_A_VIA6], &rt.via.v6, 16);
	nlmsg_free(msg);
}

/* Every route in order across requests, none over max_len bytes. */
static size_t assert_split(const struct podnet_route *routes, size_t n,
			   size_t max_len, bool del)
{
	struct nlattr *tb[PODNET_A_MAX + 1], *rtb[PODNET_ROUTE_A_MAX + 1];
	static struct nlattr *nests[4096];
	size_t done = 0, requests = 0, taken;
	struct nl_msg *msg;
	int i, count;

	while (done < n) {
		msg = del ? podnet_genl_route_del_msg(FAMILY, IFINDEX,
						      routes + done, n - done,
						      max_len, &taken) :
			podnet_genl_route_add_msg(FAMILY, IFINDEX, routes + done,
						  n - done, 7, false, max_len,
						  &taken);
		assert_non_null(msg);
		assert_true(taken > 0 && taken <= n - done);
		assert_true(nlmsg_hdr(msg)->nlmsg_len <= max_len);
		walk(msg, del ? PODNET_CMD_ROUTE_DEL : PODNET_CMD_ROUTE_ADD, 0,
		     tb);
		/* Every request of a batch says its generation. */
		if (!del)
			assert_int_equal(nla_get_u32(tb[PODNET_A_GENERATION]), 7);
		count = route_nests(msg, nests, 4096);
		assert_int_equal(count, taken);
		for (i = 0; i < count; i++) {
			parse_nest(nests[i], rtb, del ? 2 : 3);
			assert_bytes(rtb[PODNET_ROUTE_A_DST4],
				     &routes[done + i].dst.v4, 4);
		}
		/* Not one more route would have fit. */
		if (done + taken < n)
			assert_true(nlmsg_hdr(msg)->nlmsg_len +
				    nla_total_size(del ? 16 : 24) > max_len);
		done += taken;
		requests++;
		nlmsg_free(msg);
	}
	return requests;
}

static void test_batch_split(void **state)
{
	struct podnet_route *routes = numbered_routes(10000);

	(void)state;
	/* 28 bytes for a route to add, headers 36: 583 a request. */
	assert_int_equal(assert_split(routes, 10000, PODNET_ROUTE_MSG_MAX,
				      false), 18);
	assert_int_equal(assert_split(routes, 10000, 1024, false), 286);
	assert_int_equal(assert_split(routes, 3, PODNET_ROUTE_MSG_MAX, false),
			 1);
	free(routes);
}

static void test_del_batch_split(void **state)
{
	struct podnet_route *routes = numbered_routes(5000);

	(void)state;
	/* 20 bytes for a route to delete, headers 28: 817 a request. */
	assert_int_equal(assert_split(routes, 5000, PODNET_ROUTE_MSG_MAX,
				      true), 7);
	free(routes);
}

/* One route more than fits: it goes to the next request. */
static void test_exact_fit(void **state)
{
	struct podnet_route *routes = numbered_routes(3);
	size_t fits_two = NLMSG_HDRLEN + GENL_HDRLEN + nla_total_size(4) +
			  2 * nla_total_size(24);
	struct nl_msg *msg;
	size_t taken;

	(void)state;
	msg = podnet_genl_route_add_msg(FAMILY, IFINDEX, routes, 3, 0, false,
					fits_two, &taken);
	assert_non_null(msg);
	assert_int_equal(taken, 2);
	assert_int_equal(nlmsg_hdr(msg)->nlmsg_len, fits_two);
	nlmsg_free(msg);
	msg = podnet_genl_route_add_msg(FAMILY, IFINDEX, routes, 3, 0, false,
					fits_two - 1, &taken);
	assert_int_equal(taken, 1);
	nlmsg_free(msg);
	free(routes);
}

static void test_first_route_does_not_fit(void **state)
{
	struct podnet_route rt = route_of("10.0.0.0", 8, "192.168.0.1");
	size_t taken;

	(void)state;
	assert_null(podnet_genl_route_add_msg(FAMILY, IFINDEX, &rt, 1, 0, false,
					      40, &taken));
}

static void test_bad_family(void **state)
{
	struct podnet_route *routes = numbered_routes(10);
	size_t taken;

	(void)state;
	routes[0].dst.family = AF_UNIX;
	assert_null(podnet_genl_route_add_msg(FAMILY, IFINDEX, routes, 10, 0,
					      false, PODNET_ROUTE_MSG_MAX,
					      &taken));
	assert_null(podnet_genl_route_del_msg(FAMILY, IFINDEX, routes, 10,
					      PODNET_ROUTE_MSG_MAX, &taken));
	routes[0].dst.family = AF_INET;
	routes[5].via.family = AF_UNSPEC;
	assert_null(podnet_genl_route_add_msg(FAMILY, IFINDEX, routes, 10, 0,
					      false, PODNET_ROUTE_MSG_MAX,
					      &taken));
	free(routes);
}

/* Only the prefix identifies a route to delete. */
static void test_del(void **state)
{
	struct podnet_route rt = route_of("fd00:1::", 64, "192.168.1.11");
	struct nlattr *tb[PODNET_A_MAX + 1], *rtb[PODNET_ROUTE_A_MAX + 1];
	struct nlattr *nests[4];
	struct nl_msg *msg;
	size_t taken;

	(void)state;
	rt.encap = PODNET_ENCAP_IPIP;
	rt.has_mac = true;
	msg = podnet_genl_route_del_msg(FAMILY, IFINDEX, &rt, 1,
					PODNET_ROUTE_MSG_MAX, &taken);
	assert_int_equal(walk(msg, PODNET_CMD_ROUTE_DEL, 0, tb), 2);
	assert_int_equal(route_nests(msg, nests, 4), 1);
	parse_nest(nests[0], rtb, 2);
	assert_bytes(rtb[PODNET_ROUTE_A_DST6], &rt.dst.v6, 16);
	assert_int_equal(nla_get_u8(rtb[PODNET_ROUTE_A_PLEN]), 64);
	nlmsg_free(msg);
}

static void test_no_routes(void **state)
{
	struct nlattr *tb[PODNET_A_MAX + 1];
	struct nl_msg *msg;
	size_t taken = 99;

	(void)state;
	msg = podnet_genl_route_add_msg(FAMILY, IFINDEX, NULL, 0, 0, false,
					PODNET_ROUTE_MSG_MAX, &taken);
	assert_non_null(msg);
	assert_int_equal(taken, 0);
	assert_int_equal(walk(msg, PODNET_CMD_ROUTE_ADD, 0, tb), 1);
	nlmsg_free(msg);
}

static void test_get(void **state)
{
	struct podnet_addr dst = addr_of("10.244.1.7");
	struct nlattr *tb[PODNET_A_MAX + 1], *rtb[PODNET_ROUTE_A_MAX + 1];
	struct nlattr *nests[4];
	struct nl_msg *msg;

	(void)state;
	msg = podnet_genl_route_get_msg(FAMILY, IFINDEX, &dst, -1);
	assert_int_equal(walk(msg, PODNET_CMD_ROUTE_GET, 0, tb), 2);
	assert_int_equal(route_nests(msg, nests, 4), 1);
	parse_nest(nests[0], rtb, 1);
	assert_bytes(rtb[PODNET_ROUTE_A_DST4], &dst.v4, 4);
	nlmsg_free(msg);

	dst = addr_of("fd00:1::");
	msg = podnet_genl_route_get_msg(FAMILY, IFINDEX, &dst, 0);
	walk(msg, PODNET_CMD_ROUTE_GET, 0, tb);
	assert_int_equal(route_nests(msg, nests, 4), 1);
	parse_nest(nests[0], rtb, 2);
	assert_bytes(rtb[PODNET_ROUTE_A_DST6], &dst.v6, 16);
	assert_int_equal(nla_get_u8(rtb[PODNET_ROUTE_A_PLEN]), 0);
	nlmsg_free(msg);

	dst.family = AF_UNIX;
	assert_null(podnet_genl_route_get_msg(FAMILY, IFINDEX, &dst, 8));
}

static void test_dump_and_flush(void **state)
{
	struct nlattr *tb[PODNET_A_MAX + 1];
	uint32_t older_than = 12;
	struct nl_msg *msg;

	(void)state;
	msg = podnet_genl_route_dump_msg(FAMILY, IFINDEX);
	assert_int_equal(walk(msg, PODNET_CMD_ROUTE_GET, NLM_F_DUMP, tb), 1);
	nlmsg_free(msg);
	msg = podnet_genl_route_flush_msg(FAMILY, IFINDEX, NULL);
	assert_int_equal(walk(msg, PODNET_CMD_ROUTE_FLUSH, 0, tb), 1);
	nlmsg_free(msg);
	/* Generation 0 is a generation: older than 0 is half the space. */
	older_than = 0;
	msg = podnet_genl_route_flush_msg(FAMILY, IFINDEX, &older_than);
	assert_int_equal(walk(msg, PODNET_CMD_ROUTE_FLUSH, 0, tb), 2);
	assert_int_equal(nla_get_u32(tb[PODNET_A_GENERATION]), 0);
	nlmsg_free(msg);
}

/* Any byte of a route's nest, its own or its attributes', names it. */
static void test_route_at_offset(void **state)
{
	struct podnet_route *routes = numbered_routes(100);
	const struct nlmsghdr *nlh;
	struct nlattr *nests[128];
	struct nl_msg *msg;
	uint32_t start;
	size_t taken;
	int i, n;

	(void)state;
	msg = podnet_genl_route_add_msg(FAMILY, IFINDEX, routes, 100, 3, false,
					PODNET_ROUTE_MSG_MAX, &taken);
	nlh = nlmsg_hdr(msg);
	n = route_nests(msg, nests, 128);
	assert_int_equal(n, 100);
	for (i = 0; i < n; i++) {
		start = (const char *)nests[i] - (const char *)nlh;
		assert_int_equal(podnet_route_at_offset(nlh, start), i);
		assert_int_equal(podnet_route_at_offset(nlh, start + 4), i);
		assert_int_equal(podnet_route_at_offset(nlh, start + 12), i);
		assert_int_equal(podnet_route_at_offset(nlh,
							start + nests[i]->nla_len - 1),
				 i);
	}
	/* Headers, the ifindex and generation are no route's; nor past the end. */
	assert_int_equal(podnet_route_at_offset(nlh, 0), -1);
	assert_int_equal(podnet_route_at_offset(nlh, NLMSG_HDRLEN + GENL_HDRLEN),
			 -1);
	assert_int_equal(podnet_route_at_offset(nlh, nlh->nlmsg_len), -1);
	assert_int_equal(podnet_route_at_offset(nlh, UINT32_MAX), -1);
	nlmsg_free(msg);
	free(routes);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_add_one_ipv4),
		cmocka_unit_test(test_add_ipv6_over_ipv4_encap_mac),
		cmocka_unit_test(test_add_generation_and_replace),
		cmocka_unit_test(test_batch_split),
		cmocka_unit_test(test_del_batch_split),
		cmocka_unit_test(test_exact_fit),
		cmocka_unit_test(test_first_route_does_not_fit),
		cmocka_unit_test(test_bad_family),
		cmocka_unit_test(test_del),
		cmocka_unit_test(test_no_routes),
		cmocka_unit_test(test_get),
		cmocka_unit_test(test_dump_and_flush),
		cmocka_unit_test(test_route_at_offset),
	};

	return cmocka_run_group_tests_name("route requests", tests, NULL, NULL);
}
