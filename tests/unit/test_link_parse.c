// SPDX-License-Identifier: GPL-2.0
/* Parsing RTM_NEWLINK replies crafted here with libnl, good and bad. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <errno.h>
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

/*
 * A reply of kind "kind" whose IFLA_INFO_DATA holds a good ageing time,
 * then the one attribute given.
 */
static struct nl_msg *reply_with_data(const char *kind, int type,
				      const void *payload, int len)
{
	struct nlattr *linkinfo, *data;
	struct nl_msg *msg = reply_open(kind, &linkinfo, &data);

	assert_int_equal(nla_put_u32(msg, IFLA_PODNET_AGEING_TIME, AGEING), 0);
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
	assert_parse_fails(reply_close(msg, linkinfo, data), -EBADMSG);
}

static void test_ageing_wrong_size(void **state)
{
	struct nlattr *linkinfo, *data;
	struct nl_msg *msg = reply_open("podnet", &linkinfo, &data);

	(void)state;
	assert_int_equal(nla_put_u32(msg, IFLA_PODNET_MODE, PODNET_MODE_ROUTED), 0);
	assert_int_equal(nla_put_u64(msg, IFLA_PODNET_AGEING_TIME, AGEING), 0);
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
		cmocka_unit_test(test_mode_attr_overruns_nest),
		cmocka_unit_test(test_message_cut_short),
		cmocka_unit_test(test_wrong_message_type),
		cmocka_unit_test(test_no_ifinfomsg),
	};

	return cmocka_run_group_tests_name("link replies", tests, NULL, NULL);
}
