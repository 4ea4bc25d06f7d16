// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the route table - longest prefix match over IPv4 and IPv6
 * (/0, host routes, overlapping prefixes), what it refuses, duplicates,
 * replacement and the size limit, generations and their flush (across
 * wraparound), shared next hops, the dump walk, and random operations
 * against a plain array scanned for the longest match.
 */
#include <kunit/test.h>
#include <linux/delay.h>
#include <linux/etherdevice.h>
#include <linux/prandom.h>
#include <linux/random.h>
#include <net/ipv6.h>
#include <net/netlink.h>

#include "util.h"

static struct podnet_addr a4(u32 addr)
{
	struct podnet_addr a;

	memset(&a, 0, sizeof(a));
	a.family = AF_INET;
	a.v4 = htonl(addr);
	return a;
}

static struct podnet_addr a6(u32 w0, u32 w1, u32 w2, u32 w3)
{
	struct podnet_addr a;

	memset(&a, 0, sizeof(a));
	a.family = AF_INET6;
	a.v6.s6_addr32[0] = htonl(w0);
	a.v6.s6_addr32[1] = htonl(w1);
	a.v6.s6_addr32[2] = htonl(w2);
	a.v6.s6_addr32[3] = htonl(w3);
	return a;
}

static struct podnet_prefix prefix_of(const struct podnet_addr *a, u8 plen)
{
	struct podnet_prefix p;

	memset(&p, 0, sizeof(p));
	p.family = a->family;
	p.plen = plen;
	p.v6 = a->v6;
	return p;
}

static struct podnet_route_cfg cfg_of(const struct podnet_addr *dst, u8 plen,
				      const struct podnet_addr *via)
{
	struct podnet_route_cfg cfg;

	memset(&cfg, 0, sizeof(cfg));
	cfg.prefix = prefix_of(dst, plen);
	cfg.via = *via;
	return cfg;
}

static int add(struct podnet_dev *pn, const struct podnet_route_cfg *cfg,
	       bool replace, u32 generation, struct netlink_ext_ack *extack)
{
	int err;

	rtnl_lock();
	err = podnet_route_add(pn, cfg, replace, generation, extack);
	rtnl_unlock();
	return err;
}

static int del(struct podnet_dev *pn, const struct podnet_addr *dst, u8 plen)
{
	struct podnet_prefix p = prefix_of(dst, plen);
	int err;

	rtnl_lock();
	err = podnet_route_del(pn, &p);
	rtnl_unlock();
	return err;
}

static void flush(struct podnet_dev *pn, bool all, u32 older_than)
{
	rtnl_lock();
	podnet_routes_flush(pn, all, older_than);
	rtnl_unlock();
}

/* The table only changes under the test's own hand: the pointer stays. */
static struct podnet_route *lookup(struct podnet_dev *pn,
				   const struct podnet_addr *dst)
{
	struct podnet_route *rt;

	rcu_read_lock();
	rt = podnet_route_lookup(pn, dst);
	rcu_read_unlock();
	return rt;
}

static struct podnet_route *find(struct podnet_dev *pn,
				 const struct podnet_addr *dst, u8 plen)
{
	struct podnet_prefix p = prefix_of(dst, plen);
	struct podnet_route *rt;

	rcu_read_lock();
	rt = podnet_route_find(pn, &p);
	rcu_read_unlock();
	return rt;
}

static struct podnet_nexthop *nexthop(struct podnet_dev *pn,
				      const struct podnet_addr *via)
{
	struct podnet_nexthop *nh;

	rcu_read_lock();
	nh = podnet_nexthop_lookup(pn, via);
	rcu_read_unlock();
	return nh;
}

/* The prefix length of the route @dst takes, -1 for none. */
static int lpm(struct podnet_dev *pn, const struct podnet_addr *dst)
{
	struct podnet_route *rt = lookup(pn, dst);

	return rt ? rt->key.plen : -1;
}

static void route_ipv4_longest_match(struct kunit *test)
{
	struct podnet_dev *pn = podnet_test_dev(test);
	struct podnet_addr via = a4(0xc0a80001), d;
	struct podnet_route_cfg c;
	static const struct {
		u32 addr;
		u8 plen;
	} routes[] = {
		{ 0, 0 },			/* default */
		{ 0x0a000000, 8 },		/* 10/8 */
		{ 0x0a010000, 16 },		/* 10.1/16 */
		{ 0x0a010200, 24 },		/* 10.1.2/24 */
		{ 0x0a010203, 32 },		/* 10.1.2.3/32 */
	};
	int i;

	for (i = 0; i < ARRAY_SIZE(routes); i++) {
		d = a4(routes[i].addr);
		c = cfg_of(&d, routes[i].plen, &via);
		KUNIT_ASSERT_EQ(test, add(pn, &c, false, 0, NULL), 0);
	}
	KUNIT_EXPECT_EQ(test, pn->routes.count, 5);
	d = a4(0x0a010203);
	KUNIT_EXPECT_EQ(test, lpm(pn, &d), 32);
	d = a4(0x0a010204);
	KUNIT_EXPECT_EQ(test, lpm(pn, &d), 24);
	d = a4(0x0a01ff01);
	KUNIT_EXPECT_EQ(test, lpm(pn, &d), 16);
	d = a4(0x0aff0001);
	KUNIT_EXPECT_EQ(test, lpm(pn, &d), 8);
	d = a4(0x08080808);
	KUNIT_EXPECT_EQ(test, lpm(pn, &d), 0);
	/* The other family has no route, not even the default. */
	d = a6(0x0a010203, 0, 0, 0);
	KUNIT_EXPECT_EQ(test, lpm(pn, &d), -1);

	/* Take the /24 away: its addresses fall back to the /16. */
	d = a4(0x0a010200);
	KUNIT_EXPECT_EQ(test, del(pn, &d, 24), 0);
	KUNIT_EXPECT_EQ(test, del(pn, &d, 24), -ENOENT);
	KUNIT_EXPECT_EQ(test, pn->routes.plen_count4[24], 0);
	KUNIT_EXPECT_FALSE(test, test_bit(32 - 24, pn->routes.plens4));
	KUNIT_EXPECT_TRUE(test, test_bit(32 - 16, pn->routes.plens4));
	d = a4(0x0a010204);
	KUNIT_EXPECT_EQ(test, lpm(pn, &d), 16);
	d = a4(0x0a010203);
	KUNIT_EXPECT_EQ(test, lpm(pn, &d), 32);

	/* Without the default, the rest of the world has no route. */
	d = a4(0);
	KUNIT_EXPECT_EQ(test, del(pn, &d, 0), 0);
	d = a4(0x08080808);
	KUNIT_EXPECT_EQ(test, lpm(pn, &d), -1);
	KUNIT_EXPECT_EQ(test, pn->routes.count, 3);
}

static void route_ipv6_longest_match(struct kunit *test)
{
	struct podnet_dev *pn = podnet_test_dev(test);
	struct podnet_addr via = a6(0xfd990000, 0, 0, 1), d;
	struct podnet_route_cfg c;
	static const struct {
		u32 w[4];
		u8 plen;
	} routes[] = {
		{ { 0, 0, 0, 0 }, 0 },
		{ { 0xfd000000, 0x00010000, 0, 0 }, 48 },
		{ { 0xfd000000, 0x00010002, 0, 0 }, 64 },
		{ { 0xfd000000, 0x00010002, 0, 0x100 }, 120 },
		{ { 0xfd000000, 0x00010002, 0, 0x105 }, 128 },
	};
	int i;

	for (i = 0; i < ARRAY_SIZE(routes); i++) {
		d = a6(routes[i].w[0], routes[i].w[1], routes[i].w[2],
		       routes[i].w[3]);
		c = cfg_of(&d, routes[i].plen, &via);
		KUNIT_ASSERT_EQ(test, add(pn, &c, false, 0, NULL), 0);
	}
	d = a6(0xfd000000, 0x00010002, 0, 0x105);
	KUNIT_EXPECT_EQ(test, lpm(pn, &d), 128);
	d = a6(0xfd000000, 0x00010002, 0, 0x1ff);
	KUNIT_EXPECT_EQ(test, lpm(pn, &d), 120);
	d = a6(0xfd000000, 0x00010002, 1, 0);
	KUNIT_EXPECT_EQ(test, lpm(pn, &d), 64);
	d = a6(0xfd000000, 0x0001ffff, 0, 0);
	KUNIT_EXPECT_EQ(test, lpm(pn, &d), 48);
	d = a6(0x20010db8, 0, 0, 1);
	KUNIT_EXPECT_EQ(test, lpm(pn, &d), 0);
	d = a4(0xfd000000);
	KUNIT_EXPECT_EQ(test, lpm(pn, &d), -1);
	KUNIT_EXPECT_TRUE(test, test_bit(128 - 128, pn->routes.plens6));
	KUNIT_EXPECT_TRUE(test, test_bit(128 - 0, pn->routes.plens6));
	KUNIT_EXPECT_EQ(test, pn->routes.plen_count6[64], 1);

	/* Exact lookups, and what is not a prefix is never found. */
	d = a6(0xfd000000, 0x00010002, 0, 0);
	KUNIT_EXPECT_NOT_NULL(test, find(pn, &d, 64));
	KUNIT_EXPECT_NULL(test, find(pn, &d, 63));
	d = a6(0xfd000000, 0x00010002, 0, 1);
	KUNIT_EXPECT_NULL(test, find(pn, &d, 64));

	d = a6(0xfd000000, 0x00010002, 0, 0x105);
	KUNIT_EXPECT_EQ(test, del(pn, &d, 128), 0);
	KUNIT_EXPECT_EQ(test, lpm(pn, &d), 120);
	KUNIT_EXPECT_FALSE(test, test_bit(128 - 128, pn->routes.plens6));
}

static void expect_refused(struct kunit *test, struct podnet_dev *pn,
			   const struct podnet_route_cfg *c, const char *msg)
{
	struct netlink_ext_ack extack = {};

	KUNIT_EXPECT_EQ(test, add(pn, c, false, 0, &extack), -EINVAL);
	KUNIT_EXPECT_NOT_NULL(test, extack._msg);
	if (msg && extack._msg)
		KUNIT_EXPECT_STREQ(test, extack._msg, msg);
}

static void route_refuses_the_malformed(struct kunit *test)
{
	static const u8 group[ETH_ALEN] = { 0x01, 0, 0x5e, 0, 0, 1 };
	struct podnet_dev *pn = podnet_test_dev(test);
	struct podnet_addr via4 = a4(0xc0a80001), via6 = a6(0xfd990000, 0, 0, 1);
	struct podnet_addr d4 = a4(0x0a010200), d6 = a6(0xfd000000, 1, 0, 0);
	struct podnet_route_cfg c;

	c = cfg_of(&d4, 16, &via4);
	expect_refused(test, pn, &c, "podnet: prefix has host bits set");
	c = cfg_of(&d6, 32, &via4);
	expect_refused(test, pn, &c, "podnet: prefix has host bits set");
	c = cfg_of(&d4, 33, &via4);
	expect_refused(test, pn, &c, NULL);
	c = cfg_of(&d6, 129, &via6);
	expect_refused(test, pn, &c, NULL);
	c = cfg_of(&d4, 24, &via4);
	c.prefix.family = AF_PACKET;
	expect_refused(test, pn, &c, NULL);

	/* Next hops: unicast only, and IPIP needs IPv4 outside. */
	c = cfg_of(&d4, 24, &via6);
	c.encap = PODNET_ENCAP_IPIP;
	expect_refused(test, pn, &c, "podnet: IPIP needs an IPv4 next hop");
	via4 = a4(0xe0000001);
	c = cfg_of(&d4, 24, &via4);
	expect_refused(test, pn, &c, "podnet: next hop must be a unicast address");
	via4 = a4(0);
	c = cfg_of(&d4, 24, &via4);
	expect_refused(test, pn, &c, "podnet: next hop must be a unicast address");
	via4 = a4(0xffffffff);
	c = cfg_of(&d4, 24, &via4);
	expect_refused(test, pn, &c, "podnet: next hop must be a unicast address");
	via6 = a6(0xff020000, 0, 0, 1);
	c = cfg_of(&d6, 64, &via6);
	expect_refused(test, pn, &c, "podnet: next hop must be a unicast address");
	via6 = a6(0, 0, 0, 0);
	c = cfg_of(&d6, 64, &via6);
	expect_refused(test, pn, &c, "podnet: next hop must be a unicast address");
	memset(&via6, 0, sizeof(via6));
	c = cfg_of(&d6, 64, &via6);
	expect_refused(test, pn, &c, NULL);

	via4 = a4(0xc0a80001);
	c = cfg_of(&d4, 24, &via4);
	c.encap = PODNET_ENCAP_MAX + 1;
	expect_refused(test, pn, &c, NULL);
	c.encap = PODNET_ENCAP_VXLAN;
	ether_addr_copy(c.mac, group);
	expect_refused(test, pn, &c, NULL);

	KUNIT_EXPECT_EQ(test, pn->routes.count, 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&pn->routes.generation), 0);
	KUNIT_EXPECT_NULL(test, nexthop(pn, &via4));
}

static void route_duplicates_and_the_limit(struct kunit *test)
{
	struct podnet_dev *pn = podnet_test_dev(test);
	struct podnet_addr via = a4(0xc0a80001), d;
	struct netlink_ext_ack extack = {};
	struct podnet_route_cfg c;
	struct podnet_route *rt;
	u32 i;

	d = a4(0x0a000000);
	c = cfg_of(&d, 24, &via);
	KUNIT_ASSERT_EQ(test, add(pn, &c, false, 0, NULL), 0);
	KUNIT_EXPECT_EQ(test, add(pn, &c, false, 0, &extack), -EEXIST);
	KUNIT_EXPECT_NOT_NULL(test, extack._msg);
	/* The same address with another length is another prefix. */
	c = cfg_of(&d, 16, &via);
	KUNIT_EXPECT_EQ(test, add(pn, &c, false, 0, NULL), 0);

	rtnl_lock();
	pn->routes.max = 8;
	rtnl_unlock();
	for (i = 2; i < 8; i++) {
		d = a4(0x0a000000 + (i << 8));
		c = cfg_of(&d, 24, &via);
		KUNIT_ASSERT_EQ(test, add(pn, &c, false, 0, NULL), 0);
	}
	d = a4(0x0a000800);
	c = cfg_of(&d, 24, &via);
	memset(&extack, 0, sizeof(extack));
	KUNIT_EXPECT_EQ(test, add(pn, &c, false, 0, &extack), -ENOSPC);
	KUNIT_EXPECT_NOT_NULL(test, extack._msg);
	KUNIT_EXPECT_EQ(test, add(pn, &c, true, 0, NULL), -ENOSPC);
	KUNIT_EXPECT_EQ(test, pn->routes.count, 8);

	/* A full table still takes replacements, and room made by deletion. */
	d = a4(0x0a000700);
	c = cfg_of(&d, 24, &via);
	c.encap = PODNET_ENCAP_DIRECT;
	KUNIT_EXPECT_EQ(test, add(pn, &c, true, 1, NULL), 0);
	rt = find(pn, &d, 24);
	KUNIT_ASSERT_NOT_NULL(test, rt);
	KUNIT_EXPECT_EQ(test, rt->encap, PODNET_ENCAP_DIRECT);
	KUNIT_EXPECT_EQ(test, del(pn, &d, 24), 0);
	d = a4(0x0a000800);
	c = cfg_of(&d, 24, &via);
	KUNIT_EXPECT_EQ(test, add(pn, &c, false, 0, NULL), 0);
	KUNIT_EXPECT_EQ(test, pn->routes.count, 8);
}

static void route_replace(struct kunit *test)
{
	static const u8 mac[ETH_ALEN] = { 0x02, 0, 0, 0, 0, 9 };
	struct podnet_dev *pn = podnet_test_dev(test);
	struct podnet_addr v1 = a4(0xc0a80001), v2 = a6(0xfd990000, 0, 0, 2);
	struct podnet_addr d = a4(0x0a000100);
	struct podnet_route *rt, *rt2;
	struct podnet_route_cfg c;
	int gen;

	c = cfg_of(&d, 24, &v1);
	KUNIT_ASSERT_EQ(test, add(pn, &c, false, 5, NULL), 0);
	rt = find(pn, &d, 24);
	KUNIT_ASSERT_NOT_NULL(test, rt);
	KUNIT_EXPECT_EQ(test, rt->generation, 5);

	/* The same route again: only its generation changes, in place. */
	gen = atomic_read(&pn->routes.generation);
	KUNIT_EXPECT_EQ(test, add(pn, &c, true, 5, NULL), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&pn->routes.generation), gen);
	KUNIT_EXPECT_EQ(test, add(pn, &c, true, 6, NULL), 0);
	KUNIT_EXPECT_PTR_EQ(test, find(pn, &d, 24), rt);
	KUNIT_EXPECT_EQ(test, rt->generation, 6);
	KUNIT_EXPECT_NE(test, atomic_read(&pn->routes.generation), gen);

	/* Another next hop, encap or MAC: a new entry takes its place. */
	c = cfg_of(&d, 24, &v2);
	c.encap = PODNET_ENCAP_VXLAN;
	ether_addr_copy(c.mac, mac);
	gen = atomic_read(&pn->routes.generation);
	KUNIT_EXPECT_EQ(test, add(pn, &c, true, 7, NULL), 0);
	KUNIT_EXPECT_NE(test, atomic_read(&pn->routes.generation), gen);
	rt2 = find(pn, &d, 24);
	KUNIT_ASSERT_NOT_NULL(test, rt2);
	KUNIT_EXPECT_PTR_NE(test, rt2, rt);
	KUNIT_EXPECT_PTR_EQ(test, lookup(pn, &d), rt2);
	KUNIT_EXPECT_EQ(test, rt2->generation, 7);
	KUNIT_EXPECT_EQ(test, rt2->encap, PODNET_ENCAP_VXLAN);
	KUNIT_EXPECT_TRUE(test, ether_addr_equal(rt2->mac, mac));
	KUNIT_EXPECT_PTR_EQ(test, rt2->nh, nexthop(pn, &v2));
	/* The old next hop had no other route: it is gone. */
	KUNIT_EXPECT_NULL(test, nexthop(pn, &v1));
	KUNIT_EXPECT_EQ(test, pn->routes.count, 1);
	KUNIT_EXPECT_EQ(test, pn->routes.plen_count4[24], 1);

	/* Replacing what is not there adds it. */
	d = a4(0x0a000200);
	c = cfg_of(&d, 24, &v1);
	KUNIT_EXPECT_EQ(test, add(pn, &c, true, 7, NULL), 0);
	KUNIT_EXPECT_EQ(test, pn->routes.count, 2);
}

static void route_nexthops_are_shared(struct kunit *test)
{
	struct podnet_dev *pn = podnet_test_dev(test);
	struct podnet_addr via = a4(0xc0a80001), other = a4(0xc0a80002);
	struct podnet_addr d1 = a4(0x0a000100), d2 = a6(0xfd000000, 2, 0, 0);
	struct podnet_route_cfg c;
	struct podnet_nexthop *nh;
	struct podnet_route *rt;

	c = cfg_of(&d1, 24, &via);
	KUNIT_ASSERT_EQ(test, add(pn, &c, false, 0, NULL), 0);
	c = cfg_of(&d2, 64, &via);
	KUNIT_ASSERT_EQ(test, add(pn, &c, false, 0, NULL), 0);
	nh = nexthop(pn, &via);
	KUNIT_ASSERT_NOT_NULL(test, nh);
	KUNIT_EXPECT_EQ(test, nh->refs, 2);
	rt = find(pn, &d1, 24);
	KUNIT_ASSERT_NOT_NULL(test, rt);
	KUNIT_EXPECT_PTR_EQ(test, rt->nh, nh);
	rt = find(pn, &d2, 64);
	KUNIT_ASSERT_NOT_NULL(test, rt);
	KUNIT_EXPECT_PTR_EQ(test, rt->nh, nh);
	KUNIT_EXPECT_TRUE(test, !memcmp(&nh->addr, &via, sizeof(via)));
	/* Decapsulation asks about addresses that are no next hop too. */
	KUNIT_EXPECT_NULL(test, nexthop(pn, &other));
	other = a6(0xc0a80001, 0, 0, 0);
	KUNIT_EXPECT_NULL(test, nexthop(pn, &other));

	KUNIT_EXPECT_EQ(test, del(pn, &d1, 24), 0);
	KUNIT_EXPECT_PTR_EQ(test, nexthop(pn, &via), nh);
	KUNIT_EXPECT_EQ(test, nh->refs, 1);
	KUNIT_EXPECT_EQ(test, del(pn, &d2, 64), 0);
	KUNIT_EXPECT_NULL(test, nexthop(pn, &via));
}

static void route_flush_by_generation(struct kunit *test)
{
	/* Across the wrap: 0xfffffffe < 0xffffffff < 0 < 1 < 2. */
	static const u32 gens[] = { 0xfffffffe, 0xffffffff, 0, 1, 2 };
	struct podnet_dev *pn = podnet_test_dev(test);
	struct podnet_addr via = a4(0xc0a80001), d;
	struct podnet_route_cfg c;
	int i;

	for (i = 0; i < ARRAY_SIZE(gens); i++) {
		d = a4(0x0a000000 + (i << 8));
		c = cfg_of(&d, 24, &via);
		KUNIT_ASSERT_EQ(test, add(pn, &c, false, gens[i], NULL), 0);
	}
	/* Older than 0: the two before the wrap go, 0, 1 and 2 stay. */
	flush(pn, false, 0);
	KUNIT_EXPECT_EQ(test, pn->routes.count, 3);
	for (i = 0; i < ARRAY_SIZE(gens); i++) {
		d = a4(0x0a000000 + (i << 8));
		KUNIT_EXPECT_EQ_MSG(test, !!find(pn, &d, 24), i >= 2,
				    "generation %u", gens[i]);
	}
	/* Nothing is older than the oldest. */
	flush(pn, false, 0);
	KUNIT_EXPECT_EQ(test, pn->routes.count, 3);
	flush(pn, false, 2);
	KUNIT_EXPECT_EQ(test, pn->routes.count, 1);
	d = a4(0x0a000400);
	KUNIT_EXPECT_NOT_NULL(test, find(pn, &d, 24));

	flush(pn, true, 0);
	KUNIT_EXPECT_EQ(test, pn->routes.count, 0);
	KUNIT_EXPECT_EQ(test, pn->routes.plen_count4[24], 0);
	KUNIT_EXPECT_TRUE(test, bitmap_empty(pn->routes.plens4, 33));
	KUNIT_EXPECT_NULL(test, nexthop(pn, &via));
}

/* A resync: everything re-added under N + 1, then older than N + 1 flushed. */
static void route_resync_keeps_the_current(struct kunit *test)
{
	struct podnet_dev *pn = podnet_test_dev(test);
	struct podnet_addr via = a4(0xc0a80001), d;
	struct podnet_route_cfg c;
	u32 i;

	for (i = 0; i < 300; i++) {
		d = a4(0x0a000000 + (i << 8));
		c = cfg_of(&d, 24, &via);
		KUNIT_ASSERT_EQ(test, add(pn, &c, false, 0xffffffff, NULL), 0);
	}
	/* The daemon lost a third of the routes; the rest are re-added. */
	for (i = 0; i < 300; i++) {
		if (i % 3 == 0)
			continue;
		d = a4(0x0a000000 + (i << 8));
		c = cfg_of(&d, 24, &via);
		KUNIT_ASSERT_EQ(test, add(pn, &c, true, 0, NULL), 0);
	}
	flush(pn, false, 0);
	KUNIT_EXPECT_EQ(test, pn->routes.count, 200);
	for (i = 0; i < 300; i++) {
		d = a4(0x0a000000 + (i << 8) + 1);
		KUNIT_EXPECT_EQ_MSG(test, lpm(pn, &d), i % 3 ? 24 : -1,
				    "route %u", i);
	}
	KUNIT_ASSERT_NOT_NULL(test, nexthop(pn, &via));
	KUNIT_EXPECT_EQ(test, nexthop(pn, &via)->refs, 200);
}

struct walk_state {
	unsigned long *seen;
	unsigned int n, stop_every, in_call;
	bool twice;
};

static int walk_one(const struct podnet_route *rt, void *arg)
{
	struct walk_state *w = arg;
	unsigned int i = (ntohl(rt->key.v4) >> 8) & 0xffff;

	if (w->in_call == w->stop_every)
		return 1;
	w->in_call++;
	if (__test_and_set_bit(i, w->seen))
		w->twice = true;
	w->n++;
	return 0;
}

/* Dumps walk in pieces and must see every route once. */
static void route_walk_sees_each_once(struct kunit *test)
{
	struct podnet_dev *pn = podnet_test_dev(test);
	struct podnet_addr via = a4(0xc0a80001), d;
	struct podnet_route_pos pos;
	struct podnet_route_cfg c;
	struct walk_state w;
	int attempt, calls;
	u32 i, total = 700;

	w.seen = kunit_kzalloc(test, BITS_TO_LONGS(total) * sizeof(long),
			       GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, w.seen);
	for (i = 0; i < total; i++) {
		d = a4(0x0a000000 + (i << 8));
		c = cfg_of(&d, 24, &via);
		KUNIT_ASSERT_EQ(test, add(pn, &c, false, 0, NULL), 0);
	}
	/* The table grows behind the inserts: a walk meeting that restarts. */
	for (attempt = 0; attempt < 10; attempt++) {
		memset(&pos, 0, sizeof(pos));
		bitmap_zero(w.seen, total);
		w.n = 0;
		w.twice = false;
		w.stop_every = 13;
		calls = 0;
		do {
			w.in_call = 0;
			calls++;
		} while (podnet_routes_walk(pn, &pos, walk_one, &w) &&
			 calls < 1000);
		if (!pos.moved)
			break;
		msleep(20);
	}
	KUNIT_EXPECT_FALSE(test, pos.moved);
	KUNIT_EXPECT_FALSE(test, w.twice);
	KUNIT_EXPECT_EQ(test, w.n, total);
	KUNIT_EXPECT_EQ(test, bitmap_weight(w.seen, total), total);
	KUNIT_EXPECT_GE(test, calls, total / 13);
}

/*
 * The reference: a plain array of routes, scanned for the longest match.
 */
#define REF_SLOTS	48
#define REF_VIAS	4

struct ref_route {
	bool used;
	struct podnet_prefix p;
	int via;
	u8 encap;
	u32 generation;
};

struct ref_table {
	struct ref_route r[REF_SLOTS * 2];
	unsigned int count;
};

static bool ref_covers(const struct podnet_prefix *p,
		       const struct podnet_addr *a)
{
	struct podnet_prefix m = prefix_of(a, p->plen);

	if (p->family != a->family)
		return false;
	if (a->family == AF_INET)
		m.v4 &= p->plen ? htonl(~0U << (32 - p->plen)) : 0;
	else
		ipv6_addr_prefix(&m.v6, &a->v6, p->plen);
	return !memcmp(&m, p, sizeof(m));
}

static struct ref_route *ref_lpm(struct ref_table *t,
				 const struct podnet_addr *a)
{
	struct ref_route *best = NULL;
	int i;

	for (i = 0; i < ARRAY_SIZE(t->r); i++)
		if (t->r[i].used && ref_covers(&t->r[i].p, a) &&
		    (!best || t->r[i].p.plen > best->p.plen))
			best = &t->r[i];
	return best;
}

static struct ref_route *ref_find(struct ref_table *t,
				  const struct podnet_prefix *p)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(t->r); i++)
		if (t->r[i].used && !memcmp(&t->r[i].p, p, sizeof(*p)))
			return &t->r[i];
	return NULL;
}

static struct ref_route *ref_free_slot(struct ref_table *t)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(t->r); i++)
		if (!t->r[i].used)
			return &t->r[i];
	return NULL;
}

/* Random addresses from a small space, so that prefixes overlap a lot. */
static struct podnet_addr random_addr(struct rnd_state *rnd, bool v6)
{
	u32 r = prandom_u32_state(rnd);

	if (!v6)
		return a4(0x0a000000 | (r & 0x00070307));
	return a6(0xfd000000 | (r & 3), (r >> 2) & 0x10001, 0,
		  (r >> 8) & 0x10007);
}

static u8 random_plen(struct rnd_state *rnd, bool v6)
{
	static const u8 plens4[] = { 0, 8, 14, 16, 22, 24, 30, 32 };
	static const u8 plens6[] = { 0, 16, 30, 32, 48, 64, 112, 126, 128 };
	u32 r = prandom_u32_state(rnd);

	return v6 ? plens6[r % ARRAY_SIZE(plens6)] :
		    plens4[r % ARRAY_SIZE(plens4)];
}

static struct podnet_addr ref_via(int i)
{
	return i < 2 ? a4(0xc0a80001 + i) : a6(0xfd990000, 0, 0, i);
}

/* Checks the table against the reference after an operation. */
static void ref_check(struct kunit *test, struct podnet_dev *pn,
		      struct ref_table *t, struct rnd_state *rnd, bool v6,
		      u32 seed, int op)
{
	struct podnet_route *rt;
	struct ref_route *want;
	struct podnet_nexthop *nh;
	struct podnet_addr a, via;
	unsigned int refs;
	int i, k;

	KUNIT_ASSERT_EQ_MSG(test, pn->routes.count, t->count,
			    "seed %u, operation %d", seed, op);
	for (k = 0; k < 8; k++) {
		a = random_addr(rnd, v6);
		want = ref_lpm(t, &a);
		rt = lookup(pn, &a);
		if (!want) {
			KUNIT_ASSERT_NULL_MSG(test, rt, "seed %u, operation %d",
					      seed, op);
			continue;
		}
		KUNIT_ASSERT_NOT_NULL_MSG(test, rt, "seed %u, operation %d",
					  seed, op);
		via = ref_via(want->via);
		KUNIT_ASSERT_TRUE_MSG(test,
				      !memcmp(&rt->key, &want->p, sizeof(want->p)) &&
				      !memcmp(&rt->nh->addr, &via, sizeof(via)) &&
				      rt->encap == want->encap &&
				      rt->generation == want->generation,
				      "seed %u, operation %d: /%u for /%u", seed,
				      op, rt->key.plen, want->p.plen);
	}
	for (i = 0; i < REF_VIAS; i++) {
		refs = 0;
		for (k = 0; k < ARRAY_SIZE(t->r); k++)
			refs += t->r[k].used && t->r[k].via == i;
		via = ref_via(i);
		nh = nexthop(pn, &via);
		KUNIT_ASSERT_EQ_MSG(test, nh ? nh->refs : 0, refs,
				    "seed %u, operation %d, next hop %d", seed,
				    op, i);
	}
}

#define RANDOM_OPS	1500

static void route_matches_a_reference(struct kunit *test, bool v6)
{
	struct podnet_dev *pn = podnet_test_dev(test);
	struct ref_table *t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);
	struct podnet_route_cfg c;
	struct podnet_addr a, via;
	struct ref_route *have;
	u32 seed = get_random_u32(), gen = 0xfffffff0, older;
	struct rnd_state rnd;
	int op, err, want, v;
	bool replace;
	u8 plen;

	KUNIT_ASSERT_NOT_NULL(test, t);
	kunit_info(test, "seed %u\n", seed);
	prandom_seed_state(&rnd, seed);
	rtnl_lock();
	pn->routes.max = REF_SLOTS;
	rtnl_unlock();

	for (op = 0; op < RANDOM_OPS; op++) {
		/* A prefix: a random address, masked. */
		a = random_addr(&rnd, v6);
		plen = random_plen(&rnd, v6);
		if (v6) {
			struct in6_addr full = a.v6;

			ipv6_addr_prefix(&a.v6, &full, plen);
		} else {
			a.v4 &= plen ? htonl(~0U << (32 - plen)) : 0;
		}
		c = cfg_of(&a, plen, &a);
		have = ref_find(t, &c.prefix);

		switch (prandom_u32_state(&rnd) % 16) {
		case 0 ... 8:
			v = prandom_u32_state(&rnd) % REF_VIAS;
			via = ref_via(v);
			c.via = via;
			c.encap = prandom_u32_state(&rnd) % 3;
			replace = prandom_u32_state(&rnd) % 2;
			if (!(prandom_u32_state(&rnd) % 8))
				gen++;
			err = add(pn, &c, replace, gen, NULL);
			want = have ? (replace ? 0 : -EEXIST) :
				      (t->count >= REF_SLOTS ? -ENOSPC : 0);
			KUNIT_ASSERT_EQ_MSG(test, err, want,
					    "seed %u, operation %d: add", seed, op);
			if (err)
				break;
			if (!have) {
				have = ref_free_slot(t);
				have->used = true;
				have->p = c.prefix;
				t->count++;
			}
			have->via = v;
			have->encap = c.encap;
			have->generation = gen;
			break;
		case 9 ... 13:
			err = del(pn, &a, plen);
			KUNIT_ASSERT_EQ_MSG(test, err, have ? 0 : -ENOENT,
					    "seed %u, operation %d: del", seed, op);
			if (have) {
				have->used = false;
				t->count--;
			}
			break;
		case 14:
			/* A flush of what is older than a recent generation. */
			older = gen - prandom_u32_state(&rnd) % 4;
			flush(pn, false, older);
			for (v = 0; v < ARRAY_SIZE(t->r); v++) {
				if (t->r[v].used &&
				    (s32)(t->r[v].generation - older) < 0) {
					t->r[v].used = false;
					t->count--;
				}
			}
			break;
		default:
			if (prandom_u32_state(&rnd) % 8)
				break;
			flush(pn, true, 0);
			memset(t, 0, sizeof(*t));
		}
		ref_check(test, pn, t, &rnd, v6, seed, op);
	}
}

static void route_ipv4_matches_a_reference(struct kunit *test)
{
	route_matches_a_reference(test, false);
}

static void route_ipv6_matches_a_reference(struct kunit *test)
{
	route_matches_a_reference(test, true);
}

static struct kunit_case podnet_route_cases[] = {
	KUNIT_CASE(route_ipv4_longest_match),
	KUNIT_CASE(route_ipv6_longest_match),
	KUNIT_CASE(route_refuses_the_malformed),
	KUNIT_CASE(route_duplicates_and_the_limit),
	KUNIT_CASE(route_replace),
	KUNIT_CASE(route_nexthops_are_shared),
	KUNIT_CASE(route_flush_by_generation),
	KUNIT_CASE(route_resync_keeps_the_current),
	KUNIT_CASE(route_walk_sees_each_once),
	KUNIT_CASE_SLOW(route_ipv4_matches_a_reference),
	KUNIT_CASE_SLOW(route_ipv6_matches_a_reference),
	{}
};

static struct kunit_suite podnet_route_suite = {
	.name = "podnet_route",
	.test_cases = podnet_route_cases,
};

kunit_test_suites(&podnet_route_suite);
