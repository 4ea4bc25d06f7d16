// SPDX-License-Identifier: GPL-2.0
/* The requests libpodnet builds, walked with libnl's own parser. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <arpa/inet.h>
#include <cmocka.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <netlink/attr.h>
#include <netlink/msg.h>

#include "podnet.h"

struct newlink {
	struct nlmsghdr *nlh;
	struct nlattr *tb[IFLA_MAX + 1];
	struct nlattr *info[IFLA_INFO_MAX + 1];
	struct nlattr *data[IFLA_PODNET_MAX + 1];
};

static void walk_newlink(struct nl_msg *msg, struct newlink *nl)
{
	memset(nl, 0, sizeof(*nl));
	assert_non_null(msg);
	nl->nlh = nlmsg_hdr(msg);
	assert_int_equal(nl->nlh->nlmsg_type, RTM_NEWLINK);
	assert_int_equal(nlmsg_parse(nl->nlh, sizeof(struct ifinfomsg), nl->tb,
				     IFLA_MAX, NULL), 0);
	assert_non_null(nl->tb[IFLA_LINKINFO]);
	assert_int_equal(nla_parse_nested(nl->info, IFLA_INFO_MAX,
					  nl->tb[IFLA_LINKINFO], NULL), 0);
	if (nl->info[IFLA_INFO_DATA])
		assert_int_equal(nla_parse_nested(nl->data, IFLA_PODNET_MAX,
						  nl->info[IFLA_INFO_DATA],
						  NULL), 0);
}

static void test_newlink_header(void **state)
{
	struct podnet_link_params p = { 0 };
	struct nl_msg *msg = podnet_newlink_msg("podnet0", &p);
	struct ifinfomsg *ifi;
	struct newlink nl;

	(void)state;
	walk_newlink(msg, &nl);
	assert_int_equal(nl.nlh->nlmsg_flags,
			 NLM_F_REQUEST | NLM_F_CREATE | NLM_F_EXCL);
	ifi = nlmsg_data(nl.nlh);
	assert_int_equal(ifi->ifi_family, AF_UNSPEC);
	assert_int_equal(ifi->ifi_index, 0);
	nlmsg_free(msg);
}

static void test_newlink_name_and_kind(void **state)
{
	struct podnet_link_params p = { 0 };
	struct nl_msg *msg = podnet_newlink_msg("podnet0", &p);
	struct newlink nl;

	(void)state;
	walk_newlink(msg, &nl);
	assert_non_null(nl.tb[IFLA_IFNAME]);
	assert_string_equal(nla_get_string(nl.tb[IFLA_IFNAME]), "podnet0");
	assert_non_null(nl.info[IFLA_INFO_KIND]);
	assert_string_equal(nla_get_string(nl.info[IFLA_INFO_KIND]), "podnet");
	nlmsg_free(msg);
}

static void assert_newlink_mode(enum podnet_mode mode)
{
	struct podnet_link_params p = { .mode_set = true, .mode = mode };
	struct nl_msg *msg = podnet_newlink_msg("podnet0", &p);
	struct newlink nl;

	walk_newlink(msg, &nl);
	assert_non_null(nl.data[IFLA_PODNET_MODE]);
	assert_int_equal(nla_len(nl.data[IFLA_PODNET_MODE]), sizeof(uint32_t));
	assert_int_equal(nla_get_u32(nl.data[IFLA_PODNET_MODE]), mode);
	nlmsg_free(msg);
}

static void test_newlink_mode_routed(void **state)
{
	(void)state;
	assert_newlink_mode(PODNET_MODE_ROUTED);
}

/* Bridge is 0: set explicitly, it must still be sent. */
static void test_newlink_mode_bridge(void **state)
{
	(void)state;
	assert_newlink_mode(PODNET_MODE_BRIDGE);
}

static void test_newlink_ageing(void **state)
{
	struct podnet_link_params p = {
		.ageing_time_set = true,
		.ageing_time = 600,
	};
	struct nl_msg *msg = podnet_newlink_msg("podnet0", &p);
	struct newlink nl;

	(void)state;
	walk_newlink(msg, &nl);
	assert_null(nl.data[IFLA_PODNET_MODE]);
	assert_non_null(nl.data[IFLA_PODNET_AGEING_TIME]);
	assert_int_equal(nla_len(nl.data[IFLA_PODNET_AGEING_TIME]),
			 sizeof(uint32_t));
	assert_int_equal(nla_get_u32(nl.data[IFLA_PODNET_AGEING_TIME]), 600);
	nlmsg_free(msg);
}

static void test_newlink_nothing_set(void **state)
{
	struct podnet_link_params p = {
		.mode = PODNET_MODE_ROUTED,
		.ageing_time = 600,
	};
	struct nl_msg *msg = podnet_newlink_msg("podnet0", &p);
	struct newlink nl;

	(void)state;
	walk_newlink(msg, &nl);
	assert_null(nl.info[IFLA_INFO_DATA]);
	nlmsg_free(msg);
}

static void assert_sized(const struct nlattr *nla, int len)
{
	assert_non_null(nla);
	assert_int_equal(nla_len(nla), len);
}

static void test_newlink_overlay(void **state)
{
	struct podnet_link_params p = {
		.overlay = {
			.encap_set = true, .encap = PODNET_ENCAP_DIRECT,
			.cross_subnet_set = true, .cross_subnet = true,
			.vni_set = true, .vni = 0,
			.vxlan_port_set = true, .vxlan_port = 8472,
			.local4_set = true, .local4 = { htonl(0xc0000201) },
			.local6_set = true,
			.local6 = { .s6_addr = { 0xfd, [15] = 1 } },
			.underlay_set = true, .underlay = 3,
			.routes_max_set = true, .routes_max = 1000,
		},
	};
	struct nl_msg *msg = podnet_newlink_msg("podnet0", &p);
	struct newlink nl;

	(void)state;
	walk_newlink(msg, &nl);
	assert_null(nl.data[IFLA_PODNET_MODE]);
	assert_sized(nl.data[IFLA_PODNET_ENCAP], 4);
	assert_int_equal(nla_get_u32(nl.data[IFLA_PODNET_ENCAP]),
			 PODNET_ENCAP_DIRECT);
	assert_sized(nl.data[IFLA_PODNET_CROSS_SUBNET], 1);
	assert_int_equal(nla_get_u8(nl.data[IFLA_PODNET_CROSS_SUBNET]), 1);
	/* VNI 0 is a VNI: set, it is sent. */
	assert_sized(nl.data[IFLA_PODNET_VNI], 4);
	assert_int_equal(nla_get_u32(nl.data[IFLA_PODNET_VNI]), 0);
	assert_sized(nl.data[IFLA_PODNET_VXLAN_PORT], 2);
	assert_int_equal(nla_get_u16(nl.data[IFLA_PODNET_VXLAN_PORT]), 8472);
	assert_sized(nl.data[IFLA_PODNET_LOCAL4], 4);
	assert_memory_equal(nla_data(nl.data[IFLA_PODNET_LOCAL4]),
			    &p.overlay.local4, 4);
	assert_sized(nl.data[IFLA_PODNET_LOCAL6], 16);
	assert_memory_equal(nla_data(nl.data[IFLA_PODNET_LOCAL6]),
			    &p.overlay.local6, 16);
	assert_sized(nl.data[IFLA_PODNET_UNDERLAY], 4);
	assert_int_equal(nla_get_u32(nl.data[IFLA_PODNET_UNDERLAY]), 3);
	assert_sized(nl.data[IFLA_PODNET_ROUTES_MAX], 4);
	assert_int_equal(nla_get_u32(nl.data[IFLA_PODNET_ROUTES_MAX]), 1000);
	nlmsg_free(msg);
}

/* Only what is marked set goes out, whatever the values say. */
static void test_newlink_some_overlay(void **state)
{
	struct podnet_link_params p = {
		.overlay = {
			.encap = PODNET_ENCAP_IPIP, .vni = 42,
			.vxlan_port_set = true, .vxlan_port = 4789,
			.underlay_set = true, .underlay = 0,
		},
	};
	struct nl_msg *msg = podnet_newlink_msg("podnet0", &p);
	struct newlink nl;
	int type;

	(void)state;
	walk_newlink(msg, &nl);
	for (type = 1; type <= IFLA_PODNET_MAX; type++)
		if (type != IFLA_PODNET_VXLAN_PORT &&
		    type != IFLA_PODNET_UNDERLAY)
			assert_null(nl.data[type]);
	assert_int_equal(nla_get_u16(nl.data[IFLA_PODNET_VXLAN_PORT]), 4789);
	assert_int_equal(nla_get_u32(nl.data[IFLA_PODNET_UNDERLAY]), 0);
	nlmsg_free(msg);
}

static const struct nlattr *only_data_attr(const struct newlink *nl)
{
	const struct nlattr *data = nl->info[IFLA_INFO_DATA];

	assert_non_null(data);
	assert_int_equal(nla_len(data), nla_total_size(nla_len(nla_data(data))));
	return nla_data(data);
}

static void test_raw_msg_carries_attr_verbatim(void **state)
{
	const uint8_t payload[] = { 0xde, 0xad, 0xbe };
	struct nl_msg *msg;
	const struct nlattr *attr;
	struct newlink nl;

	(void)state;
	msg = podnet_newlink_raw_msg("podnet0", NLA_F_NESTED | 7, payload,
				     sizeof(payload));
	walk_newlink(msg, &nl);
	assert_string_equal(nla_get_string(nl.info[IFLA_INFO_KIND]), "podnet");
	attr = only_data_attr(&nl);
	assert_int_equal(attr->nla_type, NLA_F_NESTED | 7);
	assert_int_equal(nla_len(attr), sizeof(payload));
	assert_memory_equal(nla_data(attr), payload, sizeof(payload));
	nlmsg_free(msg);
}

static void test_raw_msg_empty_payload(void **state)
{
	struct nl_msg *msg = podnet_newlink_raw_msg("podnet0", IFLA_PODNET_MODE,
						    NULL, 0);
	const struct nlattr *attr;
	struct newlink nl;

	(void)state;
	walk_newlink(msg, &nl);
	attr = only_data_attr(&nl);
	assert_int_equal(attr->nla_type, IFLA_PODNET_MODE);
	assert_int_equal(nla_len(attr), 0);
	nlmsg_free(msg);
}

static void test_raw_msg_payload_limit(void **state)
{
	static uint8_t payload[PODNET_RAW_PAYLOAD_MAX + 1];
	struct nl_msg *msg;
	struct newlink nl;

	(void)state;
	msg = podnet_newlink_raw_msg("podnet0", 1, payload,
				     PODNET_RAW_PAYLOAD_MAX);
	walk_newlink(msg, &nl);
	assert_int_equal(nla_len(only_data_attr(&nl)), PODNET_RAW_PAYLOAD_MAX);
	nlmsg_free(msg);
	assert_null(podnet_newlink_raw_msg("podnet0", 1, payload,
					   sizeof(payload)));
}

static void test_getlink_msg(void **state)
{
	struct nl_msg *msg = podnet_getlink_msg("podnet0");
	struct nlattr *tb[IFLA_MAX + 1];
	struct nlmsghdr *nlh;

	(void)state;
	assert_non_null(msg);
	nlh = nlmsg_hdr(msg);
	assert_int_equal(nlh->nlmsg_type, RTM_GETLINK);
	assert_int_equal(nlh->nlmsg_flags, NLM_F_REQUEST);
	assert_int_equal(nlmsg_parse(nlh, sizeof(struct ifinfomsg), tb,
				     IFLA_MAX, NULL), 0);
	assert_non_null(tb[IFLA_IFNAME]);
	assert_string_equal(nla_get_string(tb[IFLA_IFNAME]), "podnet0");
	nlmsg_free(msg);
}

static void test_dellink_msg_by_index(void **state)
{
	struct nl_msg *msg = podnet_dellink_msg(42);
	struct ifinfomsg *ifi;
	struct nlmsghdr *nlh;

	(void)state;
	assert_non_null(msg);
	nlh = nlmsg_hdr(msg);
	assert_int_equal(nlh->nlmsg_type, RTM_DELLINK);
	assert_int_equal(nlh->nlmsg_flags, NLM_F_REQUEST);
	ifi = nlmsg_data(nlh);
	assert_int_equal(ifi->ifi_index, 42);
	assert_int_equal(nlmsg_attrlen(nlh, sizeof(*ifi)), 0);
	nlmsg_free(msg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_newlink_header),
		cmocka_unit_test(test_newlink_name_and_kind),
		cmocka_unit_test(test_newlink_mode_routed),
		cmocka_unit_test(test_newlink_mode_bridge),
		cmocka_unit_test(test_newlink_ageing),
		cmocka_unit_test(test_newlink_nothing_set),
		cmocka_unit_test(test_newlink_overlay),
		cmocka_unit_test(test_newlink_some_overlay),
		cmocka_unit_test(test_raw_msg_carries_attr_verbatim),
		cmocka_unit_test(test_raw_msg_empty_payload),
		cmocka_unit_test(test_raw_msg_payload_limit),
		cmocka_unit_test(test_getlink_msg),
		cmocka_unit_test(test_dellink_msg_by_index),
	};

	return cmocka_run_group_tests_name("link messages", tests, NULL, NULL);
}
