// SPDX-License-Identifier: GPL-2.0
/* Parsing RTM_NEWLINK replies crafted here with libnl, good and bad. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <errno.h>
#include <arpa/inet.h>
#include <cmocka.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <netlink/attr.h>
#include <netlink/msg.h>

#include "podnet.h"

#define IFINDEX 7

/* Shows that a failing parse leaves the caller's info alone. */
static const struct podnet_link_info untouched = { .ifindex = -1, .mode = 99 };

static struct nl_msg *reply_new(int type)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC, .ifi_index = IFINDEX };
	struct nl_msg *msg = nlmsg_alloc_simple(type, 0);

	assert_non_null(msg);
	assert_int_equal(nlmsg_append(msg, &ifi, sizeof(ifi), NLMSG_ALIGNTO), 0);
	assert_int_equal(nla_put_string(msg, IFLA_IFNAME, "podnet0"), 0);
	return msg;
}

#define AGEING 1234

static struct nl_msg *reply_open(const char *kind, struct nlattr **linkinfo,
				 struct nlattr **data)
{
	struct nl_msg *msg = reply_new(RTM_NEWLINK);

	*linkinfo = nla_nest_start(msg, IFLA_LINKINFO);
	assert_int_equal(nla_put_string(msg, IFLA_INFO_KIND, kind), 0);
	*data = nla_nest_start(msg, IFLA_INFO_DATA);
	return msg;
}

static struct nl_msg *reply_close(struct nl_msg *msg, struct nlattr *linkinfo,
				  struct nlattr *data)
{
	nla_nest_end(msg, data);
	nla_nest_end(msg, linkinfo);
	return msg;
}

/* The overlay settings the module always reports, but skip (0: none). */
static void put_overlay(struct nl_msg *msg, int skip)
{
	if (skip != IFLA_PODNET_ENCAP)
		assert_int_equal(nla_put_u32(msg, IFLA_PODNET_ENCAP,
					     PODNET_ENCAP_IPIP), 0);
	if (skip != IFLA_PODNET_CROSS_SUBNET)
		assert_int_equal(nla_put_u8(msg, IFLA_PODNET_CROSS_SUBNET, 1), 0);
	if (skip != IFLA_PODNET_VNI)
		assert_int_equal(nla_put_u32(msg, IFLA_PODNET_VNI, 42), 0);
	if (skip != IFLA_PODNET_VXLAN_PORT)
		assert_int_equal(nla_put_u16(msg, IFLA_PODNET_VXLAN_PORT, 8472),
				 0);
	if (skip != IFLA_PODNET_ROUTES_MAX)
		assert_int_equal(nla_put_u32(msg, IFLA_PODNET_ROUTES_MAX, 1000),
				 0);
}

/*
 * A reply of kind "kind" whose IFLA_INFO_DATA holds a good ageing time and
 * overlay settings, then the one attribute given, instead of its like.
 */
static struct nl_msg *reply_with_data(const char *kind, int type,
				      const void *payload, int len)
{
	struct nlattr *linkinfo, *data;
	struct nl_msg *msg = reply_open(kind, &linkinfo, &data);

	assert_int_equal(nla_put_u32(msg, IFLA_PODNET_AGEING_TIME, AGEING), 0);
	put_overlay(msg, type);
	assert_int_equal(nla_put(msg, type, len, payload), 0);
	return reply_close(msg, linkinfo, data);
}

static struct nl_msg *reply_with_mode(uint32_t mode)
{
	return reply_with_data("podnet", IFLA_PODNET_MODE, &mode, sizeof(mode));
}

static void assert_parse_fails(struct nl_msg *msg, int err)
{
	struct podnet_link_info info = untouched;

	assert_int_equal(podnet_link_parse(nlmsg_hdr(msg), &info), err);
	assert_memory_equal(&info, &untouched, sizeof(info));
	nlmsg_free(msg);
}

static void assert_parses_mode(enum podnet_mode mode)
{
	struct nl_msg *msg = reply_with_mode(mode);
	struct podnet_link_info info = untouched;

	assert_int_equal(podnet_link_parse(nlmsg_hdr(msg), &info), 0);
	assert_int_equal(info.ifindex, IFINDEX);
	assert_int_equal(info.mode, mode);
	assert_int_equal(info.ageing_time, AGEING);
	assert_int_equal(info.overlay.encap, PODNET_ENCAP_IPIP);
	assert_true(info.overlay.cross_subnet);
	assert_int_equal(info.overlay.vni, 42);
	assert_int_equal(info.overlay.vxlan_port, 8472);
	assert_int_equal(info.overlay.routes_max, 1000);
	assert_false(info.overlay.has_local4);
	assert_false(info.overlay.has_local6);
	assert_int_equal(info.overlay.underlay, 0);
	nlmsg_free(msg);
}

static void test_podnet_bridge(void **state)
{
	(void)state;
	assert_parses_mode(PODNET_MODE_BRIDGE);
}

static void test_podnet_routed(void **state)
{
	(void)state;
	assert_parses_mode(PODNET_MODE_ROUTED);
}

/* veth's attribute 1 is VETH_INFO_PEER: it must not read as a mode. */
static void test_other_kind(void **state)
{
	uint32_t v = PODNET_MODE_ROUTED;

	(void)state;
	assert_parse_fails(reply_with_data("veth", 1, &v, sizeof(v)),
			   -EMEDIUMTYPE);
}

static void test_no_linkinfo(void **state)
{
	(void)state;
	assert_parse_fails(reply_new(RTM_NEWLINK), -EMEDIUMTYPE);
}

static void test_linkinfo_without_kind(void **state)
{
	struct nl_msg *msg = reply_new(RTM_NEWLINK);
	struct nlattr *linkinfo = nla_nest_start(msg, IFLA_LINKINFO);

	(void)state;
	assert_int_equal(nla_put_u32(msg, IFLA_INFO_SLAVE_KIND, 0), 0);
	nla_nest_end(msg, linkinfo);
	assert_parse_fails(msg, -EMEDIUMTYPE);
}

static void test_podnet_without_data(void **state)
{
	struct nl_msg *msg = reply_new(RTM_NEWLINK);
	struct nlattr *linkinfo = nla_nest_start(msg, IFLA_LINKINFO);

	(void)state;
	assert_int_equal(nla_put_string(msg, IFLA_INFO_KIND, "podnet"), 0);
	nla_nest_end(msg, linkinfo);
	assert_parse_fails(msg, -EBADMSG);
}

static void test_podnet_data_without_mode(void **state)
{
	uint32_t v = 0;

	(void)state;
	assert_parse_fails(reply_with_data("podnet", IFLA_PODNET_MAX + 1, &v,
					   sizeof(v)), -EBADMSG);
}

static void test_mode_wrong_size(void **state)
{
	uint64_t wide = PODNET_MODE_ROUTED;
	uint16_t narrow = PODNET_MODE_ROUTED;

	(void)state;
	assert_parse_fails(reply_with_data("podnet", IFLA_PODNET_MODE, &wide,
					   sizeof(wide)), -EBADMSG);
	assert_parse_fails(reply_with_data("podnet", IFLA_PODNET_MODE, &narrow,
					   sizeof(narrow)), -EBADMSG);
}

static void test_mode_out_of_range(void **state)
{
	(void)state;
	assert_parse_fails(reply_with_mode(PODNET_MODE_MAX + 1), -EBADMSG);
}

static void test_ageing_missing(void **state)
{
	struct nlattr *linkinfo, *data;
	struct nl_msg *msg = reply_open("podnet", &linkinfo, &data);

	(void)state;
	assert_int_equal(nla_put_u32(msg, IFLA_PODNET_MODE, PODNET_MODE_ROUTED), 0);
	put_overlay(msg, 0);
	assert_parse_fails(reply_close(msg, linkinfo, data), -EBADMSG);
}

static void test_ageing_wrong_size(void **state)
{
	struct nlattr *linkinfo, *data;
	struct nl_msg *msg = reply_open("podnet", &linkinfo, &data);

	(void)state;
	assert_int_equal(nla_put_u32(msg, IFLA_PODNET_MODE, PODNET_MODE_ROUTED), 0);
	assert_int_equal(nla_put_u64(msg, IFLA_PODNET_AGEING_TIME, AGEING), 0);
	put_overlay(msg, 0);
	assert_parse_fails(reply_close(msg, linkinfo, data), -EBADMSG);
}

static void test_kind_not_terminated(void **state)
{
	struct nl_msg *msg = reply_new(RTM_NEWLINK);
	struct nlattr *linkinfo = nla_nest_start(msg, IFLA_LINKINFO);

	(void)state;
	assert_int_equal(nla_put(msg, IFLA_INFO_KIND, 6, "podnet"), 0);
	nla_nest_end(msg, linkinfo);
	assert_parse_fails(msg, -EBADMSG);
}

/* A podnet reply with mode and ageing, overlay but skip, and one more. */
static struct nl_msg *overlay_reply(int skip, int type, const void *payload,
				    int len)
{
	struct nlattr *linkinfo, *data;
	struct nl_msg *msg = reply_open("podnet", &linkinfo, &data);

	assert_int_equal(nla_put_u32(msg, IFLA_PODNET_MODE, PODNET_MODE_ROUTED), 0);
	assert_int_equal(nla_put_u32(msg, IFLA_PODNET_AGEING_TIME, AGEING), 0);
	put_overlay(msg, skip);
	if (type)
		assert_int_equal(nla_put(msg, type, len, payload), 0);
	return reply_close(msg, linkinfo, data);
}

static void test_overlay_local_and_underlay(void **state)
{
	struct podnet_link_info info = untouched;
	struct in6_addr local6 = { .s6_addr = { 0xfd, [15] = 1 } };
	struct in_addr local4 = { htonl(0xc0000201) };
	struct nlattr *linkinfo, *data;
	struct nl_msg *msg = reply_open("podnet", &linkinfo, &data);

	(void)state;
	assert_int_equal(nla_put_u32(msg, IFLA_PODNET_MODE, PODNET_MODE_BRIDGE), 0);
	assert_int_equal(nla_put_u32(msg, IFLA_PODNET_AGEING_TIME, AGEING), 0);
	put_overlay(msg, 0);
	assert_int_equal(nla_put(msg, IFLA_PODNET_LOCAL4, 4, &local4), 0);
	assert_int_equal(nla_put(msg, IFLA_PODNET_LOCAL6, 16, &local6), 0);
	assert_int_equal(nla_put_u32(msg, IFLA_PODNET_UNDERLAY, 3), 0);
	reply_close(msg, linkinfo, data);
	assert_int_equal(podnet_link_parse(nlmsg_hdr(msg), &info), 0);
	assert_true(info.overlay.has_local4);
	assert_memory_equal(&info.overlay.local4, &local4, 4);
	assert_true(info.overlay.has_local6);
	assert_memory_equal(&info.overlay.local6, &local6, 16);
	assert_int_equal(info.overlay.underlay, 3);
	nlmsg_free(msg);
}

/* Reported as zero, a local address is as good as none. */
static void test_overlay_unspecified_local(void **state)
{
	static const uint8_t zeroes[16];
	struct podnet_link_info info = untouched;
	struct nl_msg *msg;

	(void)state;
	msg = overlay_reply(0, IFLA_PODNET_LOCAL4, zeroes, 4);
	assert_int_equal(podnet_link_parse(nlmsg_hdr(msg), &info), 0);
	assert_false(info.overlay.has_local4);
	nlmsg_free(msg);
	msg = overlay_reply(0, IFLA_PODNET_LOCAL6, zeroes, 16);
	assert_int_equal(podnet_link_parse(nlmsg_hdr(msg), &info), 0);
	assert_false(info.overlay.has_local6);
	nlmsg_free(msg);
}

static void test_overlay_each_required(void **state)
{
	static const int required[] = {
		IFLA_PODNET_ENCAP, IFLA_PODNET_CROSS_SUBNET, IFLA_PODNET_VNI,
		IFLA_PODNET_VXLAN_PORT, IFLA_PODNET_ROUTES_MAX,
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(required) / sizeof(required[0]); i++)
		assert_parse_fails(overlay_reply(required[i], 0, NULL, 0),
				   -EBADMSG);
}

static void test_overlay_wrong_sizes(void **state)
{
	static const uint8_t bytes[16] = { 1 };
	static const struct {
		int type;
		int len;
	} bad[] = {
		{ IFLA_PODNET_ENCAP, 2 }, { IFLA_PODNET_ENCAP, 8 },
		{ IFLA_PODNET_CROSS_SUBNET, 4 }, { IFLA_PODNET_CROSS_SUBNET, 0 },
		{ IFLA_PODNET_VNI, 2 }, { IFLA_PODNET_VXLAN_PORT, 4 },
		{ IFLA_PODNET_VXLAN_PORT, 1 }, { IFLA_PODNET_ROUTES_MAX, 8 },
		{ IFLA_PODNET_LOCAL4, 16 }, { IFLA_PODNET_LOCAL4, 3 },
		{ IFLA_PODNET_LOCAL6, 4 }, { IFLA_PODNET_UNDERLAY, 2 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_parse_fails(overlay_reply(bad[i].type, bad[i].type, bytes,
						 bad[i].len), -EBADMSG);
}

static void test_overlay_out_of_range(void **state)
{
	uint32_t encap = PODNET_ENCAP_MAX + 1, underlay = 0x80000000;
	uint8_t cross_subnet = 2;

	(void)state;
	assert_parse_fails(overlay_reply(IFLA_PODNET_ENCAP, IFLA_PODNET_ENCAP,
					 &encap, 4), -EBADMSG);
	assert_parse_fails(overlay_reply(IFLA_PODNET_CROSS_SUBNET,
					 IFLA_PODNET_CROSS_SUBNET,
					 &cross_subnet, 1), -EBADMSG);
	assert_parse_fails(overlay_reply(0, IFLA_PODNET_UNDERLAY, &underlay, 4),
			   -EBADMSG);
}

/* The mode attribute claims 4 bytes more than its nest holds. */
static void test_mode_attr_overruns_nest(void **state)
{
	struct nl_msg *msg = reply_with_mode(PODNET_MODE_ROUTED);
	struct nlattr *tb[IFLA_MAX + 1], *info[IFLA_INFO_MAX + 1];
	struct nlattr *mode;

	(void)state;
	assert_int_equal(nlmsg_parse(nlmsg_hdr(msg), sizeof(struct ifinfomsg),
				     tb, IFLA_MAX, NULL), 0);
	assert_int_equal(nla_parse_nested(info, IFLA_INFO_MAX,
					  tb[IFLA_LINKINFO], NULL), 0);
	mode = nla_find(nla_data(info[IFLA_INFO_DATA]),
			nla_len(info[IFLA_INFO_DATA]), IFLA_PODNET_MODE);
	assert_non_null(mode);
	mode->nla_len += 4;
	assert_parse_fails(msg, -EBADMSG);
}

/* The message ends inside IFLA_LINKINFO. */
static void test_message_cut_short(void **state)
{
	struct nl_msg *msg = reply_with_mode(PODNET_MODE_ROUTED);

	(void)state;
	nlmsg_hdr(msg)->nlmsg_len -= 4;
	assert_parse_fails(msg, -EBADMSG);
}

static void test_wrong_message_type(void **state)
{
	struct nl_msg *msg = reply_with_mode(PODNET_MODE_ROUTED);

	(void)state;
	nlmsg_hdr(msg)->nlmsg_type = RTM_DELLINK;
	assert_parse_fails(msg, -EBADMSG);
}

static void test_no_ifinfomsg(void **state)
{
	struct nl_msg *msg = nlmsg_alloc_simple(RTM_NEWLINK, 0);

	(void)state;
	assert_non_null(msg);
	assert_parse_fails(msg, -EBADMSG);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_podnet_bridge),
		cmocka_unit_test(test_podnet_routed),
		cmocka_unit_test(test_other_kind),
		cmocka_unit_test(test_no_linkinfo),
		cmocka_unit_test(test_linkinfo_without_kind),
		cmocka_unit_test(test_podnet_without_data),
		cmocka_unit_test(test_podnet_data_without_mode),
		cmocka_unit_test(test_mode_wrong_size),
		cmocka_unit_test(test_mode_out_of_range),
		cmocka_unit_test(test_ageing_missing),
		cmocka_unit_test(test_ageing_wrong_size),
		cmocka_unit_test(test_kind_not_terminated),
		cmocka_unit_test(test_overlay_local_and_underlay),
		cmocka_unit_test(test_overlay_unspecified_local),
		cmocka_unit_test(test_overlay_each_required),
		cmocka_unit_test(test_overlay_wrong_sizes),
		cmocka_unit_test(test_overlay_out_of_range),
		cmocka_unit_test(test_mode_attr_overruns_nest),
		cmocka_unit_test(test_message_cut_short),
		cmocka_unit_test(test_wrong_message_type),
		cmocka_unit_test(test_no_ifinfomsg),
	};

	return cmocka_run_group_tests_name("link replies", tests, NULL, NULL);
}
