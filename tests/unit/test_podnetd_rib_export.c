// SPDX-License-Identifier: GPL-2.0
/*
 * podnetd's RIB: what goes to which peer (rib_export()), one table row per
 * case: where the path came from, the peer it would go to and its flags,
 * whether it goes, with which next hop and what happens to the attributes.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <arpa/inet.h>
#include <sys/socket.h>
#include <cmocka.h>

#include "rib.h"

#define BIT(type)	BGP_ATTR_BIT(BGP_ATTR_##type)
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

#define OUR_AS		64512
#define OUR_CLUSTER	0x0a0000ff
#define PEER_AS		65001
#define FAR_AS		65005
#define REFLECTED_BY	0x09090909	/* ORIGINATOR_ID already there */

enum kind {
	LOCAL,		/* this node */
	EBGP,
	IBGP,		/* not a route reflector client */
	CLIENT,		/* iBGP, a client of ours */
	REFLECTED,	/* iBGP, with ORIGINATOR_ID and CLUSTER_LIST on */
	SAME,		/* `to` only: the source the path came from */
	NOBODY,		/* `to` only: an id no source has */
};

enum policy {
	ALL,
	LOCAL_ONLY,
	NONE,
};

enum nexthop {
	NH_NONE,	/* not exported */
	NH_OURS,
	NH_PATH,
};

struct export_case {
	const char *name;
	enum kind from, to;
	enum policy policy;
	bool next_hop_self;
	bool v6;
	bool no_nexthop6;
	enum nexthop nh;
	bool prepended;
	uint32_t local_pref;	/* 0: none */
	bool med;
	uint32_t originator;	/* 0: none */
	int clusters;		/* how many; ours first if reflecting */
	bool cluster_ours;
};

static const uint32_t router_ids[] = {
	[EBGP] = 0x01010101, [IBGP] = 0x02020202, [CLIENT] = 0x03030303,
	[REFLECTED] = 0x04040404,
};

static const struct export_case cases[] = {
	{ "local to eBGP", LOCAL, EBGP, .nh = NH_OURS, .prepended = true },
	{ "local to iBGP", LOCAL, IBGP, .nh = NH_OURS, .local_pref = 100 },
	{ "local to client", LOCAL, CLIENT, .nh = NH_OURS, .local_pref = 100 },
	{ "local IPv6 to iBGP", LOCAL, IBGP, .v6 = true, .nh = NH_OURS,
	  .local_pref = 100 },
	{ "local IPv6 without an IPv6 next hop", LOCAL, IBGP, .v6 = true,
	  .no_nexthop6 = true },
	{ "local to eBGP, local only", LOCAL, EBGP, .policy = LOCAL_ONLY,
	  .nh = NH_OURS, .prepended = true },
	{ "local to eBGP, no policy", LOCAL, EBGP, .policy = NONE },
	{ "eBGP to eBGP", EBGP, EBGP, .nh = NH_OURS, .prepended = true },
	{ "eBGP to eBGP, IPv6", EBGP, EBGP, .v6 = true, .nh = NH_OURS,
	  .prepended = true },
	{ "eBGP to iBGP: its LOCAL_PREF ignored", EBGP, IBGP, .nh = NH_PATH,
	  .local_pref = 100, .med = true },
	{ "eBGP to iBGP, next-hop-self", EBGP, IBGP, .next_hop_self = true,
	  .nh = NH_OURS, .local_pref = 100, .med = true },
	{ "eBGP to client", EBGP, CLIENT, .nh = NH_PATH, .local_pref = 100,
	  .med = true },
	{ "eBGP back to its source", EBGP, SAME, .nh = NH_NONE },
	{ "eBGP to iBGP, local only", EBGP, IBGP, .policy = LOCAL_ONLY },
	{ "eBGP to iBGP, no policy", EBGP, IBGP, .policy = NONE },
	{ "iBGP to iBGP: no reflection", IBGP, IBGP, .nh = NH_NONE },
	{ "iBGP to client: reflected", IBGP, CLIENT, .nh = NH_PATH,
	  .local_pref = 200, .med = true, .originator = 0x02020202,
	  .clusters = 1, .cluster_ours = true },
	{ "iBGP to client, next-hop-self", IBGP, CLIENT,
	  .next_hop_self = true, .nh = NH_OURS, .local_pref = 200,
	  .med = true, .originator = 0x02020202, .clusters = 1,
	  .cluster_ours = true },
	{ "iBGP to client, IPv6", IBGP, CLIENT, .v6 = true, .nh = NH_PATH,
	  .local_pref = 200, .med = true, .originator = 0x02020202,
	  .clusters = 1, .cluster_ours = true },
	{ "client to iBGP: reflected", CLIENT, IBGP, .nh = NH_PATH,
	  .local_pref = 200, .med = true, .originator = 0x03030303,
	  .clusters = 1, .cluster_ours = true },
	{ "client to client: reflected", CLIENT, CLIENT, .nh = NH_PATH,
	  .local_pref = 200, .med = true, .originator = 0x03030303,
	  .clusters = 1, .cluster_ours = true },
	{ "client back to itself", CLIENT, SAME, .nh = NH_NONE },
	{ "client to iBGP, no policy", CLIENT, IBGP, .policy = NONE },
	{ "reflected again keeps ORIGINATOR_ID", REFLECTED, CLIENT,
	  .nh = NH_PATH, .local_pref = 200, .med = true,
	  .originator = REFLECTED_BY, .clusters = 2, .cluster_ours = true },
	{ "iBGP to eBGP", IBGP, EBGP, .nh = NH_OURS, .prepended = true },
	{ "reflected to eBGP loses the RR attributes", REFLECTED, EBGP,
	  .nh = NH_OURS, .prepended = true },
	{ "client to eBGP, IPv6 without next hop", CLIENT, EBGP, .v6 = true,
	  .no_nexthop6 = true },
	{ "client to eBGP, local only", CLIENT, EBGP, .policy = LOCAL_ONLY },
	{ "to the local source", EBGP, LOCAL, .nh = NH_NONE },
	{ "to no source", EBGP, NOBODY, .nh = NH_NONE },
};

static struct rib *rib;
static struct bgp_attrs attrs, out;
static const uint8_t unknown_value[] = { 1, 2, 3 };

static struct podnet_addr addr(const char *text)
{
	struct podnet_addr a = { .family = strchr(text, ':') ? AF_INET6
							     : AF_INET };

	assert_int_equal(inet_pton(a.family, text, &a.v6), 1);
	return a;
}

static uint16_t add_source(enum kind kind, enum policy policy,
			   bool next_hop_self, const char *address)
{
	struct rib_source src = {
		.router_id = router_ids[kind],
		.as = kind == EBGP ? PEER_AS : OUR_AS,
		.address = addr(address),
		.ebgp = kind == EBGP,
		.rr_client = kind == CLIENT,
		.next_hop_self = next_hop_self,
		.export_all = policy == ALL,
		.export_local_only = policy == LOCAL_ONLY,
	};
	int id = rib_source_add(rib, &src);

	assert_true(id > 0);
	return id;
}

/*
 * What each kind of source sends; every path has a community and an
 * unknown attribute that must go through untouched.
 */
static void path_attrs(enum kind from)
{
	memset(&attrs, 0, sizeof(attrs));
	attrs.present = BIT(ORIGIN) | BIT(AS_PATH) | BIT(COMMUNITIES);
	attrs.n_communities = 1;
	attrs.communities[0] = 0xfde90001;
	attrs.n_unknown = 1;
	attrs.unknown[0] = (struct bgp_raw_attr){
		.flags = BGP_ATTR_FLAG_OPTIONAL | BGP_ATTR_FLAG_TRANSITIVE,
		.type = 99, .len = sizeof(unknown_value),
		.value = unknown_value,
	};
	if (from == LOCAL)
		return;
	attrs.present |= BIT(NEXT_HOP) | BIT(MED) | BIT(LOCAL_PREF);
	attrs.next_hop.s_addr = htonl(0x0a010009);
	attrs.med = 50;
	attrs.local_pref = from == EBGP ? 300 : 200;
	attrs.as_path.n_segs = 1;
	attrs.as_path.n_asns = 1;
	attrs.as_path.segs[0].type = BGP_AS_SEQUENCE;
	attrs.as_path.segs[0].len = 1;
	attrs.as_path.asns[0] = from == EBGP ? PEER_AS : FAR_AS;
	if (from == REFLECTED) {
		attrs.present |= BIT(ORIGINATOR_ID) | BIT(CLUSTER_LIST);
		attrs.originator_id.s_addr = htonl(REFLECTED_BY);
		attrs.n_clusters = 1;
		attrs.clusters[0] = 7;
	}
}

static void check_attrs(const struct export_case *c)
{
	bool has_lp = out.present & BIT(LOCAL_PREF);
	bool has_orig = out.present & BIT(ORIGINATOR_ID);
	int first = c->prepended ? 1 : 0;
	int i;

	assert_false(out.present & BIT(NEXT_HOP));
	assert_true(out.present & BIT(ORIGIN));
	assert_true(out.present & BIT(AS_PATH));
	assert_int_equal(out.as_path.n_asns, attrs.as_path.n_asns + first);
	if (c->prepended)
		assert_int_equal(out.as_path.asns[0], OUR_AS);
	for (i = 0; i < attrs.as_path.n_asns; i++)
		assert_int_equal(out.as_path.asns[i + first],
				 attrs.as_path.asns[i]);

	assert_int_equal(has_lp, c->local_pref != 0);
	if (has_lp)
		assert_int_equal(out.local_pref, c->local_pref);
	assert_int_equal(!!(out.present & BIT(MED)), c->med);
	if (c->med)
		assert_int_equal(out.med, 50);
	assert_int_equal(has_orig, c->originator != 0);
	if (has_orig)
		assert_int_equal(ntohl(out.originator_id.s_addr),
				 c->originator);
	assert_int_equal(!!(out.present & BIT(CLUSTER_LIST)), c->clusters > 0);
	assert_int_equal(out.n_clusters, c->clusters);
	if (c->cluster_ours)
		assert_int_equal(out.clusters[0], OUR_CLUSTER);

	assert_int_equal(out.n_communities, 1);
	assert_int_equal(out.communities[0], 0xfde90001);
	assert_int_equal(out.n_unknown, 1);
	assert_int_equal(out.unknown[0].type, 99);
	assert_memory_equal(out.unknown[0].value, unknown_value,
			    sizeof(unknown_value));
}

static void run_case(const struct export_case *c)
{
	struct rib_local local = {
		.as = OUR_AS,
		.router_id = 0x0a000001,
		.cluster_id = OUR_CLUSTER,
		.nexthop4 = addr("192.0.2.1"),
		.nexthop6 = addr("2001:db8::1"),
	};
	const char *pfx = c->v6 ? "2001:db8:77::" : "10.77.0.0";
	struct rib_prefix p = {
		.family = c->v6 ? AF_INET6 : AF_INET,
		.plen = c->v6 ? 48 : 16,
	};
	struct podnet_addr path_nh = addr(c->v6 ? "2001:db8::9" : "10.1.0.9");
	struct podnet_addr nh;
	uint16_t from = RIB_SOURCE_LOCAL, to;
	struct rib_entry *e;
	bool exported;

	print_message("%s\n", c->name);
	if (c->no_nexthop6)
		memset(&local.nexthop6, 0, sizeof(local.nexthop6));
	rib = rib_new(&local);
	assert_non_null(rib);
	assert_int_equal(inet_pton(p.family, pfx, p.addr), 1);

	if (c->from != LOCAL)
		from = add_source(c->from, ALL, false, "10.1.0.5");
	if (c->to == SAME)
		to = from;
	else if (c->to == NOBODY)
		to = 77;
	else if (c->to == LOCAL)
		to = RIB_SOURCE_LOCAL;
	else
		to = add_source(c->to, c->policy, c->next_hop_self,
				"10.1.0.6");

	path_attrs(c->from);
	assert_int_equal(rib_update(rib, from, &p,
				    rib_attrs_intern(rib, &attrs), &path_nh),
			 0);
	e = rib_lookup(rib, &p);
	assert_non_null(e);

	memset(&out, 0xa5, sizeof(out));
	exported = rib_export(rib, e, rib_best(e), to, &out, &nh);
	assert_int_equal(exported, c->nh != NH_NONE);
	if (exported) {
		const struct podnet_addr *want = c->nh == NH_PATH ? &path_nh :
						 c->v6 ? &local.nexthop6 :
						 &local.nexthop4;

		assert_memory_equal(&nh, want, sizeof(nh));
		check_attrs(c);
	}
	rib_free(rib);
}

static void test_export_cases(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(cases); i++)
		run_case(&cases[i]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_export_cases),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
