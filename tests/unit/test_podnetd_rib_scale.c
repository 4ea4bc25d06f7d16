// SPDX-License-Identifier: GPL-2.0
/*
 * podnetd's RIB at full-table size: 1M IPv4 prefixes from one peer with
 * one set of attributes, as the memory benchmark against BIRD feeds it,
 * every one then handed out dirty and installed. Prints how long that
 * takes and the octets per route, as the RIB counts them and as the heap
 * grew; fails only if a route costs 200 octets or more (BIRD: 150-200).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <malloc.h>
#include <arpa/inet.h>
#include <sys/socket.h>
#include <cmocka.h>

#include "rib.h"

#define BIT(type)	BGP_ATTR_BIT(BGP_ATTR_##type)
#define ROUTES		1000000
#define BYTES_MAX	200

static struct bgp_attrs attrs;

static double seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static size_t heap_used(void)
{
	struct mallinfo2 mi = mallinfo2();

	return mi.uordblks + mi.hblkhd;
}

/* 1.0.0.0/24, 1.0.1.0/24, ...: a million /24s, like a full table */
static void route(struct rib_prefix *p, uint32_t i)
{
	memset(p, 0, sizeof(*p));
	p->family = AF_INET;
	p->plen = 24;
	p->addr[0] = 1 + (i >> 16);
	p->addr[1] = i >> 8;
	p->addr[2] = i;
}

static void test_million_routes(void **state)
{
	const struct rib_local local = { .as = 64512, .router_id = 1 };
	struct rib_source src = { .as = 65001, .router_id = 2, .ebgp = true };
	struct podnet_addr nh = { .family = AF_INET };
	size_t heap_before = heap_used(), heap_after, n = 0;
	double t0, t1, t2, t3;
	struct rib_attrs *ra;
	struct rib_prefix p;
	struct rib_entry *e;
	struct rib_stats st;
	struct rib *rib;
	uint32_t i;
	int peer;

	(void)state;
	rib = rib_new(&local);
	assert_non_null(rib);
	src.address.family = AF_INET;
	src.address.v4.s_addr = htonl(0x0a000002);
	nh.v4 = src.address.v4;
	peer = rib_source_add(rib, &src);
	assert_true(peer > 0);
	attrs.present = BIT(ORIGIN) | BIT(AS_PATH) | BIT(MED);
	attrs.as_path.n_segs = 1;
	attrs.as_path.n_asns = 3;
	attrs.as_path.segs[0].type = BGP_AS_SEQUENCE;
	attrs.as_path.segs[0].len = 3;
	attrs.as_path.asns[0] = 65001;
	attrs.as_path.asns[1] = 65010;
	attrs.as_path.asns[2] = 65020;
	attrs.med = 10;
	ra = rib_attrs_intern(rib, &attrs);
	assert_non_null(ra);

	t0 = seconds();
	for (i = 0; i < ROUTES; i++) {
		route(&p, i);
		assert_int_equal(rib_update(rib, peer, &p, rib_attrs_get(ra),
					    &nh), 0);
	}
	t1 = seconds();
	while ((e = rib_dirty_next(rib))) {
		rib_entry_set_installed(e, &rib_best(e)->nexthop);
		n++;
	}
	t2 = seconds();
	assert_int_equal(n, ROUTES);
	for (i = 0; i < ROUTES; i++) {
		route(&p, i);
		assert_true(rib_entry_installed(rib_lookup(rib, &p), NULL));
	}
	t3 = seconds();

	rib_get_stats(rib, &st);
	heap_after = heap_used();
	assert_int_equal(st.prefixes, ROUTES);
	assert_int_equal(st.paths, ROUTES);
	assert_int_equal(st.attrs, 1);
	print_message("%d prefixes inserted in %.3f s (%.0f ns each)\n",
		      ROUTES, t1 - t0, (t1 - t0) * 1e9 / ROUTES);
	print_message("handed out and installed in %.3f s\n", t2 - t1);
	print_message("looked up in %.3f s\n", t3 - t2);
	print_message("octets per route, as the RIB counts: %.1f\n",
		      (double)st.bytes / ROUTES);
	print_message("octets per route, as the heap grew: %.1f\n",
		      (double)(heap_after - heap_before) / ROUTES);
	assert_true(st.bytes / ROUTES < BYTES_MAX);
	assert_true((heap_after - heap_before) / ROUTES < BYTES_MAX);

	t0 = seconds();
	assert_int_equal(rib_source_flush(rib, peer), ROUTES);
	n = 0;
	while ((e = rib_dirty_next(rib))) {
		rib_entry_set_installed(e, NULL);
		n++;
	}
	t1 = seconds();
	assert_int_equal(n, ROUTES);
	rib_get_stats(rib, &st);
	assert_int_equal(st.prefixes, 0);
	print_message("flushed and handed out in %.3f s; %zu octets left\n",
		      t1 - t0, st.bytes);
	rib_attrs_put(rib, ra);
	assert_int_equal(rib_attrs_count(rib), 0);
	rib_free(rib);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_million_routes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
