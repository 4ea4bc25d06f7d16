// SPDX-License-Identifier: GPL-2.0
/*
 * podnetd's RIB against a reference: random paths from random sources for
 * a few prefixes, random withdrawals, stale marks, sweeps, flushes and
 * changes of the sources, and a daemon draining the dirty queue now and
 * then. After every operation each prefix's best path must be the one a
 * literal reading of RFC 4271 9.1.2.2 picks from a shadow table, every
 * path must be there as the shadow has it, and so must the installed next
 * hop and the Adj-RIB-Out bits; at each drain, every prefix whose best
 * moved comes out once, in the order of the operations that moved it.
 *
 * PODNETD_TEST_SEED=n replays a run; the seed is printed.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <sys/socket.h>
#include <cmocka.h>

#include "rib.h"

#define BIT(type)	BGP_ATTR_BIT(BGP_ATTR_##type)

#define OPS		10000
#define PREFIXES	24
#define PEERS		7
#define SOURCES		(PEERS + 1)
#define OUR_AS		64512
#define OUR_ID		0x0a000001
#define OUR_CLUSTER	0x0a0000ff

/* What a path's attributes are made of; zeroed whole, compared as octets */
struct shape {
	uint8_t origin;
	bool has_lp, has_med, has_originator, has_set;
	uint32_t lp, med, originator;
	uint8_t n_seq, n_clusters;
	uint32_t seq[3];
	uint32_t clusters[2];
};

struct shadow_path {
	bool on;
	bool stale;
	struct shape shape;
	struct podnet_addr nexthop;
	const struct rib_attrs *attrs;	/* the RIB's copy, for comparing */
};

struct shadow_source {
	bool ebgp;
	uint32_t router_id;
	int address;			/* in addresses[], which is sorted */
};

/* What moved a prefix's best path: source, attributes, next hop */
struct best_of {
	int source;			/* -1: no path */
	struct shape shape;
	struct podnet_addr nexthop;
};

static const char *const addresses[] = {
	"10.0.0.1", "10.0.0.2", "10.0.0.3", "2001:db8::1", "2001:db8::2",
};

static struct rib *rib;
static uint64_t rng;
static unsigned int op;

static struct rib_prefix prefixes[PREFIXES];
static struct shadow_source sources[SOURCES];
static struct shadow_path paths[PREFIXES][SOURCES];
static struct best_of before[PREFIXES];
static bool queued[PREFIXES];
static unsigned int queued_by[PREFIXES];
static bool installed[PREFIXES];
static struct podnet_addr installed_nh[PREFIXES];
static bool announced[PREFIXES][SOURCES];
static struct bgp_attrs attrs, out;

/* splitmix64 */
static uint64_t next_random(void)
{
	uint64_t z = (rng += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static unsigned int pick(unsigned int n)
{
	return next_random() % n;
}

static struct podnet_addr addr(const char *text)
{
	struct podnet_addr a = { .family = strchr(text, ':') ? AF_INET6
							     : AF_INET };

	assert_int_equal(inet_pton(a.family, text, &a.v6), 1);
	return a;
}

static bool addr_equal(const struct podnet_addr *a,
		       const struct podnet_addr *b)
{
	return a->family == b->family &&
	       !memcmp(&a->v6, &b->v6, a->family == AF_INET ? 4 : 16);
}

/* Few values of each, so that paths often tie up to a late step */
static void random_shape(struct shape *s)
{
	static const uint32_t ases[] = { 65001, 65002, 65003, 65001, OUR_AS };
	int i;

	memset(s, 0, sizeof(*s));
	s->origin = pick(5) ? BGP_ORIGIN_IGP : 1 + pick(2);
	s->has_lp = !pick(3);
	if (s->has_lp)
		s->lp = pick(3) ? 100 : 200;
	s->has_med = pick(2);
	if (s->has_med)
		s->med = 10 * pick(3);
	s->n_seq = pick(8) ? 1 + pick(2) : 0;
	for (i = 0; i < s->n_seq; i++)
		s->seq[i] = ases[pick(pick(10) ? 4 : 5)];
	s->has_set = !pick(8);
	s->has_originator = !pick(4);
	if (s->has_originator)
		s->originator = pick(10) ? 1 + pick(3) : OUR_ID;
	s->n_clusters = pick(3);
	for (i = 0; i < s->n_clusters; i++)
		s->clusters[i] = pick(10) ? 7 + pick(2) : OUR_CLUSTER;
}

static void build_attrs(const struct shape *s, struct bgp_attrs *a)
{
	int i;

	memset(a, 0, sizeof(*a));
	a->present = BIT(ORIGIN) | BIT(AS_PATH);
	a->origin = s->origin;
	if (s->n_seq) {
		a->as_path.segs[0].type = BGP_AS_SEQUENCE;
		a->as_path.segs[0].len = s->n_seq;
		a->as_path.n_segs = 1;
	}
	for (i = 0; i < s->n_seq; i++)
		a->as_path.asns[i] = s->seq[i];
	a->as_path.n_asns = s->n_seq;
	if (s->has_set) {
		a->as_path.segs[a->as_path.n_segs].type = BGP_AS_SET;
		a->as_path.segs[a->as_path.n_segs++].len = 2;
		a->as_path.asns[a->as_path.n_asns++] = 65101;
		a->as_path.asns[a->as_path.n_asns++] = 65102;
	}
	if (s->has_lp) {
		a->present |= BIT(LOCAL_PREF);
		a->local_pref = s->lp;
	}
	if (s->has_med) {
		a->present |= BIT(MED);
		a->med = s->med;
	}
	if (s->has_originator) {
		a->present |= BIT(ORIGINATOR_ID);
		a->originator_id.s_addr = htonl(s->originator);
	}
	if (s->n_clusters) {
		a->present |= BIT(CLUSTER_LIST);
		a->n_clusters = s->n_clusters;
		memcpy(a->clusters, s->clusters, sizeof(s->clusters));
	}
}

/* The reference: RFC 4271 9.1.2.2 as written, one elimination at a time */

static int64_t key_local_pref(int p, int s)
{
	const struct shape *sh = &paths[p][s].shape;

	if (sources[s].ebgp || !sh->has_lp)
		return -100;
	return -(int64_t)sh->lp;
}

static int64_t key_as_path(int p, int s)
{
	return paths[p][s].shape.n_seq + paths[p][s].shape.has_set;
}

static int64_t key_origin(int p, int s)
{
	return paths[p][s].shape.origin;
}

static int64_t key_ibgp(int p, int s)
{
	(void)p;
	return !sources[s].ebgp;
}

static int64_t key_router_id(int p, int s)
{
	const struct shape *sh = &paths[p][s].shape;

	return sh->has_originator ? sh->originator : sources[s].router_id;
}

static int64_t key_clusters(int p, int s)
{
	return paths[p][s].shape.n_clusters;
}

static int64_t key_address(int p, int s)
{
	(void)p;
	return sources[s].address;
}

static int64_t key_source(int p, int s)
{
	(void)p;
	return s;
}

/* Keeps the candidates of the lowest key */
static int keep_lowest(int p, int *cand, int n, int64_t (*key)(int, int))
{
	int64_t low = INT64_MAX;
	int i, kept = 0;

	for (i = 0; i < n; i++)
		if (key(p, cand[i]) < low)
			low = key(p, cand[i]);
	for (i = 0; i < n; i++)
		if (key(p, cand[i]) == low)
			cand[kept++] = cand[i];
	return kept;
}

static uint32_t neighbour_as(const struct shape *s)
{
	return s->n_seq ? s->seq[0] : 0;
}

static int reference_best(int p)
{
	int cand[SOURCES], n = 0, i, j, kept = 0;

	if (paths[p][RIB_SOURCE_LOCAL].on)
		return RIB_SOURCE_LOCAL;
	for (i = 0; i < SOURCES; i++)
		if (paths[p][i].on)
			cand[n++] = i;
	if (!n)
		return -1;
	n = keep_lowest(p, cand, n, key_local_pref);
	n = keep_lowest(p, cand, n, key_as_path);
	n = keep_lowest(p, cand, n, key_origin);
	for (i = 0; i < n; i++) {
		const struct shape *a = &paths[p][cand[i]].shape;
		bool beaten = false;

		for (j = 0; j < n; j++) {
			const struct shape *b = &paths[p][cand[j]].shape;

			if (neighbour_as(a) == neighbour_as(b) &&
			    b->med < a->med)
				beaten = true;
		}
		if (!beaten)
			cand[kept++] = cand[i];
	}
	n = keep_lowest(p, cand, kept, key_ibgp);
	n = keep_lowest(p, cand, n, key_router_id);
	n = keep_lowest(p, cand, n, key_clusters);
	n = keep_lowest(p, cand, n, key_address);
	n = keep_lowest(p, cand, n, key_source);
	assert_int_equal(n, 1);
	return cand[0];
}

static struct best_of best_now(int p)
{
	struct best_of b;

	memset(&b, 0, sizeof(b));
	b.source = reference_best(p);
	if (b.source >= 0) {
		b.shape = paths[p][b.source].shape;
		b.nexthop = paths[p][b.source].nexthop;
	}
	return b;
}

static bool loops(int s, const struct shape *sh)
{
	int i;
	bool found = sh->has_originator && sh->originator == OUR_ID;

	for (i = 0; i < sh->n_seq; i++)
		found |= sources[s].ebgp && sh->seq[i] == OUR_AS;
	for (i = 0; i < sh->n_clusters; i++)
		found |= sh->clusters[i] == OUR_CLUSTER;
	return s != RIB_SOURCE_LOCAL && found;
}

/* The RIB queues what moved since the operation before, once */
static void note_moves(void)
{
	int p;

	for (p = 0; p < PREFIXES; p++) {
		struct best_of now = best_now(p);

		if (memcmp(&now, &before[p], sizeof(now)) && !queued[p]) {
			queued[p] = true;
			queued_by[p] = op;
		}
		before[p] = now;
	}
}

static void check_entry(int p)
{
	struct rib_entry *e = rib_lookup(rib, &prefixes[p]);
	int best = reference_best(p), n = 0, s;
	const struct rib_path *path;
	struct podnet_addr nh;

	if (!e) {
		assert_int_equal(best, -1);
		assert_false(installed[p]);
		for (s = 0; s < SOURCES; s++)
			assert_false(announced[p][s]);
		return;
	}
	path = rib_best(e);
	if (best < 0) {
		assert_null(path);
	} else {
		assert_non_null(path);
		assert_int_equal(path->source, best);
	}
	for (; path; path = path->next, n++) {
		const struct shadow_path *sp = &paths[p][path->source];

		assert_true(sp->on);
		assert_ptr_equal(path->attrs, sp->attrs);
		assert_true(addr_equal(&path->nexthop, &sp->nexthop));
		assert_int_equal(path->stale, sp->stale);
	}
	for (s = 0; s < SOURCES; s++) {
		n -= paths[p][s].on;
		assert_int_equal(rib_adj_out_test(e, s), announced[p][s]);
	}
	assert_int_equal(n, 0);
	assert_int_equal(rib_entry_installed(e, &nh), installed[p]);
	if (installed[p])
		assert_true(addr_equal(&nh, &installed_nh[p]));
}

static void check_all(void)
{
	const struct rib_attrs *seen[PREFIXES * SOURCES];
	size_t n_paths = 0, n_attrs = 0, i;
	struct rib_stats st;
	int p, s;

	for (p = 0; p < PREFIXES; p++) {
		check_entry(p);
		for (s = 0; s < SOURCES; s++) {
			if (!paths[p][s].on)
				continue;
			n_paths++;
			for (i = 0; i < n_attrs &&
				    seen[i] != paths[p][s].attrs; i++)
				;
			if (i == n_attrs)
				seen[n_attrs++] = paths[p][s].attrs;
		}
	}
	rib_get_stats(rib, &st);
	assert_int_equal(st.paths, n_paths);
	assert_int_equal(st.attrs, n_attrs);
	for (s = 0; s < SOURCES; s++) {
		size_t mine = 0;

		for (p = 0; p < PREFIXES; p++)
			mine += paths[p][s].on;
		assert_int_equal(rib_source_paths(rib, s), mine);
	}
}

static int prefix_index(const struct rib_entry *e)
{
	int p;

	for (p = 0; p < PREFIXES; p++)
		if (!memcmp(rib_entry_prefix(e), &prefixes[p],
			    sizeof(prefixes[p])))
			return p;
	fail_msg("an entry of no prefix");
	return -1;
}

/* The daemon: install the best, announce it where rib_export() says */
static void drain(void)
{
	bool popped[PREFIXES] = { false };
	unsigned int last = 0;
	struct rib_entry *e;
	struct rib_stats st;
	size_t live = 0;
	int p, s;

	while ((e = rib_dirty_next(rib))) {
		const struct rib_path *best = rib_best(e);
		struct podnet_addr nh;

		p = prefix_index(e);
		assert_false(popped[p]);
		assert_true(queued[p]);
		assert_true(queued_by[p] >= last);
		last = queued_by[p];
		popped[p] = true;
		queued[p] = false;

		installed[p] = best;
		if (best)
			installed_nh[p] = best->nexthop;
		rib_entry_set_installed(e, best ? &best->nexthop : NULL);
		for (s = 1; s < SOURCES; s++) {
			bool go = best && rib_export(rib, e, best, s, &out,
						     &nh);

			assert_int_equal(rib_adj_out_set(e, s, go), 0);
			announced[p][s] = go;
		}
	}
	for (p = 0; p < PREFIXES; p++) {
		assert_false(queued[p]);
		live += reference_best(p) >= 0;
	}
	/* without path, uninstalled and unannounced: freed */
	rib_get_stats(rib, &st);
	assert_int_equal(st.prefixes, live);
}

static void do_update(int p, int s, const struct shape *sh,
		      const struct podnet_addr *nh)
{
	struct rib_attrs *ra;

	build_attrs(sh, &attrs);
	ra = rib_attrs_intern(rib, &attrs);
	assert_non_null(ra);
	assert_int_equal(rib_update(rib, s, &prefixes[p], ra, nh), 0);
	if (loops(s, sh)) {
		paths[p][s].on = false;
		return;
	}
	paths[p][s] = (struct shadow_path){
		.on = true, .shape = *sh, .nexthop = *nh, .attrs = ra,
	};
}

static struct podnet_addr random_nexthop(int p)
{
	static const char *const v4[] = { "10.9.0.1", "10.9.0.2", "10.9.0.3" };
	static const char *const v6[] = { "2001:db8:9::1", "2001:db8:9::2" };

	if (prefixes[p].family == AF_INET)
		return addr(v4[pick(3)]);
	return addr(v6[pick(2)]);
}

static void random_source_change(int s)
{
	struct rib_source src = *rib_source_get(rib, s);

	switch (pick(3)) {
	case 0:
		sources[s].router_id = 1 + pick(3);
		break;
	case 1:
		sources[s].ebgp = !sources[s].ebgp;
		break;
	default:
		sources[s].address = pick(5);
		break;
	}
	src.router_id = sources[s].router_id;
	src.ebgp = sources[s].ebgp;
	src.address = addr(addresses[sources[s].address]);
	rib_source_set(rib, s, &src);
}

static void random_op(void)
{
	unsigned int what = pick(100);
	int p = pick(PREFIXES), s = 1 + pick(PEERS), i;
	struct podnet_addr nh;
	size_t want = 0;
	struct shape sh;

	if (what < 40) {
		if (!pick(10))
			s = RIB_SOURCE_LOCAL;
		random_shape(&sh);
		nh = random_nexthop(p);
		do_update(p, s, &sh, &nh);
	} else if (what < 45) {
		/* sent again as it was: a route refresh */
		if (paths[p][s].on) {
			sh = paths[p][s].shape;
			do_update(p, s, &sh, &paths[p][s].nexthop);
		}
	} else if (what < 65) {
		if (!pick(10))
			s = RIB_SOURCE_LOCAL;
		assert_int_equal(rib_withdraw(rib, s, &prefixes[p]),
				 paths[p][s].on ? 0 : -ENOENT);
		paths[p][s].on = false;
	} else if (what < 70) {
		for (i = 0; i < PREFIXES; i++) {
			want += paths[i][s].on;
			paths[i][s].stale = paths[i][s].on;
		}
		assert_int_equal(rib_source_mark_stale(rib, s), want);
	} else if (what < 74) {
		for (i = 0; i < PREFIXES; i++) {
			want += paths[i][s].on && paths[i][s].stale;
			if (paths[i][s].stale)
				paths[i][s].on = false;
		}
		assert_int_equal(rib_source_sweep_stale(rib, s), want);
	} else if (what < 76) {
		for (i = 0; i < PREFIXES; i++) {
			want += paths[i][s].on;
			paths[i][s].on = false;
			announced[i][s] = false;
		}
		assert_int_equal(rib_source_flush(rib, s), want);
	} else if (what < 78) {
		for (i = 0; i < PREFIXES; i++)
			announced[i][s] = false;
		rib_source_reset_adj_out(rib, s);
	} else if (what < 81) {
		random_source_change(s);
	} else if (what < 91) {
		drain();
	}
	for (i = 0; i < PREFIXES; i++)
		for (s = 0; s < SOURCES; s++)
			if (!paths[i][s].on)
				paths[i][s].stale = false;
}

static uint64_t seed(void)
{
	const char *env = getenv("PODNETD_TEST_SEED");

	if (env && *env)
		return strtoull(env, NULL, 0);
	return (uint64_t)time(NULL) * 1000003 ^ getpid();
}

static void test_random(void **state)
{
	const struct rib_local local = {
		.as = OUR_AS,
		.router_id = OUR_ID,
		.cluster_id = OUR_CLUSTER,
		.nexthop4 = addr("192.0.2.1"),
		.nexthop6 = addr("2001:db8::1"),
	};
	uint64_t start = seed();
	int p, s;

	(void)state;
	print_message("seed %llu (PODNETD_TEST_SEED)\n",
		      (unsigned long long)start);
	rng = start;
	rib = rib_new(&local);
	assert_non_null(rib);
	for (p = 0; p < PREFIXES; p++) {
		struct rib_prefix *pfx = &prefixes[p];

		pfx->family = p < 16 ? AF_INET : AF_INET6;
		pfx->plen = p < 16 ? 16 : 48;
		pfx->addr[0] = p < 16 ? 10 : 0x20;
		pfx->addr[1] = p < 16 ? p : 0x01;
		pfx->addr[5] = p < 16 ? 0 : p;
		before[p].source = -1;
	}
	for (s = 1; s < SOURCES; s++) {
		struct rib_source src = {
			.as = 65000 + s,
			.export_all = pick(4) != 0,
			.rr_client = pick(2),
		};

		sources[s].ebgp = pick(2);
		sources[s].router_id = 1 + pick(3);
		sources[s].address = pick(5);
		src.ebgp = sources[s].ebgp;
		src.router_id = sources[s].router_id;
		src.address = addr(addresses[sources[s].address]);
		assert_int_equal(rib_source_add(rib, &src), s);
	}
	for (op = 1; op <= OPS; op++) {
		random_op();
		note_moves();
		check_all();
	}
	drain();
	rib_free(rib);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_random),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
