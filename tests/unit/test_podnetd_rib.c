// SPDX-License-Identifier: GPL-2.0
/*
 * podnetd's RIB: interning, each step of the decision process on its own,
 * loop checks, the dirty queue and when entries are freed, the installed
 * next hop, the Adj-RIB-Out bits, graceful restart's stale paths, flushes
 * and the prefix helpers. Export rules, a randomized run against a
 * reference and the 1M-prefix figures are in test_podnetd_rib_*.c.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <arpa/inet.h>
#include <sys/socket.h>
#include <cmocka.h>

#include "rib.h"

#define BIT(type)	BGP_ATTR_BIT(BGP_ATTR_##type)
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

static const uint32_t our_as = 64512;
static const uint32_t our_id = 0x0a000001;
static const uint32_t our_cluster = 0x0a0000ff;

static struct rib *rib;
static struct bgp_attrs attrs, other, out;

static struct podnet_addr addr(const char *text)
{
	struct podnet_addr a = { .family = strchr(text, ':') ? AF_INET6
							     : AF_INET };

	assert_int_equal(inet_pton(a.family, text, &a.v6), 1);
	return a;
}

static struct rib_prefix prefix(const char *text)
{
	char buf[64];
	char *slash;
	struct rib_prefix p = { 0 };

	snprintf(buf, sizeof(buf), "%s", text);
	slash = strchr(buf, '/');
	*slash = 0;
	p.family = strchr(buf, ':') ? AF_INET6 : AF_INET;
	p.plen = atoi(slash + 1);
	assert_int_equal(inet_pton(p.family, buf, p.addr), 1);
	return p;
}

/* ORIGIN IGP and an AS_SEQUENCE of n ASes */
static void path_attrs(struct bgp_attrs *a, int n, ...)
{
	va_list ap;
	int i;

	memset(a, 0, sizeof(*a));
	a->present = BIT(ORIGIN) | BIT(AS_PATH);
	if (n) {
		a->as_path.n_segs = 1;
		a->as_path.segs[0].type = BGP_AS_SEQUENCE;
		a->as_path.segs[0].len = n;
	}
	a->as_path.n_asns = n;
	va_start(ap, n);
	for (i = 0; i < n; i++)
		a->as_path.asns[i] = va_arg(ap, uint32_t);
	va_end(ap);
}

static struct rib_attrs *intern(const struct bgp_attrs *a)
{
	struct rib_attrs *ra = rib_attrs_intern(rib, a);

	assert_non_null(ra);
	return ra;
}

static uint16_t peer(bool ebgp, uint32_t as, uint32_t router_id,
		     const char *address)
{
	struct rib_source src = {
		.router_id = router_id,
		.as = as,
		.address = addr(address),
		.ebgp = ebgp,
		.export_all = true,
	};
	int id = rib_source_add(rib, &src);

	assert_true(id > 0);
	return id;
}

static void update(uint16_t source, const char *pfx,
		   const struct bgp_attrs *a, const char *nexthop)
{
	struct rib_prefix p = prefix(pfx);
	struct podnet_addr nh = addr(nexthop);

	assert_int_equal(rib_update(rib, source, &p, intern(a), &nh), 0);
}

static void assert_addr(const struct podnet_addr *a, const char *text)
{
	struct podnet_addr want = addr(text);

	assert_int_equal(a->family, want.family);
	assert_memory_equal(&a->v6, &want.v6,
			    want.family == AF_INET ? 4 : 16);
}

static struct rib_entry *lookup(const char *pfx)
{
	struct rib_prefix p = prefix(pfx);

	return rib_lookup(rib, &p);
}

static const struct rib_path *best(const char *pfx)
{
	struct rib_entry *e = lookup(pfx);

	assert_non_null(e);
	return rib_best(e);
}

static int drain(void)
{
	int n = 0;

	while (rib_dirty_next(rib))
		n++;
	return n;
}

static struct rib_stats stats(void)
{
	struct rib_stats st;

	rib_get_stats(rib, &st);
	return st;
}

static int setup(void **state)
{
	const struct rib_local local = {
		.as = our_as,
		.router_id = our_id,
		.cluster_id = our_cluster,
		.nexthop4 = addr("192.0.2.1"),
		.nexthop6 = addr("2001:db8::1"),
	};

	(void)state;
	rib = rib_new(&local);
	assert_non_null(rib);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	rib_free(rib);
	return 0;
}

static void test_intern_shares(void **state)
{
	struct rib_attrs *a, *b, *c;

	(void)state;
	path_attrs(&attrs, 2, 65001, 65002);
	a = intern(&attrs);
	b = intern(&attrs);
	assert_ptr_equal(a, b);
	assert_int_equal(rib_attrs_refs(a), 2);
	path_attrs(&other, 2, 65001, 65003);
	c = intern(&other);
	assert_ptr_not_equal(a, c);
	assert_int_equal(rib_attrs_count(rib), 2);
	assert_ptr_equal(rib_attrs_get(c), c);
	assert_int_equal(rib_attrs_refs(c), 2);

	rib_attrs_put(rib, a);
	assert_int_equal(rib_attrs_refs(b), 1);
	rib_attrs_put(rib, b);
	assert_int_equal(rib_attrs_count(rib), 1);
	rib_attrs_put(rib, c);
	rib_attrs_put(rib, c);
	rib_attrs_put(rib, NULL);
	assert_int_equal(rib_attrs_count(rib), 0);
}

static uint8_t ext_community[8] = { 0, 2, 0xfd, 0xe9, 0, 0, 0, 7 };
static uint8_t large_community[12] = { 0, 0, 0xfd, 0xe9, 0, 0, 0, 1,
				       0, 0, 0, 2 };

static void every_attr(struct bgp_attrs *a)
{
	path_attrs(a, 3, 65001, 4200000001U, 65003);
	a->as_path.segs[0].len = 2;
	a->as_path.segs[1].type = BGP_AS_SET;
	a->as_path.segs[1].len = 1;
	a->as_path.n_segs = 2;
	a->present |= BIT(NEXT_HOP) | BIT(MED) | BIT(LOCAL_PREF) |
		      BIT(ATOMIC_AGGREGATE) | BIT(AGGREGATOR) |
		      BIT(COMMUNITIES) | BIT(ORIGINATOR_ID) |
		      BIT(CLUSTER_LIST);
	a->partial = BIT(AGGREGATOR);
	a->origin = BGP_ORIGIN_EGP;
	a->next_hop.s_addr = htonl(0xc0000202);
	a->med = 5;
	a->local_pref = 300;
	a->aggregator.asn = 65010;
	a->aggregator.addr.s_addr = htonl(0x0a0000fe);
	a->n_communities = 2;
	a->communities[0] = 0xfde90064;
	a->communities[1] = 0xffffff01;
	a->originator_id.s_addr = htonl(0x0a000009);
	a->n_clusters = 2;
	a->clusters[0] = 7;
	a->clusters[1] = 8;
	a->n_unknown = 2;
	a->unknown[0] = (struct bgp_raw_attr){
		.flags = BGP_ATTR_FLAG_OPTIONAL | BGP_ATTR_FLAG_TRANSITIVE |
			 BGP_ATTR_FLAG_PARTIAL,
		.type = 32, .len = sizeof(large_community),
		.value = large_community,
	};
	a->unknown[1] = (struct bgp_raw_attr){
		.flags = BGP_ATTR_FLAG_OPTIONAL | BGP_ATTR_FLAG_TRANSITIVE,
		.type = 16, .len = sizeof(ext_community),
		.value = ext_community,
	};
}

static void test_intern_round_trip(void **state)
{
	uint8_t ext_copy[sizeof(ext_community)];
	struct rib_attrs *a, *b;

	(void)state;
	every_attr(&attrs);
	a = intern(&attrs);
	rib_attrs_expand(a, &out);
	assert_true(bgp_attrs_equal(&out, &attrs));
	assert_int_equal(rib_attrs_local_pref(a), 300);

	/* the values were copied: the parse buffer may go */
	memcpy(ext_copy, ext_community, sizeof(ext_copy));
	memset(ext_community, 0xee, sizeof(ext_community));
	assert_false(bgp_attrs_equal(&out, &attrs));
	memcpy(ext_community, ext_copy, sizeof(ext_copy));
	assert_true(bgp_attrs_equal(&out, &attrs));
	assert_int_equal(out.unknown[0].type, 16);
	assert_ptr_not_equal(out.unknown[0].value, ext_community);

	/* the same set in another order and with other flag bits is equal */
	other = attrs;
	other.unknown[0] = attrs.unknown[1];
	other.unknown[1] = attrs.unknown[0];
	other.unknown[1].flags |= BGP_ATTR_FLAG_EXTENDED;
	assert_true(bgp_attrs_equal(&other, &attrs));
	b = intern(&other);
	assert_ptr_equal(a, b);
	rib_attrs_put(rib, b);

	/* so are fields of attributes that are not there */
	path_attrs(&attrs, 1, 65001);
	path_attrs(&other, 1, 65001);
	other.med = 99;
	other.local_pref = 7;
	other.n_communities = 3;
	other.partial = BIT(COMMUNITIES);
	b = intern(&attrs);
	assert_ptr_equal(intern(&other), b);
	assert_int_equal(rib_attrs_local_pref(b), RIB_LOCAL_PREF_DEFAULT);
	rib_attrs_expand(b, &out);
	assert_true(bgp_attrs_equal(&out, &other));
	assert_int_equal(out.n_communities, 0);
	rib_attrs_put(rib, b);
	rib_attrs_put(rib, b);

	/* an empty set round-trips too */
	memset(&attrs, 0, sizeof(attrs));
	b = intern(&attrs);
	rib_attrs_expand(b, &out);
	assert_true(bgp_attrs_equal(&out, &attrs));
	rib_attrs_put(rib, b);

	rib_attrs_put(rib, a);
	assert_int_equal(rib_attrs_count(rib), 0);
}

/* Each differs from the other in one step; a is the better. */
struct step_case {
	const char *name;
	bool ebgp_a, ebgp_b;
	uint32_t id_a, id_b;
	const char *addr_a, *addr_b;
	void (*attrs_a)(struct bgp_attrs *a);
	void (*attrs_b)(struct bgp_attrs *a);
	bool local_a;
};

static void as1(struct bgp_attrs *a)
{
	path_attrs(a, 1, 65001);
}

static void as2(struct bgp_attrs *a)
{
	path_attrs(a, 2, 65001, 65009);
}

static void as3(struct bgp_attrs *a)
{
	path_attrs(a, 3, 65001, 65008, 65009);
}

static void as1_set2(struct bgp_attrs *a)
{
	path_attrs(a, 3, 65001, 65008, 65009);
	a->as_path.segs[0].len = 1;
	a->as_path.segs[1].type = BGP_AS_SET;
	a->as_path.segs[1].len = 2;
	a->as_path.n_segs = 2;
}

static void lp200(struct bgp_attrs *a)
{
	as2(a);
	a->present |= BIT(LOCAL_PREF);
	a->local_pref = 200;
}

static void lp90(struct bgp_attrs *a)
{
	as1(a);
	a->present |= BIT(LOCAL_PREF);
	a->local_pref = 90;
}

static void lp150(struct bgp_attrs *a)
{
	as1(a);
	a->present |= BIT(LOCAL_PREF);
	a->local_pref = 150;
}

static void lp500(struct bgp_attrs *a)
{
	as1(a);
	a->present |= BIT(LOCAL_PREF);
	a->local_pref = 500;
}

static void egp(struct bgp_attrs *a)
{
	as1(a);
	a->origin = BGP_ORIGIN_EGP;
}

static void med10(struct bgp_attrs *a)
{
	as1(a);
	a->present |= BIT(MED);
	a->med = 10;
}

static void med20(struct bgp_attrs *a)
{
	med10(a);
	a->med = 20;
}

static void med20_other_as(struct bgp_attrs *a)
{
	med20(a);
	a->as_path.asns[0] = 65002;
}

static void originator_low(struct bgp_attrs *a)
{
	as1(a);
	a->present |= BIT(ORIGINATOR_ID);
	a->originator_id.s_addr = htonl(0x01010101);
}

static void cluster1(struct bgp_attrs *a)
{
	as1(a);
	a->present |= BIT(CLUSTER_LIST);
	a->n_clusters = 1;
	a->clusters[0] = 7;
}

static void cluster2(struct bgp_attrs *a)
{
	cluster1(a);
	a->n_clusters = 2;
	a->clusters[1] = 8;
}

static void empty_path(struct bgp_attrs *a)
{
	path_attrs(a, 0);
}

static const struct step_case steps[] = {
	{ "local over learned, even with lower LOCAL_PREF",
	  .local_a = true, .attrs_a = empty_path, .attrs_b = lp500 },
	{ "higher LOCAL_PREF over shorter path",
	  .attrs_a = lp200, .attrs_b = as1 },
	{ "absent LOCAL_PREF counts as 100",
	  .attrs_a = as1, .attrs_b = lp90 },
	{ "LOCAL_PREF from eBGP ignored",
	  .ebgp_b = true, .attrs_a = lp150, .attrs_b = lp500 },
	{ "shorter AS path", .attrs_a = as1, .attrs_b = as2 },
	{ "an AS_SET counts one", .attrs_a = as1_set2, .attrs_b = as3 },
	{ "lower ORIGIN", .attrs_a = as1, .attrs_b = egp, .id_a = 9 },
	{ "lower MED, same neighbour AS", .attrs_a = med10, .attrs_b = med20,
	  .id_a = 9 },
	{ "absent MED is 0", .attrs_a = as1, .attrs_b = med10, .id_a = 9 },
	{ "MED not compared across neighbour ASes",
	  .attrs_a = med20_other_as, .attrs_b = med10, .id_b = 9 },
	{ "eBGP over iBGP", .ebgp_a = true, .attrs_a = as1, .attrs_b = as1,
	  .id_a = 9 },
	{ "lower router ID", .attrs_a = as1, .attrs_b = as1, .id_b = 9 },
	{ "ORIGINATOR_ID stands for the router ID",
	  .attrs_a = originator_low, .attrs_b = as1, .id_a = 0x03030303,
	  .id_b = 0x02020202 },
	{ "shorter CLUSTER_LIST", .attrs_a = cluster1, .attrs_b = cluster2 },
	{ "lower peer address", .attrs_a = as1, .attrs_b = as1,
	  .addr_a = "10.1.0.9", .addr_b = "10.1.0.10" },
	{ "IPv4 peer address before IPv6", .attrs_a = as1, .attrs_b = as1,
	  .addr_a = "10.1.0.9", .addr_b = "2001:db8::2" },
};

/* b gets the lower source id, so the last tie-break cannot favour a */
static void run_step(const struct step_case *c, bool a_first)
{
	uint16_t a = RIB_SOURCE_LOCAL, b;
	const struct rib_path *first, *second;
	struct bgp_attrs *pa = &attrs, *pb = &other;

	print_message("%s%s\n", c->name, a_first ? "" : " (b first)");
	setup(NULL);
	b = peer(c->ebgp_b, c->ebgp_b ? 65001 : our_as,
		 c->id_b ? c->id_b : 5, c->addr_b ? c->addr_b : "10.1.0.5");
	if (!c->local_a)
		a = peer(c->ebgp_a, c->ebgp_a ? 65001 : our_as,
			 c->id_a ? c->id_a : 5,
			 c->addr_a ? c->addr_a : "10.1.0.5");
	c->attrs_a(pa);
	c->attrs_b(pb);
	if (a_first) {
		update(a, "10.9.0.0/16", pa, "10.1.0.5");
		update(b, "10.9.0.0/16", pb, "10.1.0.6");
	} else {
		update(b, "10.9.0.0/16", pb, "10.1.0.6");
		update(a, "10.9.0.0/16", pa, "10.1.0.5");
	}
	first = best("10.9.0.0/16");
	assert_int_equal(first->source, a);
	second = first->next;
	assert_non_null(second);
	assert_int_equal(second->source, b);
	assert_null(second->next);
	assert_true(rib_path_compare(rib, first, second) < 0);
	assert_true(rib_path_compare(rib, second, first) > 0);
	assert_int_equal(rib_path_compare(rib, first, first), 0);
	teardown(NULL);
}

static void test_decision_steps(void **state)
{
	size_t i;

	(void)state;
	teardown(NULL);
	for (i = 0; i < ARRAY_SIZE(steps); i++) {
		run_step(&steps[i], true);
		run_step(&steps[i], false);
	}
	setup(NULL);
}

/*
 * Pairwise, b beats a (MED), c beats b and a beats c (router IDs): RFC
 * 4271 9.1.2.2 drops a at the MED step, so c is best whatever the order.
 */
static void test_med_cycle(void **state)
{
	static const int orders[6][3] = {
		{ 0, 1, 2 }, { 0, 2, 1 }, { 1, 0, 2 },
		{ 1, 2, 0 }, { 2, 0, 1 }, { 2, 1, 0 },
	};
	const uint32_t ids[3] = { 1, 3, 2 };
	struct rib_prefix p = prefix("10.9.0.0/16");
	int o, i;

	(void)state;
	teardown(NULL);
	for (o = 0; o < 6; o++) {
		uint16_t src[3];

		setup(NULL);
		for (i = 0; i < 3; i++)
			src[i] = peer(false, our_as, ids[i], "10.1.0.5");
		for (i = 0; i < 3; i++) {
			int k = orders[o][i];

			med10(&attrs);
			attrs.med = k == 0 ? 20 : k == 1 ? 10 : 0;
			if (k == 2)
				attrs.as_path.asns[0] = 65002;
			update(src[k], "10.9.0.0/16", &attrs, "10.1.0.5");
		}
		assert_int_equal(best("10.9.0.0/16")->source, src[2]);
		/* and when b goes, a is back and wins on router ID */
		assert_int_equal(rib_withdraw(rib, src[1], &p), 0);
		assert_int_equal(best("10.9.0.0/16")->source, src[0]);
		teardown(NULL);
	}
	setup(NULL);
}

static void test_loops(void **state)
{
	uint16_t ext = peer(true, 65001, 5, "10.1.0.5");
	uint16_t in = peer(false, our_as, 6, "10.1.0.6");
	struct rib_prefix p = prefix("10.9.0.0/16");
	struct podnet_addr nh = addr("10.1.0.5");

	(void)state;
	path_attrs(&attrs, 1, 65001);
	update(ext, "10.9.0.0/16", &attrs, "10.1.0.5");
	assert_int_equal(drain(), 1);

	/* our AS in an eBGP path: the path it had goes */
	path_attrs(&attrs, 3, 65001, our_as, 65003);
	assert_int_equal(rib_update(rib, ext, &p, intern(&attrs), &nh), 0);
	assert_null(best("10.9.0.0/16"));
	assert_int_equal(drain(), 1);
	assert_null(lookup("10.9.0.0/16"));
	assert_int_equal(rib_attrs_count(rib), 0);

	/* in an iBGP path it is no loop */
	update(in, "10.9.0.0/16", &attrs, "10.1.0.6");
	assert_int_equal(best("10.9.0.0/16")->source, in);

	path_attrs(&attrs, 1, 65001);
	attrs.present |= BIT(ORIGINATOR_ID);
	attrs.originator_id.s_addr = htonl(our_id);
	assert_int_equal(rib_update(rib, in, &p, intern(&attrs), &nh), 0);
	assert_null(best("10.9.0.0/16"));

	path_attrs(&attrs, 1, 65001);
	attrs.present |= BIT(CLUSTER_LIST);
	attrs.n_clusters = 2;
	attrs.clusters[0] = 1;
	attrs.clusters[1] = our_cluster;
	assert_int_equal(rib_update(rib, in, &p, intern(&attrs), &nh), 0);
	assert_null(best("10.9.0.0/16"));
	assert_int_equal(stats().paths, 0);
	assert_int_equal(rib_attrs_count(rib), 0);

	/* the checks follow rib_set_local() */
	{
		struct rib_local local = {
			.as = our_as, .router_id = our_id, .cluster_id = 99,
		};
		struct rib_attrs *ra = intern(&attrs);

		rib_set_local(rib, &local);
		assert_int_equal(rib_update(rib, in, &p, ra, &nh), 0);
		assert_non_null(best("10.9.0.0/16"));
		local.cluster_id = 1;
		rib_set_local(rib, &local);
		assert_int_equal(rib_update(rib, in, &p, intern(&attrs), &nh),
				 0);
		assert_null(best("10.9.0.0/16"));
	}
}

static void test_update_refuses(void **state)
{
	struct rib_prefix p = prefix("10.9.0.0/16");
	struct podnet_addr nh = addr("10.1.0.5");

	(void)state;
	path_attrs(&attrs, 0);
	assert_int_equal(rib_update(rib, 7, &p, intern(&attrs), &nh), -EINVAL);
	assert_int_equal(rib_update(rib, RIB_MAX_SOURCES, &p, intern(&attrs),
				    &nh), -EINVAL);
	assert_int_equal(rib_update(rib, 0, &p, NULL, &nh), -EINVAL);
	p.plen = 33;
	assert_int_equal(rib_update(rib, 0, &p, intern(&attrs), &nh), -EINVAL);
	p.family = AF_UNIX;
	p.plen = 8;
	assert_int_equal(rib_update(rib, 0, &p, intern(&attrs), &nh), -EINVAL);
	assert_int_equal(rib_withdraw(rib, 0, &p), -ENOENT);
	assert_int_equal(rib_attrs_count(rib), 0);
	assert_int_equal(stats().prefixes, 0);
}

static void test_dirty_queue(void **state)
{
	uint16_t a = peer(false, our_as, 5, "10.1.0.5");
	uint16_t b = peer(false, our_as, 6, "10.1.0.6");
	static const char *const order[] = {
		"10.3.0.0/16", "10.1.0.0/16", "10.2.0.0/16",
	};
	struct rib_prefix p;
	struct rib_entry *e;
	int i;

	(void)state;
	path_attrs(&attrs, 1, 65001);
	for (i = 0; i < 3; i++)
		update(a, order[i], &attrs, "10.1.0.5");
	/* again, and a worse path: no change of best, queued once */
	update(a, order[0], &attrs, "10.1.0.5");
	path_attrs(&other, 2, 65001, 65002);
	update(b, order[1], &other, "10.1.0.6");
	for (i = 0; i < 3; i++) {
		e = rib_dirty_next(rib);
		assert_non_null(e);
		p = prefix(order[i]);
		assert_memory_equal(rib_entry_prefix(e), &p, sizeof(p));
	}
	assert_null(rib_dirty_next(rib));

	/* what does not move the best is not dirty */
	update(b, order[1], &attrs, "10.1.0.6");
	p = prefix(order[1]);
	assert_int_equal(rib_withdraw(rib, b, &p), 0);
	assert_null(rib_dirty_next(rib));

	/* a new next hop does; so do other attributes */
	update(a, order[2], &attrs, "10.1.0.7");
	update(a, order[1], &other, "10.1.0.5");
	assert_ptr_equal(rib_dirty_next(rib), lookup(order[2]));
	assert_ptr_equal(rib_dirty_next(rib), lookup(order[1]));
	assert_null(rib_dirty_next(rib));

	/* a better path from another source does */
	path_attrs(&other, 0);
	update(b, order[0], &other, "10.1.0.6");
	assert_ptr_equal(rib_dirty_next(rib), lookup(order[0]));
	assert_int_equal(rib_best(lookup(order[0]))->source, b);
	assert_null(rib_dirty_next(rib));
}

static void test_entry_freed_after_handed_out(void **state)
{
	uint16_t a = peer(false, our_as, 5, "10.1.0.5");
	struct rib_prefix p = prefix("10.1.0.0/16");
	struct podnet_addr nh = addr("10.1.0.5");
	struct rib_entry *e;

	(void)state;
	path_attrs(&attrs, 1, 65001);
	update(a, "10.1.0.0/16", &attrs, "10.1.0.5");
	assert_int_equal(rib_withdraw(rib, a, &p), 0);
	assert_int_equal(rib_withdraw(rib, a, &p), -ENOENT);
	/* kept, without path, until handed out */
	e = lookup("10.1.0.0/16");
	assert_non_null(e);
	assert_null(rib_best(e));
	assert_int_equal(stats().prefixes, 1);
	assert_ptr_equal(rib_dirty_next(rib), e);
	assert_int_equal(stats().prefixes, 1);
	assert_null(rib_dirty_next(rib));
	assert_int_equal(stats().prefixes, 0);
	assert_null(lookup("10.1.0.0/16"));

	/* a path again before the next call: kept */
	update(a, "10.1.0.0/16", &attrs, "10.1.0.5");
	assert_int_equal(drain(), 1);
	assert_int_equal(rib_withdraw(rib, a, &p), 0);
	e = rib_dirty_next(rib);
	assert_null(rib_best(e));
	update(a, "10.1.0.0/16", &attrs, "10.1.0.5");
	assert_ptr_equal(rib_dirty_next(rib), e);
	assert_non_null(rib_best(e));
	assert_null(rib_dirty_next(rib));
	assert_int_equal(stats().prefixes, 1);

	/* installed and announced: the daemon clears both, then it goes */
	e = lookup("10.1.0.0/16");
	rib_entry_set_installed(e, &nh);
	assert_int_equal(rib_adj_out_set(e, 3, true), 0);
	assert_int_equal(rib_withdraw(rib, a, &p), 0);
	e = rib_dirty_next(rib);
	assert_true(rib_entry_installed(e, NULL));
	rib_entry_set_installed(e, NULL);
	assert_int_equal(rib_adj_out_set(e, 3, false), 0);
	assert_null(rib_dirty_next(rib));
	assert_int_equal(stats().prefixes, 0);

	/* left announced: kept until a walk finds it cleared */
	update(a, "10.1.0.0/16", &attrs, "10.1.0.5");
	drain();
	e = lookup("10.1.0.0/16");
	assert_int_equal(rib_adj_out_set(e, 3, true), 0);
	assert_int_equal(rib_withdraw(rib, a, &p), 0);
	assert_int_equal(drain(), 1);
	assert_ptr_equal(lookup("10.1.0.0/16"), e);
	assert_int_equal(rib_source_mark_stale(rib, a), 0);
	assert_ptr_equal(lookup("10.1.0.0/16"), e);
	rib_source_reset_adj_out(rib, 3);
	assert_null(lookup("10.1.0.0/16"));
	assert_int_equal(stats().prefixes, 0);
}

static void test_installed_next_hop(void **state)
{
	uint16_t a = peer(false, our_as, 5, "10.1.0.5");
	uint16_t b = peer(false, our_as, 6, "10.1.0.6");
	struct rib_prefix p = prefix("10.1.0.0/16");
	struct podnet_addr nh5 = addr("10.1.0.5"), nh;
	struct rib_entry *e;

	(void)state;
	path_attrs(&attrs, 1, 65001);
	update(a, "10.1.0.0/16", &attrs, "10.1.0.5");
	e = lookup("10.1.0.0/16");
	assert_false(rib_entry_installed(e, &nh));
	rib_entry_set_installed(e, &nh5);
	assert_true(rib_entry_installed(e, &nh));
	assert_addr(&nh, "10.1.0.5");

	/* the path moves on; the kernel still has the old one */
	update(a, "10.1.0.0/16", &attrs, "10.1.0.7");
	assert_true(rib_entry_installed(e, &nh));
	assert_addr(&nh, "10.1.0.5");
	rib_entry_set_installed(e, &rib_best(e)->nexthop);
	assert_true(rib_entry_installed(e, &nh));
	assert_addr(&nh, "10.1.0.7");

	/* named by another path with the same next hop when its own goes */
	path_attrs(&other, 2, 65001, 65002);
	update(b, "10.1.0.0/16", &other, "10.1.0.7");
	assert_int_equal(rib_withdraw(rib, a, &p), 0);
	assert_true(rib_entry_installed(e, &nh));
	assert_addr(&nh, "10.1.0.7");
	assert_int_equal(rib_withdraw(rib, b, &p), 0);
	assert_null(rib_best(e));
	assert_true(rib_entry_installed(e, &nh));
	assert_addr(&nh, "10.1.0.7");

	/* one none of its paths has */
	update(a, "10.1.0.0/16", &attrs, "10.1.0.5");
	nh = addr("2001:db8::9");
	rib_entry_set_installed(e, &nh);
	memset(&nh, 0, sizeof(nh));
	assert_true(rib_entry_installed(e, &nh));
	assert_addr(&nh, "2001:db8::9");
	rib_entry_set_installed(e, NULL);
	assert_false(rib_entry_installed(e, &nh));
}

static void test_adj_out(void **state)
{
	uint16_t a = peer(false, our_as, 5, "10.1.0.5");
	struct rib_entry *e, *f;

	(void)state;
	path_attrs(&attrs, 1, 65001);
	update(a, "10.1.0.0/16", &attrs, "10.1.0.5");
	update(a, "10.2.0.0/16", &attrs, "10.1.0.5");
	e = lookup("10.1.0.0/16");
	f = lookup("10.2.0.0/16");
	assert_false(rib_adj_out_test(e, 3));
	assert_int_equal(rib_adj_out_set(e, 3, true), 0);
	assert_int_equal(rib_adj_out_set(e, 700, true), 0);
	assert_int_equal(rib_adj_out_set(e, RIB_MAX_SOURCES - 1, true), 0);
	assert_int_equal(rib_adj_out_set(e, RIB_MAX_SOURCES, true), -EINVAL);
	assert_int_equal(rib_adj_out_set(f, 3, true), 0);
	assert_true(rib_adj_out_test(e, 3));
	assert_true(rib_adj_out_test(e, 700));
	assert_true(rib_adj_out_test(e, RIB_MAX_SOURCES - 1));
	assert_false(rib_adj_out_test(e, 4));
	assert_false(rib_adj_out_test(e, 699));
	assert_false(rib_adj_out_test(f, 700));
	assert_false(rib_adj_out_test(e, RIB_MAX_SOURCES));

	assert_int_equal(rib_adj_out_set(e, 700, false), 0);
	assert_int_equal(rib_adj_out_set(e, 701, false), 0);
	assert_false(rib_adj_out_test(e, 700));
	rib_source_reset_adj_out(rib, 3);
	assert_false(rib_adj_out_test(e, 3));
	assert_false(rib_adj_out_test(f, 3));
	assert_true(rib_adj_out_test(e, RIB_MAX_SOURCES - 1));
	/* a flush forgets what the source was sent */
	rib_source_flush(rib, RIB_MAX_SOURCES - 1);
	assert_false(rib_adj_out_test(e, RIB_MAX_SOURCES - 1));
}

static void test_stale(void **state)
{
	uint16_t a = peer(false, our_as, 5, "10.1.0.5");
	uint16_t b = peer(false, our_as, 6, "10.1.0.6");

	(void)state;
	path_attrs(&attrs, 1, 65001);
	path_attrs(&other, 2, 65001, 65002);
	update(a, "10.1.0.0/16", &attrs, "10.1.0.5");
	update(a, "10.2.0.0/16", &attrs, "10.1.0.5");
	update(a, "10.3.0.0/16", &other, "10.1.0.5");
	update(b, "10.3.0.0/16", &attrs, "10.1.0.6");
	update(a, "10.4.0.0/16", &attrs, "10.1.0.5");
	update(b, "10.4.0.0/16", &other, "10.1.0.6");
	drain();

	assert_int_equal(rib_source_mark_stale(rib, a), 4);
	assert_true(best("10.1.0.0/16")->stale);
	assert_false(best("10.3.0.0/16")->stale);
	assert_true(best("10.3.0.0/16")->next->stale);
	/* stale paths are selected like the others */
	assert_int_equal(best("10.4.0.0/16")->source, a);
	assert_true(best("10.4.0.0/16")->stale);
	assert_int_equal(drain(), 0);

	/* the restarted peer sends one again */
	update(a, "10.1.0.0/16", &attrs, "10.1.0.5");
	assert_false(best("10.1.0.0/16")->stale);
	assert_true(best("10.2.0.0/16")->stale);
	assert_int_equal(drain(), 0);

	assert_int_equal(rib_source_sweep_stale(rib, a), 3);
	assert_non_null(best("10.1.0.0/16"));
	assert_null(best("10.2.0.0/16"));
	assert_int_equal(best("10.3.0.0/16")->source, b);
	assert_null(best("10.3.0.0/16")->next);
	assert_int_equal(best("10.4.0.0/16")->source, b);
	assert_int_equal(drain(), 2);
	assert_null(lookup("10.2.0.0/16"));
	assert_int_equal(rib_source_sweep_stale(rib, a), 0);
	assert_int_equal(rib_source_paths(rib, a), 1);
	assert_int_equal(rib_source_paths(rib, b), 2);
}

static void test_flush(void **state)
{
	uint16_t a = peer(false, our_as, 5, "10.1.0.5");
	uint16_t b = peer(false, our_as, 6, "10.1.0.6");
	char pfx[32];
	int i;

	(void)state;
	path_attrs(&attrs, 1, 65001);
	path_attrs(&other, 2, 65001, 65002);
	for (i = 0; i < 3000; i++) {
		snprintf(pfx, sizeof(pfx), "10.%d.%d.0/24", i / 256, i % 256);
		update(a, pfx, &attrs, "10.1.0.5");
		if (i % 3 == 0)
			update(b, pfx, &other, "10.1.0.6");
	}
	assert_int_equal(stats().prefixes, 3000);
	assert_int_equal(stats().paths, 4000);
	assert_int_equal(drain(), 3000);

	assert_int_equal(rib_source_flush(rib, a), 3000);
	assert_int_equal(rib_source_paths(rib, a), 0);
	assert_int_equal(stats().paths, 1000);
	assert_int_equal(drain(), 3000);
	assert_int_equal(stats().prefixes, 1000);
	assert_int_equal(best("10.0.3.0/24")->source, b);
	assert_int_equal(rib_attrs_count(rib), 1);

	rib_source_del(rib, b);
	assert_null(rib_source_get(rib, b));
	assert_int_equal(stats().paths, 0);
	assert_int_equal(drain(), 1000);
	assert_int_equal(stats().prefixes, 0);
	assert_int_equal(rib_attrs_count(rib), 0);
	/* the id is free again */
	assert_int_equal(peer(false, our_as, 7, "10.1.0.7"), b);
}

static void test_arena_given_back(void **state)
{
	uint16_t a = peer(false, our_as, 5, "10.1.0.5");
	struct rib_stats full, empty;
	char pfx[32];
	int i;

	(void)state;
	path_attrs(&attrs, 1, 65001);
	for (i = 0; i < 20000; i++) {
		snprintf(pfx, sizeof(pfx), "10.%d.%d.0/24", i / 256, i % 256);
		update(a, pfx, &attrs, "10.1.0.5");
	}
	drain();
	full = stats();
	rib_source_flush(rib, a);
	drain();
	empty = stats();
	print_message("20000 prefixes: %zu octets, none: %zu\n", full.bytes,
		      empty.bytes);
	assert_true(empty.bytes < full.bytes / 4);
	/* and it fills again */
	for (i = 0; i < 20000; i++) {
		snprintf(pfx, sizeof(pfx), "10.%d.%d.0/24", i / 256, i % 256);
		update(a, pfx, &attrs, "10.1.0.5");
	}
	assert_int_equal(stats().prefixes, 20000);
	assert_non_null(best("10.78.31.0/24"));
}

static void test_source_set_resorts(void **state)
{
	struct rib_source src;
	uint16_t a = peer(false, our_as, 5, "10.1.0.5");
	uint16_t b = peer(false, our_as, 6, "10.1.0.6");

	(void)state;
	path_attrs(&attrs, 1, 65001);
	update(a, "10.1.0.0/16", &attrs, "10.1.0.5");
	update(b, "10.1.0.0/16", &attrs, "10.1.0.6");
	assert_int_equal(best("10.1.0.0/16")->source, a);
	drain();

	src = *rib_source_get(rib, a);
	src.router_id = 9;
	rib_source_set(rib, a, &src);
	assert_int_equal(rib_source_get(rib, a)->router_id, 9);
	assert_int_equal(best("10.1.0.0/16")->source, b);
	assert_int_equal(best("10.1.0.0/16")->next->source, a);
	assert_int_equal(drain(), 1);

	src.ebgp = true;
	rib_source_set(rib, a, &src);
	assert_int_equal(best("10.1.0.0/16")->source, a);
	assert_int_equal(drain(), 1);
	/* the local source is no peer to set */
	rib_source_set(rib, RIB_SOURCE_LOCAL, &src);
	assert_int_equal(rib_source_get(rib, RIB_SOURCE_LOCAL)->as, our_as);
	assert_false(rib_source_get(rib, RIB_SOURCE_LOCAL)->ebgp);
}

static void test_sources(void **state)
{
	struct rib_source src = { .as = 1 };
	int i, id;

	(void)state;
	assert_non_null(rib_source_get(rib, RIB_SOURCE_LOCAL));
	assert_int_equal(rib_source_get(rib, RIB_SOURCE_LOCAL)->router_id,
			 our_id);
	assert_null(rib_source_get(rib, 1));
	assert_null(rib_source_get(rib, RIB_MAX_SOURCES));
	for (i = 1; i < RIB_MAX_SOURCES; i++)
		assert_int_equal(rib_source_add(rib, &src), i);
	assert_int_equal(rib_source_add(rib, &src), -ENOSPC);
	rib_source_del(rib, 17);
	id = rib_source_add(rib, &src);
	assert_int_equal(id, 17);
	rib_source_del(rib, RIB_SOURCE_LOCAL);
	assert_non_null(rib_source_get(rib, RIB_SOURCE_LOCAL));
}

static int count_entry(const struct rib_entry *e, void *arg)
{
	int *n = arg;

	(void)e;
	return ++*n == 5 ? 42 : 0;
}

static void test_walk(void **state)
{
	uint16_t a = peer(false, our_as, 5, "10.1.0.5");
	char pfx[32];
	int i, n = 0;

	(void)state;
	path_attrs(&attrs, 1, 65001);
	for (i = 0; i < 3; i++) {
		snprintf(pfx, sizeof(pfx), "10.%d.0.0/16", i);
		update(a, pfx, &attrs, "10.1.0.5");
	}
	assert_int_equal(rib_walk(rib, count_entry, &n), 0);
	assert_int_equal(n, 3);
	for (i = 3; i < 10; i++) {
		snprintf(pfx, sizeof(pfx), "10.%d.0.0/16", i);
		update(a, pfx, &attrs, "10.1.0.5");
	}
	n = 0;
	assert_int_equal(rib_walk(rib, count_entry, &n), 42);
	assert_int_equal(n, 5);
}

static void test_prefixes(void **state)
{
	struct rib_prefix p = prefix("10.244.1.7/24"), q;
	struct bgp_prefix b;
	char buf[64];

	(void)state;
	assert_int_equal(rib_prefix_format(&p, buf, sizeof(buf)), 13);
	assert_string_equal(buf, "10.244.1.7/24");
	path_attrs(&attrs, 0);
	assert_int_equal(rib_update(rib, RIB_SOURCE_LOCAL, &p, intern(&attrs),
				    NULL), 0);
	/* kept with the host bits cleared */
	assert_int_equal(rib_prefix_format(rib_entry_prefix(lookup(
				"10.244.1.0/24")), buf, sizeof(buf)), 13);
	assert_string_equal(buf, "10.244.1.0/24");
	assert_ptr_equal(lookup("10.244.1.99/24"), lookup("10.244.1.0/24"));
	assert_null(lookup("10.244.1.0/25"));
	assert_int_equal(best("10.244.1.0/24")->nexthop.family, AF_UNSPEC);
	assert_int_equal(rib_prefix_format(&p, buf, 13), -ENOSPC);

	p = prefix("2001:db8:1:2::/63");
	assert_int_equal(rib_prefix_format(&p, buf, sizeof(buf)), 17);
	assert_string_equal(buf, "2001:db8:1:2::/63");
	rib_prefix_to_bgp(&b, &p);
	assert_int_equal(b.afi, BGP_AFI_IPV6);
	assert_int_equal(b.len, 63);
	/* host bits from the codec are cleared too */
	b.addr[7] |= 0x01;
	b.addr[15] = 0xff;
	rib_prefix_from_bgp(&q, &b);
	assert_memory_equal(&q, &p, sizeof(p));
	p = prefix("0.0.0.0/0");
	rib_prefix_to_bgp(&b, &p);
	assert_int_equal(b.afi, BGP_AFI_IPV4);
	rib_prefix_from_bgp(&q, &b);
	assert_memory_equal(&q, &p, sizeof(p));
	assert_int_equal(rib_prefix_format(&q, buf, sizeof(buf)), 9);
	q.family = AF_UNIX;
	assert_int_equal(rib_prefix_format(&q, buf, sizeof(buf)),
			 -EAFNOSUPPORT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_intern_shares,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_intern_round_trip,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_decision_steps,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_med_cycle,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_loops, setup, teardown),
		cmocka_unit_test_setup_teardown(test_update_refuses,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_dirty_queue,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_entry_freed_after_handed_out,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_installed_next_hop,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_adj_out, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stale, setup, teardown),
		cmocka_unit_test_setup_teardown(test_flush, setup, teardown),
		cmocka_unit_test_setup_teardown(test_arena_given_back,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_source_set_resorts,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_sources, setup, teardown),
		cmocka_unit_test_setup_teardown(test_walk, setup, teardown),
		cmocka_unit_test_setup_teardown(test_prefixes,
						setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
