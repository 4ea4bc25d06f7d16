// SPDX-License-Identifier: GPL-2.0
/* The generic netlink requests libpodnet builds, walked with libnl. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <arpa/inet.h>
#include <cmocka.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include "podnet.h"

#define FAMILY 0x1c
#define IFINDEX 5

struct request {
	struct nl_msg *msg;
	struct nlmsghdr *nlh;
	struct nlattr *tb[PODNET_A_MAX + 1];
	int attr_count;
};

/* Checks the headers and indexes the top-level attributes. */
static void walk(struct nl_msg *msg, uint8_t cmd, int flags,
		 struct request *req)
{
	struct genlmsghdr *ghdr;
	struct nlattr *nla;
	int rem;

	memset(req, 0, sizeof(*req));
	assert_non_null(msg);
	req->msg = msg;
	req->nlh = nlmsg_hdr(msg);
	assert_int_equal(req->nlh->nlmsg_type, FAMILY);
	assert_int_equal(req->nlh->nlmsg_flags, NLM_F_REQUEST | flags);
	ghdr = nlmsg_data(req->nlh);
	assert_int_equal(ghdr->cmd, cmd);
	assert_int_equal(ghdr->version, PODNET_GENL_VERSION);
	assert_int_equal(ghdr->reserved, 0);
	assert_int_equal(genlmsg_parse(req->nlh, 0, req->tb, PODNET_A_MAX, NULL), 0);
	nlmsg_for_each_attr(nla, req->nlh, GENL_HDRLEN, rem)
		req->attr_count++;
}

static void assert_u32(struct nlattr *nla, uint32_t value)
{
	assert_non_null(nla);
	assert_int_equal(nla_len(nla), sizeof(uint32_t));
	assert_int_equal(nla_get_u32(nla), value);
}

/* The kernel's strict validation wants NLA_F_NESTED on every nest. */
static void parse_nest(struct nlattr *nest, struct nlattr **tb, int max,
		       int count)
{
	struct nlattr *nla;
	int rem, n = 0;

	assert_non_null(nest);
	assert_true(nest->nla_type & NLA_F_NESTED);
	assert_int_equal(nla_parse_nested(tb, max, nest, NULL), 0);
	nla_for_each_nested(nla, nest, rem)
		n++;
	assert_int_equal(n, count);
}

/* A request about one device carries its ifindex, and extra more. */
static void assert_dev_request(struct nl_msg *msg, uint8_t cmd, int flags,
			       int extra, struct request *req)
{
	walk(msg, cmd, flags, req);
	assert_u32(req->tb[PODNET_A_IFINDEX], IFINDEX);
	assert_int_equal(req->attr_count, 1 + extra);
}

static void test_dev_get(void **state)
{
	struct request req;

	(void)state;
	assert_dev_request(podnet_genl_dev_get_msg(FAMILY, IFINDEX),
			   PODNET_CMD_DEV_GET, 0, 0, &req);
	nlmsg_free(req.msg);
}

static void test_dev_dump(void **state)
{
	struct request req;

	(void)state;
	walk(podnet_genl_dev_dump_msg(FAMILY), PODNET_CMD_DEV_GET, NLM_F_DUMP,
	     &req);
	assert_int_equal(req.attr_count, 0);
	nlmsg_free(req.msg);
}

static void test_dev_set_mode(void **state)
{
	struct podnet_dev_params p = { .mode_set = true,
				       .mode = PODNET_MODE_BRIDGE };
	struct request req;

	(void)state;
	assert_dev_request(podnet_genl_dev_set_msg(FAMILY, IFINDEX, &p),
			   PODNET_CMD_DEV_SET, 0, 1, &req);
	assert_u32(req.tb[PODNET_A_MODE], PODNET_MODE_BRIDGE);
	nlmsg_free(req.msg);
}

static void test_dev_set_ageing(void **state)
{
	struct podnet_dev_params p = { .ageing_time_set = true,
				       .ageing_time = 42,
				       .mode = PODNET_MODE_ROUTED };
	struct request req;

	(void)state;
	assert_dev_request(podnet_genl_dev_set_msg(FAMILY, IFINDEX, &p),
			   PODNET_CMD_DEV_SET, 0, 1, &req);
	assert_u32(req.tb[PODNET_A_AGEING_TIME], 42);
	assert_null(req.tb[PODNET_A_MODE]);
	nlmsg_free(req.msg);
}

static void test_dev_set_both(void **state)
{
	struct podnet_dev_params p = { .mode_set = true,
				       .mode = PODNET_MODE_ROUTED,
				       .ageing_time_set = true,
				       .ageing_time = 600 };
	struct request req;

	(void)state;
	assert_dev_request(podnet_genl_dev_set_msg(FAMILY, IFINDEX, &p),
			   PODNET_CMD_DEV_SET, 0, 2, &req);
	assert_u32(req.tb[PODNET_A_MODE], PODNET_MODE_ROUTED);
	assert_u32(req.tb[PODNET_A_AGEING_TIME], 600);
	nlmsg_free(req.msg);
}

static void test_dev_set_overlay(void **state)
{
	struct podnet_dev_params p = {
		.overlay = {
			.encap_set = true, .encap = PODNET_ENCAP_IPIP,
			.cross_subnet_set = true, .cross_subnet = false,
			.vni_set = true, .vni = PODNET_VNI_MAX,
			.vxlan_port_set = true, .vxlan_port = 8472,
			.local6_set = true,
			.local6 = { .s6_addr = { 0xfd, [15] = 1 } },
			.routes_max_set = true, .routes_max = 7,
		},
	};
	struct request req;

	(void)state;
	assert_dev_request(podnet_genl_dev_set_msg(FAMILY, IFINDEX, &p),
			   PODNET_CMD_DEV_SET, 0, 6, &req);
	assert_u32(req.tb[PODNET_A_ENCAP], PODNET_ENCAP_IPIP);
	assert_int_equal(nla_len(req.tb[PODNET_A_CROSS_SUBNET]), 1);
	assert_int_equal(nla_get_u8(req.tb[PODNET_A_CROSS_SUBNET]), 0);
	assert_u32(req.tb[PODNET_A_VNI], PODNET_VNI_MAX);
	assert_int_equal(nla_len(req.tb[PODNET_A_VXLAN_PORT]), 2);
	assert_int_equal(nla_get_u16(req.tb[PODNET_A_VXLAN_PORT]), 8472);
	assert_int_equal(nla_len(req.tb[PODNET_A_LOCAL6]), 16);
	assert_memory_equal(nla_data(req.tb[PODNET_A_LOCAL6]), &p.overlay.local6,
			    16);
	assert_u32(req.tb[PODNET_A_ROUTES_MAX], 7);
	assert_null(req.tb[PODNET_A_LOCAL4]);
	assert_null(req.tb[PODNET_A_UNDERLAY]);
	assert_null(req.tb[PODNET_A_MODE]);
	nlmsg_free(req.msg);
}

static void test_dumps_about_one_device(void **state)
{
	struct {
		struct nl_msg *(*build)(int family, int ifindex);
		uint8_t cmd;
	} dumps[] = {
		{ podnet_genl_port_dump_msg, PODNET_CMD_PORT_GET },
		{ podnet_genl_endpoint_dump_msg, PODNET_CMD_ENDPOINT_GET },
		{ podnet_genl_fdb_dump_msg, PODNET_CMD_FDB_GET },
	};
	struct request req;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(dumps) / sizeof(dumps[0]); i++) {
		assert_dev_request(dumps[i].build(FAMILY, IFINDEX), dumps[i].cmd,
				   NLM_F_DUMP, 0, &req);
		nlmsg_free(req.msg);
	}
}

static void test_stats_get(void **state)
{
	struct request req;

	(void)state;
	assert_dev_request(podnet_genl_stats_get_msg(FAMILY, IFINDEX),
			   PODNET_CMD_STATS_GET, 0, 0, &req);
	nlmsg_free(req.msg);
}

static void assert_port_set(bool hairpin)
{
	struct podnet_port port = { .ifindex = 9, .hairpin = hairpin };
	struct nlattr *tb[PODNET_PORT_A_MAX + 1];
	struct request req;

	assert_dev_request(podnet_genl_port_set_msg(FAMILY, IFINDEX, &port),
			   PODNET_CMD_PORT_SET, 0, 1, &req);
	parse_nest(req.tb[PODNET_A_PORT], tb, PODNET_PORT_A_MAX, 2);
	assert_u32(tb[PODNET_PORT_A_IFINDEX], 9);
	assert_non_null(tb[PODNET_PORT_A_HAIRPIN]);
	assert_int_equal(nla_len(tb[PODNET_PORT_A_HAIRPIN]), 1);
	assert_int_equal(nla_get_u8(tb[PODNET_PORT_A_HAIRPIN]), hairpin);
	nlmsg_free(req.msg);
}

static void test_port_set(void **state)
{
	(void)state;
	assert_port_set(true);
	assert_port_set(false);
}

static struct podnet_addr addr_of(const char *s)
{
	struct podnet_addr addr = { .family = strchr(s, ':') ? AF_INET6 : AF_INET };

	assert_int_equal(inet_pton(addr.family, s, &addr.v6), 1);
	return addr;
}

static void test_endpoint_add_ipv4(void **state)
{
	struct podnet_endpoint ep = { .addr = addr_of("10.0.0.2"),
				      .port_ifindex = 9 };
	struct nlattr *tb[PODNET_EP_A_MAX + 1];
	struct request req;

	(void)state;
	assert_dev_request(podnet_genl_endpoint_add_msg(FAMILY, IFINDEX, &ep,
							false),
			   PODNET_CMD_ENDPOINT_ADD, 0, 1, &req);
	parse_nest(req.tb[PODNET_A_ENDPOINT], tb, PODNET_EP_A_MAX, 2);
	assert_non_null(tb[PODNET_EP_A_IPV4]);
	assert_int_equal(nla_len(tb[PODNET_EP_A_IPV4]), 4);
	assert_memory_equal(nla_data(tb[PODNET_EP_A_IPV4]), &ep.addr.v4, 4);
	assert_u32(tb[PODNET_EP_A_PORT], 9);
	nlmsg_free(req.msg);
}

static void test_endpoint_add_ipv6_mac_replace(void **state)
{
	struct podnet_endpoint ep = { .addr = addr_of("fd00::2"),
				      .port_ifindex = 9, .has_mac = true,
				      .mac = { 2, 0, 0, 0, 0, 0x2a } };
	struct nlattr *tb[PODNET_EP_A_MAX + 1];
	struct request req;

	(void)state;
	assert_dev_request(podnet_genl_endpoint_add_msg(FAMILY, IFINDEX, &ep,
							true),
			   PODNET_CMD_ENDPOINT_ADD, NLM_F_REPLACE, 1, &req);
	parse_nest(req.tb[PODNET_A_ENDPOINT], tb, PODNET_EP_A_MAX, 3);
	assert_non_null(tb[PODNET_EP_A_IPV6]);
	assert_int_equal(nla_len(tb[PODNET_EP_A_IPV6]), 16);
	assert_memory_equal(nla_data(tb[PODNET_EP_A_IPV6]), &ep.addr.v6, 16);
	assert_u32(tb[PODNET_EP_A_PORT], 9);
	assert_non_null(tb[PODNET_EP_A_MAC]);
	assert_int_equal(nla_len(tb[PODNET_EP_A_MAC]), PODNET_MAC_LEN);
	assert_memory_equal(nla_data(tb[PODNET_EP_A_MAC]), ep.mac, PODNET_MAC_LEN);
	nlmsg_free(req.msg);
}

static void assert_endpoint_del(const char *s, int type, int len)
{
	struct podnet_addr addr = addr_of(s);
	struct nlattr *tb[PODNET_EP_A_MAX + 1];
	struct request req;

	assert_dev_request(podnet_genl_endpoint_del_msg(FAMILY, IFINDEX, &addr),
			   PODNET_CMD_ENDPOINT_DEL, 0, 1, &req);
	parse_nest(req.tb[PODNET_A_ENDPOINT], tb, PODNET_EP_A_MAX, 1);
	assert_non_null(tb[type]);
	assert_int_equal(nla_len(tb[type]), len);
	assert_memory_equal(nla_data(tb[type]), &addr.v6, len);
	nlmsg_free(req.msg);
}

static void test_endpoint_del(void **state)
{
	(void)state;
	assert_endpoint_del("10.0.0.2", PODNET_EP_A_IPV4, 4);
	assert_endpoint_del("fd00::2", PODNET_EP_A_IPV6, 16);
}

static void test_endpoint_bad_family(void **state)
{
	struct podnet_endpoint ep = { .addr.family = AF_UNIX, .port_ifindex = 9 };

	(void)state;
	assert_null(podnet_genl_endpoint_add_msg(FAMILY, IFINDEX, &ep, false));
	assert_null(podnet_genl_endpoint_del_msg(FAMILY, IFINDEX, &ep.addr));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dev_get),
		cmocka_unit_test(test_dev_dump),
		cmocka_unit_test(test_dev_set_mode),
		cmocka_unit_test(test_dev_set_ageing),
		cmocka_unit_test(test_dev_set_both),
		cmocka_unit_test(test_dev_set_overlay),
		cmocka_unit_test(test_dumps_about_one_device),
		cmocka_unit_test(test_stats_get),
		cmocka_unit_test(test_port_set),
		cmocka_unit_test(test_endpoint_add_ipv4),
		cmocka_unit_test(test_endpoint_add_ipv6_mac_replace),
		cmocka_unit_test(test_endpoint_del),
		cmocka_unit_test(test_endpoint_bad_family),
	};

	return cmocka_run_group_tests_name("genl requests", tests, NULL, NULL);
}
