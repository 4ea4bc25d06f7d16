// SPDX-License-Identifier: GPL-2.0
/* Parsing DEV_GET replies: good, missing attributes, wrong sizes, cut. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <errno.h>
#include <string.h>
#include <arpa/inet.h>
#include <cmocka.h>

#include "genl_reply.h"

static const struct podnet_dev untouched = { .ifindex = -1, .name = "x" };

/* Every attribute the uapi promises, except skip (0: none). */
static struct nl_msg *dev_reply_without(int skip)
{
	struct nl_msg *msg = genl_reply_new(PODNET_CMD_DEV_GET);
	static const struct {
		int type;
		uint32_t value;
	} u32s[] = {
		{ PODNET_A_IFINDEX, 5 },
		{ PODNET_A_MODE, PODNET_MODE_ROUTED },
		{ PODNET_A_AGEING_TIME, 300 },
		{ PODNET_A_PORT_COUNT, 2 },
		{ PODNET_A_ENDPOINT_COUNT, 3 },
		{ PODNET_A_FDB_COUNT, 4 },
		{ PODNET_A_ROUTE_COUNT, 5 },
		{ PODNET_A_ENCAP, PODNET_ENCAP_VXLAN },
		{ PODNET_A_VNI, 7 },
		{ PODNET_A_ROUTES_MAX, 100 },
	};
	size_t i;

	for (i = 0; i < sizeof(u32s) / sizeof(u32s[0]); i++)
		if (u32s[i].type != skip)
			assert_int_equal(nla_put_u32(msg, u32s[i].type,
						     u32s[i].value), 0);
	if (skip != PODNET_A_IFNAME)
		assert_int_equal(nla_put_string(msg, PODNET_A_IFNAME, "podnet0"), 0);
	if (skip != PODNET_A_CROSS_SUBNET)
		assert_int_equal(nla_put_u8(msg, PODNET_A_CROSS_SUBNET, 0), 0);
	if (skip != PODNET_A_VXLAN_PORT)
		assert_int_equal(nla_put_u16(msg, PODNET_A_VXLAN_PORT, 4789), 0);
	return msg;
}

static void assert_parse_fails(struct nl_msg *msg)
{
	struct podnet_dev dev;

	/* Padding too: a struct assignment need not copy it. */
	memcpy(&dev, &untouched, sizeof(dev));
	assert_int_equal(podnet_genl_dev_parse(nlmsg_hdr(msg), &dev), -EBADMSG);
	assert_memory_equal(&dev, &untouched, sizeof(dev));
	nlmsg_free(msg);
}

static void test_good(void **state)
{
	struct nl_msg *msg = dev_reply_without(0);
	struct podnet_dev dev = untouched;

	(void)state;
	assert_int_equal(podnet_genl_dev_parse(nlmsg_hdr(msg), &dev), 0);
	assert_int_equal(dev.ifindex, 5);
	assert_string_equal(dev.name, "podnet0");
	assert_int_equal(dev.mode, PODNET_MODE_ROUTED);
	assert_int_equal(dev.ageing_time, 300);
	assert_int_equal(dev.port_count, 2);
	assert_int_equal(dev.endpoint_count, 3);
	assert_int_equal(dev.fdb_count, 4);
	assert_int_equal(dev.route_count, 5);
	assert_int_equal(dev.overlay.encap, PODNET_ENCAP_VXLAN);
	assert_false(dev.overlay.cross_subnet);
	assert_int_equal(dev.overlay.vni, 7);
	assert_int_equal(dev.overlay.vxlan_port, 4789);
	assert_int_equal(dev.overlay.routes_max, 100);
	assert_false(dev.overlay.has_local4);
	assert_false(dev.overlay.has_local6);
	assert_int_equal(dev.overlay.underlay, 0);
	nlmsg_free(msg);
}

static void test_local_and_underlay(void **state)
{
	struct nl_msg *msg = dev_reply_without(0);
	struct podnet_dev dev = untouched;
	struct in_addr local4 = { htonl(0xc0000201) };

	(void)state;
	assert_int_equal(nla_put(msg, PODNET_A_LOCAL4, 4, &local4), 0);
	assert_int_equal(nla_put_u32(msg, PODNET_A_UNDERLAY, 2), 0);
	assert_int_equal(podnet_genl_dev_parse(nlmsg_hdr(msg), &dev), 0);
	assert_true(dev.overlay.has_local4);
	assert_int_equal(dev.overlay.local4.s_addr, local4.s_addr);
	assert_false(dev.overlay.has_local6);
	assert_int_equal(dev.overlay.underlay, 2);
	nlmsg_free(msg);
}

static void test_overlay_malformed(void **state)
{
	struct nl_msg *msg;

	(void)state;
	msg = dev_reply_without(PODNET_A_ENCAP);
	assert_int_equal(nla_put_u32(msg, PODNET_A_ENCAP, PODNET_ENCAP_MAX + 1), 0);
	assert_parse_fails(msg);
	msg = dev_reply_without(PODNET_A_VXLAN_PORT);
	assert_int_equal(nla_put_u32(msg, PODNET_A_VXLAN_PORT, 4789), 0);
	assert_parse_fails(msg);
	msg = dev_reply_without(0);
	assert_int_equal(nla_put(msg, PODNET_A_LOCAL6, 4, "\0\0\0\1"), 0);
	assert_parse_fails(msg);
	msg = dev_reply_without(PODNET_A_ROUTE_COUNT);
	assert_int_equal(nla_put_u16(msg, PODNET_A_ROUTE_COUNT, 1), 0);
	assert_parse_fails(msg);
}

/* A newer module may report more: that is not an error. */
static void test_unknown_attr_ignored(void **state)
{
	struct nl_msg *msg = dev_reply_without(0);
	struct podnet_dev dev = untouched;

	(void)state;
	assert_int_equal(nla_put_u64(msg, PODNET_A_MAX + 3, 1), 0);
	assert_int_equal(podnet_genl_dev_parse(nlmsg_hdr(msg), &dev), 0);
	assert_int_equal(dev.ifindex, 5);
	nlmsg_free(msg);
}

static void test_each_attr_required(void **state)
{
	static const int required[] = {
		PODNET_A_IFINDEX, PODNET_A_IFNAME, PODNET_A_MODE,
		PODNET_A_AGEING_TIME, PODNET_A_PORT_COUNT,
		PODNET_A_ENDPOINT_COUNT, PODNET_A_FDB_COUNT,
		PODNET_A_ROUTE_COUNT, PODNET_A_ENCAP, PODNET_A_CROSS_SUBNET,
		PODNET_A_VNI, PODNET_A_VXLAN_PORT, PODNET_A_ROUTES_MAX,
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(required) / sizeof(required[0]); i++)
		assert_parse_fails(dev_reply_without(required[i]));
}

static void test_u32_wrong_size(void **state)
{
	struct nl_msg *msg;

	(void)state;
	msg = dev_reply_without(PODNET_A_MODE);
	assert_int_equal(nla_put_u64(msg, PODNET_A_MODE, 1), 0);
	assert_parse_fails(msg);
	msg = dev_reply_without(PODNET_A_AGEING_TIME);
	assert_int_equal(nla_put_u16(msg, PODNET_A_AGEING_TIME, 300), 0);
	assert_parse_fails(msg);
}

static void test_name_not_terminated(void **state)
{
	struct nl_msg *msg = dev_reply_without(PODNET_A_IFNAME);

	(void)state;
	assert_int_equal(nla_put(msg, PODNET_A_IFNAME, 7, "podnet0"), 0);
	assert_parse_fails(msg);
}

static void test_name_too_long(void **state)
{
	struct nl_msg *msg = dev_reply_without(PODNET_A_IFNAME);

	(void)state;
	assert_int_equal(nla_put_string(msg, PODNET_A_IFNAME,
					"sixteen-chars-xx"), 0);
	assert_parse_fails(msg);
}

static void test_mode_out_of_range(void **state)
{
	struct nl_msg *msg = dev_reply_without(PODNET_A_MODE);

	(void)state;
	assert_int_equal(nla_put_u32(msg, PODNET_A_MODE, PODNET_MODE_MAX + 1), 0);
	assert_parse_fails(msg);
}

static void test_ifindex_zero(void **state)
{
	struct nl_msg *msg = dev_reply_without(PODNET_A_IFINDEX);

	(void)state;
	assert_int_equal(nla_put_u32(msg, PODNET_A_IFINDEX, 0), 0);
	assert_parse_fails(msg);
}

static void test_truncated(void **state)
{
	(void)state;
	assert_parse_fails(genl_reply_cut(dev_reply_without(0), 4));
}

static void test_no_genl_header(void **state)
{
	struct nl_msg *msg = dev_reply_without(0);

	(void)state;
	nlmsg_hdr(msg)->nlmsg_len = NLMSG_LENGTH(GENL_HDRLEN - 1);
	assert_parse_fails(msg);
}

static void test_control_message(void **state)
{
	struct nl_msg *msg = dev_reply_without(0);

	(void)state;
	nlmsg_hdr(msg)->nlmsg_type = NLMSG_DONE;
	assert_parse_fails(msg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_unknown_attr_ignored),
		cmocka_unit_test(test_local_and_underlay),
		cmocka_unit_test(test_overlay_malformed),
		cmocka_unit_test(test_each_attr_required),
		cmocka_unit_test(test_u32_wrong_size),
		cmocka_unit_test(test_name_not_terminated),
		cmocka_unit_test(test_name_too_long),
		cmocka_unit_test(test_mode_out_of_range),
		cmocka_unit_test(test_ifindex_zero),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_no_genl_header),
		cmocka_unit_test(test_control_message),
	};

	return cmocka_run_group_tests_name("genl device replies", tests,
					   NULL, NULL);
}
