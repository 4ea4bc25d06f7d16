// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: bridge mode's FDB - learning, moves, limits, flushing, ageing,
 * and random operations against a plain array.
 */
#include <kunit/test.h>
#include <linux/etherdevice.h>
#include <linux/prandom.h>

#include "util.h"

static void mac_of(u8 *addr, u32 n)
{
	/* Locally administered unicast, distinct for each n. */
	addr[0] = 0x02;
	addr[1] = 0x00;
	put_unaligned_be32(n + 1, addr + 2);
}

static void learn(struct podnet_dev *pn, struct podnet_port *port, const u8 *addr)
{
	rcu_read_lock();
	podnet_fdb_learn(pn, port, addr);
	rcu_read_unlock();
}

static struct podnet_port *lookup(struct podnet_dev *pn, const u8 *addr)
{
	struct podnet_port *port;

	rcu_read_lock();
	port = podnet_fdb_lookup(pn, addr);
	rcu_read_unlock();
	return port;
}

static void fdb_learns_and_moves(struct kunit *test)
{
	struct podnet_dev *pn = podnet_test_dev(test);
	struct podnet_port *p1 = podnet_test_port(test, pn);
	struct podnet_port *p2 = podnet_test_port(test, pn);
	int generation;
	u8 a[ETH_ALEN];

	mac_of(a, 1);
	KUNIT_EXPECT_NULL(test, lookup(pn, a));
	learn(pn, p1, a);
	KUNIT_EXPECT_PTR_EQ(test, lookup(pn, a), p1);
	KUNIT_EXPECT_EQ(test, atomic_read(&pn->fdb.count), 1);

	generation = atomic_read(&pn->fdb.generation);
	learn(pn, p1, a);
	KUNIT_EXPECT_EQ(test, atomic_read(&pn->fdb.generation), generation);

	learn(pn, p2, a);
	KUNIT_EXPECT_PTR_EQ(test, lookup(pn, a), p2);
	KUNIT_EXPECT_EQ(test, atomic_read(&pn->fdb.count), 1);
	KUNIT_EXPECT_NE(test, atomic_read(&pn->fdb.generation), generation);
}

static void fdb_ignores_what_is_not_a_station(struct kunit *test)
{
	static const u8 zero[ETH_ALEN];
	static const u8 multicast[ETH_ALEN] = { 0x01, 0x00, 0x5e, 0, 0, 1 };
	struct podnet_dev *pn = podnet_test_dev(test);
	struct podnet_port *p1 = podnet_test_port(test, pn);

	learn(pn, p1, zero);
	learn(pn, p1, multicast);
	learn(pn, p1, pn->dev->dev_addr);
	KUNIT_EXPECT_EQ(test, atomic_read(&pn->fdb.count), 0);
	KUNIT_EXPECT_NULL(test, lookup(pn, pn->dev->dev_addr));
}

static void fdb_is_bounded(struct kunit *test)
{
	struct podnet_dev *pn = podnet_test_dev(test);
	struct podnet_port *p1 = podnet_test_port(test, pn);
	u8 a[ETH_ALEN];
	u32 i;

	for (i = 0; i < PODNET_FDB_MAX + 100; i++) {
		mac_of(a, i);
		learn(pn, p1, a);
	}
	KUNIT_EXPECT_EQ(test, atomic_read(&pn->fdb.count), PODNET_FDB_MAX);
	mac_of(a, PODNET_FDB_MAX + 50);
	KUNIT_EXPECT_NULL(test, lookup(pn, a));
	mac_of(a, 0);
	KUNIT_EXPECT_PTR_EQ(test, lookup(pn, a), p1);
}

static void fdb_flushes_one_port(struct kunit *test)
{
	struct podnet_dev *pn = podnet_test_dev(test);
	struct podnet_port *p1 = podnet_test_port(test, pn);
	struct podnet_port *p2 = podnet_test_port(test, pn);
	u8 a[ETH_ALEN], b[ETH_ALEN], c[ETH_ALEN];

	mac_of(a, 1);
	mac_of(b, 2);
	mac_of(c, 3);
	learn(pn, p1, a);
	learn(pn, p1, b);
	learn(pn, p2, c);
	podnet_fdb_flush(pn, p1);
	KUNIT_EXPECT_NULL(test, lookup(pn, a));
	KUNIT_EXPECT_NULL(test, lookup(pn, b));
	KUNIT_EXPECT_PTR_EQ(test, lookup(pn, c), p2);
	KUNIT_EXPECT_EQ(test, atomic_read(&pn->fdb.count), 1);
	podnet_fdb_flush(pn, NULL);
	KUNIT_EXPECT_EQ(test, atomic_read(&pn->fdb.count), 0);
}

static void fdb_ages_out_the_silent(struct kunit *test)
{
	struct podnet_dev *pn = podnet_test_dev(test);
	struct podnet_port *p1 = podnet_test_port(test, pn);
	struct podnet_fdb_entry *e;
	u8 old[ETH_ALEN], fresh[ETH_ALEN];

	mac_of(old, 1);
	mac_of(fresh, 2);
	learn(pn, p1, old);
	learn(pn, p1, fresh);
	rcu_read_lock();
	e = podnet_fdb_entry_find(pn, old);
	KUNIT_ASSERT_NOT_NULL(test, e);
	WRITE_ONCE(e->updated, jiffies - (PODNET_AGEING_TIME_DEFAULT + 1) * HZ);
	KUNIT_EXPECT_GE(test, podnet_fdb_age_ms(e),
			(PODNET_AGEING_TIME_DEFAULT + 1) * MSEC_PER_SEC);
	rcu_read_unlock();

	/* Run the collector now, and wait for it. */
	podnet_fdb_reschedule(pn);
	flush_delayed_work(&pn->fdb.gc);
	KUNIT_EXPECT_NULL(test, lookup(pn, old));
	KUNIT_EXPECT_PTR_EQ(test, lookup(pn, fresh), p1);
}

#define RANDOM_MACS	64
#define RANDOM_PORTS	4
#define RANDOM_OPS	3000

/* Random learning and flushing, against an array that says what must be. */
static void fdb_matches_a_reference(struct kunit *test)
{
	struct podnet_dev *pn = podnet_test_dev(test);
	struct podnet_port *ports[RANDOM_PORTS];
	struct podnet_port *want[RANDOM_MACS] = {};
	struct rnd_state rnd;
	u8 a[ETH_ALEN];
	int i, op, m, p;

	prandom_seed_state(&rnd, 42);
	for (p = 0; p < RANDOM_PORTS; p++)
		ports[p] = podnet_test_port(test, pn);

	for (op = 0; op < RANDOM_OPS; op++) {
		m = prandom_u32_state(&rnd) % RANDOM_MACS;
		p = prandom_u32_state(&rnd) % RANDOM_PORTS;
		if (prandom_u32_state(&rnd) % 50) {
			mac_of(a, m);
			learn(pn, ports[p], a);
			want[m] = ports[p];
		} else {
			podnet_fdb_flush(pn, ports[p]);
			for (i = 0; i < RANDOM_MACS; i++)
				if (want[i] == ports[p])
					want[i] = NULL;
		}
		for (i = 0; i < RANDOM_MACS; i++) {
			mac_of(a, i);
			KUNIT_ASSERT_PTR_EQ_MSG(test, lookup(pn, a), want[i],
						"operation %d, MAC %d", op, i);
		}
	}
}

static struct kunit_case podnet_fdb_cases[] = {
	KUNIT_CASE(fdb_learns_and_moves),
	KUNIT_CASE(fdb_ignores_what_is_not_a_station),
	KUNIT_CASE(fdb_is_bounded),
	KUNIT_CASE(fdb_flushes_one_port),
	KUNIT_CASE(fdb_ages_out_the_silent),
	KUNIT_CASE_SLOW(fdb_matches_a_reference),
	{}
};

static struct kunit_suite podnet_fdb_suite = {
	.name = "podnet_fdb",
	.test_cases = podnet_fdb_cases,
};

kunit_test_suites(&podnet_fdb_suite);
