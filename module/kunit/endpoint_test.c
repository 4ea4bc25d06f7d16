// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the endpoint table - IPv4 and IPv6 keys, duplicates and
 * replacement, deletion, flushing by port, MAC learning, the size limit,
 * and random operations against a plain array.
 */
#include <kunit/test.h>
#include <linux/etherdevice.h>
#include <linux/prandom.h>
#include <net/netlink.h>

#include "util.h"

static struct podnet_addr key_of(u32 n, bool v6)
{
	struct podnet_addr key = {};

	if (v6) {
		key.family = AF_INET6;
		key.v6.s6_addr32[0] = htonl(0xfd000000);
		key.v6.s6_addr32[3] = htonl(n + 1);
	} else {
		key.family = AF_INET;
		key.v4 = htonl(0x0a000000 + n + 1);
	}
	return key;
}

static struct podnet_port *port_of(struct podnet_dev *pn,
				   const struct podnet_addr *key)
{
	struct podnet_endpoint *ep;
	struct podnet_port *port;

	rcu_read_lock();
	ep = podnet_endpoint_lookup(pn, key);
	port = ep ? rcu_dereference(ep->port) : NULL;
	rcu_read_unlock();
	return port;
}

static int add(struct podnet_dev *pn, const struct podnet_addr *key,
	       struct podnet_port *port, const u8 *mac, bool replace,
	       struct netlink_ext_ack *extack)
{
	int err;

	rtnl_lock();
	err = podnet_endpoint_add(pn, key, port, mac, replace, extack);
	rtnl_unlock();
	return err;
}

static int del(struct podnet_dev *pn, const struct podnet_addr *key)
{
	int err;

	rtnl_lock();
	err = podnet_endpoint_del(pn, key);
	rtnl_unlock();
	return err;
}

static void endpoint_keys_by_family(struct kunit *test)
{
	struct podnet_dev *pn = podnet_test_dev(test);
	struct podnet_port *p1 = podnet_test_port(test, pn);
	struct podnet_port *p2 = podnet_test_port(test, pn);
	struct podnet_addr v4 = key_of(1, false), v6 = key_of(1, true);

	KUNIT_ASSERT_EQ(test, add(pn, &v4, p1, NULL, false, NULL), 0);
	KUNIT_ASSERT_EQ(test, add(pn, &v6, p2, NULL, false, NULL), 0);
	KUNIT_EXPECT_PTR_EQ(test, port_of(pn, &v4), p1);
	KUNIT_EXPECT_PTR_EQ(test, port_of(pn, &v6), p2);
	/* The same low bytes in the other family are another address. */
	v4 = key_of(2, false);
	KUNIT_EXPECT_NULL(test, port_of(pn, &v4));
	KUNIT_EXPECT_EQ(test, pn->endpoints.count, 2);
}

static void endpoint_duplicates_and_replace(struct kunit *test)
{
	struct podnet_dev *pn = podnet_test_dev(test);
	struct podnet_port *p1 = podnet_test_port(test, pn);
	struct podnet_port *p2 = podnet_test_port(test, pn);
	struct podnet_addr k = key_of(7, false);
	static const u8 mac[ETH_ALEN] = { 0x02, 0, 0, 0, 0, 7 };
	struct netlink_ext_ack extack = {};
	struct podnet_endpoint *ep;

	KUNIT_ASSERT_EQ(test, add(pn, &k, p1, NULL, false, &extack), 0);
	KUNIT_EXPECT_EQ(test, add(pn, &k, p2, NULL, false, &extack), -EEXIST);
	KUNIT_EXPECT_NOT_NULL(test, extack._msg);
	KUNIT_EXPECT_PTR_EQ(test, port_of(pn, &k), p1);

	KUNIT_EXPECT_EQ(test, add(pn, &k, p2, mac, true, NULL), 0);
	KUNIT_EXPECT_PTR_EQ(test, port_of(pn, &k), p2);
	KUNIT_EXPECT_EQ(test, pn->endpoints.count, 1);
	rcu_read_lock();
	ep = podnet_endpoint_lookup(pn, &k);
	KUNIT_EXPECT_EQ(test, READ_ONCE(ep->mac), ether_addr_to_u64(mac));
	rcu_read_unlock();

	KUNIT_EXPECT_EQ(test, del(pn, &k), 0);
	KUNIT_EXPECT_EQ(test, del(pn, &k), -ENOENT);
	KUNIT_EXPECT_EQ(test, pn->endpoints.count, 0);
}

static void endpoint_flush_by_port(struct kunit *test)
{
	struct podnet_dev *pn = podnet_test_dev(test);
	struct podnet_port *p1 = podnet_test_port(test, pn);
	struct podnet_port *p2 = podnet_test_port(test, pn);
	struct podnet_addr a = key_of(1, false), b = key_of(2, true),
				   c = key_of(3, false);

	KUNIT_ASSERT_EQ(test, add(pn, &a, p1, NULL, false, NULL), 0);
	KUNIT_ASSERT_EQ(test, add(pn, &b, p1, NULL, false, NULL), 0);
	KUNIT_ASSERT_EQ(test, add(pn, &c, p2, NULL, false, NULL), 0);
	rtnl_lock();
	podnet_endpoints_flush(pn, p1);
	rtnl_unlock();
	KUNIT_EXPECT_NULL(test, port_of(pn, &a));
	KUNIT_EXPECT_NULL(test, port_of(pn, &b));
	KUNIT_EXPECT_PTR_EQ(test, port_of(pn, &c), p2);
	KUNIT_EXPECT_EQ(test, pn->endpoints.count, 1);
}

static void endpoint_learns_mac_from_its_port_only(struct kunit *test)
{
	static const u8 mac[ETH_ALEN] = { 0x02, 0, 0, 0, 0, 1 };
	static const u8 other[ETH_ALEN] = { 0x02, 0, 0, 0, 0, 2 };
	struct podnet_dev *pn = podnet_test_dev(test);
	struct podnet_port *p1 = podnet_test_port(test, pn);
	struct podnet_port *p2 = podnet_test_port(test, pn);
	struct podnet_addr k = key_of(1, true);
	struct podnet_endpoint *ep;

	KUNIT_ASSERT_EQ(test, add(pn, &k, p1, NULL, false, NULL), 0);
	rcu_read_lock();
	ep = podnet_endpoint_lookup(pn, &k);
	KUNIT_EXPECT_EQ(test, READ_ONCE(ep->mac), 0);
	podnet_endpoint_learn_mac(ep, p2, other);
	KUNIT_EXPECT_EQ(test, READ_ONCE(ep->mac), 0);
	podnet_endpoint_learn_mac(ep, p1, mac);
	KUNIT_EXPECT_EQ(test, READ_ONCE(ep->mac), ether_addr_to_u64(mac));
	rcu_read_unlock();
}

static void endpoint_table_is_bounded(struct kunit *test)
{
	struct podnet_dev *pn = podnet_test_dev(test);
	struct podnet_port *p1 = podnet_test_port(test, pn);
	struct netlink_ext_ack extack = {};
	struct podnet_addr k;
	u32 i;
	int err = 0;

	rtnl_lock();
	for (i = 0; i < PODNET_ENDPOINTS_MAX && !err; i++) {
		k = key_of(i, false);
		err = podnet_endpoint_add(pn, &k, p1, NULL, false, NULL);
	}
	k = key_of(i, true);
	KUNIT_EXPECT_EQ(test, err, 0);
	KUNIT_EXPECT_EQ(test, podnet_endpoint_add(pn, &k, p1, NULL, false, &extack),
			-ENOSPC);
	KUNIT_EXPECT_NOT_NULL(test, extack._msg);
	podnet_endpoints_flush(pn, NULL);
	KUNIT_EXPECT_EQ(test, pn->endpoints.count, 0);
	rtnl_unlock();
}

#define RANDOM_ADDRS	96
#define RANDOM_PORTS	3
#define RANDOM_OPS	3000

/* Random adds, replaces, deletes and flushes against what must be. */
static void endpoint_matches_a_reference(struct kunit *test)
{
	struct podnet_dev *pn = podnet_test_dev(test);
	struct podnet_port *want[RANDOM_ADDRS] = {};
	struct podnet_port *ports[RANDOM_PORTS];
	struct podnet_addr k;
	struct rnd_state rnd;
	int op, a, p, i, err;
	bool replace;

	prandom_seed_state(&rnd, 7);
	for (p = 0; p < RANDOM_PORTS; p++)
		ports[p] = podnet_test_port(test, pn);

	for (op = 0; op < RANDOM_OPS; op++) {
		a = prandom_u32_state(&rnd) % RANDOM_ADDRS;
		p = prandom_u32_state(&rnd) % RANDOM_PORTS;
		/* Half the addresses IPv4, half IPv6, same low bits. */
		k = key_of(a / 2, a % 2);
		switch (prandom_u32_state(&rnd) % 10) {
		case 0 ... 5:
			replace = prandom_u32_state(&rnd) % 2;
			err = add(pn, &k, ports[p], NULL, replace, NULL);
			KUNIT_ASSERT_EQ(test, err, want[a] && !replace ? -EEXIST : 0);
			if (!err)
				want[a] = ports[p];
			break;
		case 6 ... 8:
			KUNIT_ASSERT_EQ(test, del(pn, &k), want[a] ? 0 : -ENOENT);
			want[a] = NULL;
			break;
		default:
			rtnl_lock();
			podnet_endpoints_flush(pn, ports[p]);
			rtnl_unlock();
			for (i = 0; i < RANDOM_ADDRS; i++)
				if (want[i] == ports[p])
					want[i] = NULL;
		}
		for (i = 0; i < RANDOM_ADDRS; i++) {
			k = key_of(i / 2, i % 2);
			KUNIT_ASSERT_PTR_EQ_MSG(test, port_of(pn, &k), want[i],
						"operation %d, address %d", op, i);
		}
	}
}

static struct kunit_case podnet_endpoint_cases[] = {
	KUNIT_CASE(endpoint_keys_by_family),
	KUNIT_CASE(endpoint_duplicates_and_replace),
	KUNIT_CASE(endpoint_flush_by_port),
	KUNIT_CASE(endpoint_learns_mac_from_its_port_only),
	KUNIT_CASE_SLOW(endpoint_table_is_bounded),
	KUNIT_CASE_SLOW(endpoint_matches_a_reference),
	{}
};

static struct kunit_suite podnet_endpoint_suite = {
	.name = "podnet_endpoint",
	.test_cases = podnet_endpoint_cases,
};

kunit_test_suites(&podnet_endpoint_suite);
