// SPDX-License-Identifier: GPL-2.0
/* Parsing ENDPOINT_GET replies: PODNET_A_ENDPOINT { IPV4|IPV6, PORT, MAC }. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <errno.h>
#include <string.h>
#include <arpa/inet.h>
#include <cmocka.h>

#include "genl_reply.h"

static const struct podnet_endpoint untouched = { .port_ifindex = -1 };
static const uint8_t mac[PODNET_MAC_LEN] = { 0x02, 0, 0, 0, 0, 0x2a };

struct ep_attrs {
	int v4_len;		/* 0: no IPV4 attribute */
	int v6_len;		/* 0: no IPV6 attribute */
	bool port;
	int mac_len;		/* 0: no MAC attribute */
};

static struct nl_msg *endpoint_reply(const struct ep_attrs *a)
{
	struct nl_msg *msg = genl_reply_new(PODNET_CMD_ENDPOINT_GET);
	uint8_t v4[16] = { 10, 0, 0, 2 };
	struct in6_addr v6;
	struct nlattr *nest;

	assert_int_equal(inet_pton(AF_INET6, "fd00::2", &v6), 1);
	nest = nla_nest_start(msg, PODNET_A_ENDPOINT);
	if (a->v4_len)
		assert_int_equal(nla_put(msg, PODNET_EP_A_IPV4, a->v4_len, v4), 0);
	if (a->v6_len)
		assert_int_equal(nla_put(msg, PODNET_EP_A_IPV6, a->v6_len, &v6), 0);
	if (a->port)
		assert_int_equal(nla_put_u32(msg, PODNET_EP_A_PORT, 7), 0);
	if (a->mac_len)
		assert_int_equal(nla_put(msg, PODNET_EP_A_MAC, a->mac_len, mac), 0);
	assert_int_equal(nla_nest_end(msg, nest), 0);
	return msg;
}

static void assert_msg_fails(struct nl_msg *msg)
{
	struct podnet_endpoint ep;

	/* Padding too: a struct assignment need not copy it. */
	memcpy(&ep, &untouched, sizeof(ep));
	assert_int_equal(podnet_genl_endpoint_parse(nlmsg_hdr(msg), &ep),
			 -EBADMSG);
	assert_memory_equal(&ep, &untouched, sizeof(ep));
	nlmsg_free(msg);
}

static void assert_parse_fails(const struct ep_attrs *a)
{
	assert_msg_fails(endpoint_reply(a));
}

static void test_ipv4_without_mac(void **state)
{
	struct nl_msg *msg = endpoint_reply(&(struct ep_attrs){
		.v4_len = 4, .port = true });
	struct podnet_endpoint ep = untouched;

	(void)state;
	assert_int_equal(podnet_genl_endpoint_parse(nlmsg_hdr(msg), &ep), 0);
	assert_int_equal(ep.addr.family, AF_INET);
	assert_int_equal(ep.addr.v4.s_addr, inet_addr("10.0.0.2"));
	assert_int_equal(ep.port_ifindex, 7);
	assert_false(ep.has_mac);
	nlmsg_free(msg);
}

static void test_ipv6_with_mac(void **state)
{
	struct nl_msg *msg = endpoint_reply(&(struct ep_attrs){
		.v6_len = 16, .port = true, .mac_len = 6 });
	struct podnet_endpoint ep = untouched;
	struct in6_addr v6;

	(void)state;
	assert_int_equal(inet_pton(AF_INET6, "fd00::2", &v6), 1);
	assert_int_equal(podnet_genl_endpoint_parse(nlmsg_hdr(msg), &ep), 0);
	assert_int_equal(ep.addr.family, AF_INET6);
	assert_memory_equal(&ep.addr.v6, &v6, sizeof(v6));
	assert_int_equal(ep.port_ifindex, 7);
	assert_true(ep.has_mac);
	assert_memory_equal(ep.mac, mac, sizeof(mac));
	nlmsg_free(msg);
}

static void test_both_addresses(void **state)
{
	(void)state;
	assert_parse_fails(&(struct ep_attrs){
		.v4_len = 4, .v6_len = 16, .port = true });
}

static void test_no_address(void **state)
{
	(void)state;
	assert_parse_fails(&(struct ep_attrs){ .port = true, .mac_len = 6 });
}

static void test_missing_port(void **state)
{
	(void)state;
	assert_parse_fails(&(struct ep_attrs){ .v4_len = 4, .mac_len = 6 });
}

static void test_wrong_sizes(void **state)
{
	(void)state;
	assert_parse_fails(&(struct ep_attrs){ .v4_len = 16, .port = true });
	assert_parse_fails(&(struct ep_attrs){ .v4_len = 3, .port = true });
	assert_parse_fails(&(struct ep_attrs){ .v6_len = 4, .port = true });
	assert_parse_fails(&(struct ep_attrs){
		.v4_len = 4, .port = true, .mac_len = 5 });
}

static void test_no_endpoint_nest(void **state)
{
	(void)state;
	assert_msg_fails(genl_reply_new(PODNET_CMD_ENDPOINT_GET));
}

static void test_truncated(void **state)
{
	(void)state;
	assert_msg_fails(genl_reply_cut(endpoint_reply(&(struct ep_attrs){
		.v4_len = 4, .port = true, .mac_len = 6 }), 4));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ipv4_without_mac),
		cmocka_unit_test(test_ipv6_with_mac),
		cmocka_unit_test(test_both_addresses),
		cmocka_unit_test(test_no_address),
		cmocka_unit_test(test_missing_port),
		cmocka_unit_test(test_wrong_sizes),
		cmocka_unit_test(test_no_endpoint_nest),
		cmocka_unit_test(test_truncated),
	};

	return cmocka_run_group_tests_name("genl endpoint replies", tests,
					   NULL, NULL);
}
