// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: VXLAN header building and parsing, the encapsulation settings'
 * checks, the MTU that follows the underlay, and the path a route takes.
 */
#include <kunit/test.h>
#include <linux/prandom.h>
#include <net/vxlan.h>

#include "../encap.h"
#include "util.h"

static void vxlan_hdr_round_trip(struct kunit *test)
{
	u32 vnis[] = { 0, 1, 42, 4096, PODNET_VNI_MAX, get_random_u32() >> 8 };
	struct vxlanhdr vh;
	unsigned int i;
	u32 vni;

	for (i = 0; i < ARRAY_SIZE(vnis); i++) {
		podnet_vxlan_hdr_build(&vh, vnis[i]);
		KUNIT_EXPECT_EQ(test, podnet_vxlan_hdr_parse(&vh, &vni), 0);
		KUNIT_EXPECT_EQ(test, vni, vnis[i]);
	}
}

/* RFC 7348 section 5: flags 0x08, 24 reserved bits, VNI, 8 reserved. */
static void vxlan_hdr_wire_format(struct kunit *test)
{
	static const u8 want[8] = { 0x08, 0, 0, 0, 0x12, 0x34, 0x56, 0 };
	struct vxlanhdr vh;

	podnet_vxlan_hdr_build(&vh, 0x123456);
	KUNIT_EXPECT_MEMEQ(test, &vh, want, sizeof(want));
}

static void vxlan_hdr_needs_vni_flag(struct kunit *test)
{
	struct vxlanhdr vh = { .vx_flags = 0, .vx_vni = cpu_to_be32(7 << 8) };
	u32 vni = 99;

	KUNIT_EXPECT_EQ(test, podnet_vxlan_hdr_parse(&vh, &vni), -EINVAL);
	KUNIT_EXPECT_EQ(test, vni, 99);
}

static void vxlan_hdr_ignores_reserved_bits(struct kunit *test)
{
	struct vxlanhdr vh = {
		.vx_flags = cpu_to_be32(0x08ffffff),
		.vx_vni = cpu_to_be32(0xabcdefff),
	};
	u32 vni;

	KUNIT_EXPECT_EQ(test, podnet_vxlan_hdr_parse(&vh, &vni), 0);
	KUNIT_EXPECT_EQ(test, vni, 0xabcdef);
}

static int set_encap(struct podnet_dev *pn, const struct podnet_encap_cfg *cfg)
{
	int err;

	rtnl_lock();
	err = podnet_set_encap(pn, cfg, NULL);
	rtnl_unlock();
	return err;
}

static void encap_settings_are_checked(struct kunit *test)
{
	struct podnet_dev *pn = podnet_test_dev(test);
	struct podnet_encap_cfg cfg = pn->cfg;

	KUNIT_EXPECT_EQ(test, cfg.encap, PODNET_ENCAP_VXLAN);
	KUNIT_EXPECT_EQ(test, cfg.vni, PODNET_VNI_DEFAULT);
	KUNIT_EXPECT_EQ(test, cfg.vxlan_port, PODNET_VXLAN_PORT_DEFAULT);

	cfg.encap = PODNET_ENCAP_DEFAULT;
	KUNIT_EXPECT_EQ(test, set_encap(pn, &cfg), -EINVAL);
	cfg = pn->cfg;
	cfg.vni = PODNET_VNI_MAX + 1;
	KUNIT_EXPECT_EQ(test, set_encap(pn, &cfg), -EINVAL);
	cfg = pn->cfg;
	cfg.vxlan_port = 0;
	KUNIT_EXPECT_EQ(test, set_encap(pn, &cfg), -EINVAL);
	cfg = pn->cfg;
	cfg.local4 = htonl(0xe0000001);
	KUNIT_EXPECT_EQ(test, set_encap(pn, &cfg), -EINVAL);
	cfg = pn->cfg;
	cfg.underlay = pn->dev->ifindex;
	KUNIT_EXPECT_EQ(test, set_encap(pn, &cfg), -EINVAL);
	cfg = pn->cfg;
	cfg.underlay = INT_MAX;
	KUNIT_EXPECT_EQ(test, set_encap(pn, &cfg), -ENODEV);
	/* Nothing of the refused settings stuck. */
	KUNIT_EXPECT_EQ(test, pn->cfg.encap, PODNET_ENCAP_VXLAN);
	KUNIT_EXPECT_EQ(test, pn->cfg.underlay, 0);

	cfg = pn->cfg;
	cfg.encap = PODNET_ENCAP_IPIP;
	cfg.vni = 4096;
	KUNIT_EXPECT_EQ(test, set_encap(pn, &cfg), 0);
	KUNIT_EXPECT_EQ(test, pn->cfg.encap, PODNET_ENCAP_IPIP);
	KUNIT_EXPECT_EQ(test, pn->cfg.vni, 4096);
}

/* Loopback stands in for the underlay: its MTU, 65536, minus overhead. */
static void mtu_follows_underlay(struct kunit *test)
{
	struct podnet_dev *pn = podnet_test_dev(test);
	struct podnet_encap_cfg cfg = pn->cfg;
	int lo_mtu = init_net.loopback_dev->mtu;

	cfg.underlay = init_net.loopback_dev->ifindex;
	KUNIT_ASSERT_EQ(test, set_encap(pn, &cfg), 0);
	KUNIT_EXPECT_EQ(test, pn->dev->mtu, lo_mtu - PODNET_VXLAN4_OVERHEAD);
	cfg.encap = PODNET_ENCAP_IPIP;
	KUNIT_ASSERT_EQ(test, set_encap(pn, &cfg), 0);
	KUNIT_EXPECT_EQ(test, pn->dev->mtu, lo_mtu - PODNET_IPIP_OVERHEAD);

	/* Set by hand, it stays. */
	rtnl_lock();
	KUNIT_EXPECT_EQ(test, dev_set_mtu(pn->dev, 1400), 0);
	rtnl_unlock();
	cfg.encap = PODNET_ENCAP_VXLAN;
	KUNIT_ASSERT_EQ(test, set_encap(pn, &cfg), 0);
	KUNIT_EXPECT_EQ(test, pn->dev->mtu, 1400);
	KUNIT_EXPECT_FALSE(test, pn->cfg.mtu_auto);
}

static struct podnet_route *add_route(struct kunit *test, struct podnet_dev *pn,
				      enum podnet_encap encap)
{
	struct podnet_route_cfg cfg = {
		.prefix = { .family = AF_INET, .plen = 24,
			    .v4 = htonl(0x0af40200) },
		.via = { .family = AF_INET, .v4 = htonl(0xc0a8010c) },
		.encap = encap,
	};
	struct podnet_route *rt;

	rtnl_lock();
	KUNIT_EXPECT_EQ(test, podnet_route_add(pn, &cfg, true, 0, NULL), 0);
	rt = podnet_route_find(pn, &cfg.prefix);
	rtnl_unlock();
	KUNIT_ASSERT_NOT_NULL(test, rt);
	return rt;
}

static void route_path_follows_policy(struct kunit *test)
{
	struct podnet_dev *pn = podnet_test_dev(test);
	struct podnet_encap_cfg cfg = pn->cfg;
	struct podnet_route *rt;

	rt = add_route(test, pn, PODNET_ENCAP_DEFAULT);
	KUNIT_EXPECT_EQ(test, podnet_route_path(pn, rt), PODNET_ENCAP_VXLAN);
	cfg.encap = PODNET_ENCAP_IPIP;
	KUNIT_ASSERT_EQ(test, set_encap(pn, &cfg), 0);
	KUNIT_EXPECT_EQ(test, podnet_route_path(pn, rt), PODNET_ENCAP_IPIP);
	/* No underlay route to the next hop here: not on-link, so encap. */
	cfg.cross_subnet = true;
	KUNIT_ASSERT_EQ(test, set_encap(pn, &cfg), 0);
	KUNIT_EXPECT_EQ(test, podnet_route_path(pn, rt), PODNET_ENCAP_IPIP);

	rt = add_route(test, pn, PODNET_ENCAP_DIRECT);
	KUNIT_EXPECT_EQ(test, podnet_route_path(pn, rt), PODNET_ENCAP_DIRECT);
	rt = add_route(test, pn, PODNET_ENCAP_VXLAN);
	KUNIT_EXPECT_EQ(test, podnet_route_path(pn, rt), PODNET_ENCAP_VXLAN);
}

static struct kunit_case podnet_encap_cases[] = {
	KUNIT_CASE(vxlan_hdr_round_trip),
	KUNIT_CASE(vxlan_hdr_wire_format),
	KUNIT_CASE(vxlan_hdr_needs_vni_flag),
	KUNIT_CASE(vxlan_hdr_ignores_reserved_bits),
	KUNIT_CASE(encap_settings_are_checked),
	KUNIT_CASE(mtu_follows_underlay),
	KUNIT_CASE(route_path_follows_policy),
	{}
};

static struct kunit_suite podnet_encap_suite = {
	.name = "podnet_encap",
	.test_cases = podnet_encap_cases,
};

kunit_test_suites(&podnet_encap_suite);
