// SPDX-License-Identifier: GPL-2.0
/*
 * UPDATE both ways: every path attribute round-trips, IPv4 in the NLRI
 * field and IPv6 in MP_REACH_NLRI with either next hop form, withdrawals,
 * End-of-RIB, and prefixes packed into as few messages as fit.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <errno.h>
#include <arpa/inet.h>
#include <cmocka.h>

#include "bgp_msg.h"

static const struct bgp_codec_ctx ibgp4 = { .as4 = true };
static const struct bgp_codec_ctx ibgp2;
static const struct bgp_codec_ctx ebgp4 = {
	.as4 = true, .ebgp = true, .first_as = 65002,
};

static const uint8_t ext_community[] = { 0, 2, 0xfd, 0xe9, 0, 0, 0, 7 };

static struct bgp_attrs attrs;
static struct bgp_msg msg;
static uint8_t buf[BGP_MAX_MSG_LEN];

static struct bgp_prefix prefix4(const char *addr, uint8_t len)
{
	struct bgp_prefix p = { .afi = BGP_AFI_IPV4, .len = len };

	assert_int_equal(inet_pton(AF_INET, addr, p.addr), 1);
	return p;
}

static struct bgp_prefix prefix6(const char *addr, uint8_t len)
{
	struct bgp_prefix p = { .afi = BGP_AFI_IPV6, .len = len };

	assert_int_equal(inet_pton(AF_INET6, addr, p.addr), 1);
	return p;
}

static struct bgp_nexthop nexthop4(const char *addr)
{
	struct bgp_nexthop nh = { .len = 4 };

	assert_int_equal(inet_pton(AF_INET, addr, &nh.v4), 1);
	return nh;
}

static struct bgp_nexthop nexthop6(const char *global, const char *ll)
{
	struct bgp_nexthop nh = { .len = ll ? 32 : 16 };

	assert_int_equal(inet_pton(AF_INET6, global, &nh.global), 1);
	if (ll)
		assert_int_equal(inet_pton(AF_INET6, ll, &nh.link_local), 1);
	return nh;
}

/* ORIGIN and AS_PATH, which every announcement needs */
static void base_attrs(struct bgp_attrs *a)
{
	memset(a, 0, sizeof(*a));
	a->present = BGP_ATTR_BIT(BGP_ATTR_ORIGIN) |
		     BGP_ATTR_BIT(BGP_ATTR_AS_PATH);
	a->origin = BGP_ORIGIN_IGP;
	a->as_path.n_segs = 1;
	a->as_path.n_asns = 2;
	a->as_path.segs[0].type = BGP_AS_SEQUENCE;
	a->as_path.segs[0].len = 2;
	a->as_path.asns[0] = 65002;
	a->as_path.asns[1] = 4200000001U;
}

static void all_attrs(struct bgp_attrs *a)
{
	base_attrs(a);
	a->present |= BGP_ATTR_BIT(BGP_ATTR_MED) |
		      BGP_ATTR_BIT(BGP_ATTR_LOCAL_PREF) |
		      BGP_ATTR_BIT(BGP_ATTR_ATOMIC_AGGREGATE) |
		      BGP_ATTR_BIT(BGP_ATTR_AGGREGATOR) |
		      BGP_ATTR_BIT(BGP_ATTR_COMMUNITIES) |
		      BGP_ATTR_BIT(BGP_ATTR_ORIGINATOR_ID) |
		      BGP_ATTR_BIT(BGP_ATTR_CLUSTER_LIST);
	a->origin = BGP_ORIGIN_INCOMPLETE;
	a->med = 50;
	a->local_pref = 200;
	a->aggregator.asn = 65010;
	a->aggregator.addr.s_addr = htonl(0x0a0000fe);
	a->n_communities = 2;
	a->communities[0] = 0xfde90064;
	a->communities[1] = 0xffffff01;
	a->originator_id.s_addr = htonl(0x0a000009);
	a->n_clusters = 2;
	a->clusters[0] = 0x0a000001;
	a->clusters[1] = 0x0a000002;
	a->n_unknown = 1;
	a->unknown[0].flags = BGP_ATTR_FLAG_OPTIONAL |
			      BGP_ATTR_FLAG_TRANSITIVE;
	a->unknown[0].type = 16;
	a->unknown[0].len = sizeof(ext_community);
	a->unknown[0].value = ext_community;
}

static struct bgp_update *parse(const struct bgp_codec_ctx *ctx, int len)
{
	struct bgp_error err;

	assert_true(len >= BGP_UPDATE_MIN_LEN);
	assert_int_equal(bgp_msg_parse(buf, len, ctx, &msg, &err), 0);
	assert_int_equal(msg.type, BGP_MSG_UPDATE);
	assert_int_equal(msg.update.error.action, BGP_UPDATE_OK);
	return &msg.update;
}

static void assert_prefixes(const struct bgp_nlri *nlri,
			    const struct bgp_prefix *want, size_t n)
{
	struct bgp_prefix p;
	uint16_t off = 0;
	size_t i;

	assert_int_equal(nlri->count, n);
	for (i = 0; i < n; i++) {
		assert_true(bgp_nlri_next(nlri, &off, &p));
		assert_int_equal(p.afi, want[i].afi);
		assert_int_equal(p.len, want[i].len);
		assert_memory_equal(p.addr, want[i].addr, sizeof(p.addr));
	}
	assert_false(bgp_nlri_next(nlri, &off, &p));
}

static struct bgp_update *announce(const struct bgp_codec_ctx *ctx,
				   const struct bgp_nexthop *nh,
				   const struct bgp_prefix *prefixes, size_t n)
{
	size_t packed;
	int len;

	len = bgp_msg_build_announce(ctx, &attrs, nh, prefixes, n, &packed,
				     buf, sizeof(buf));
	assert_int_equal(packed, n);
	return parse(ctx, len);
}

static void assert_same_attrs(const struct bgp_update *u,
			      const struct bgp_attrs *want, bool v4)
{
	static struct bgp_attrs expect;

	memcpy(&expect, want, sizeof(expect));
	expect.present &= ~BGP_ATTR_BIT(BGP_ATTR_NEXT_HOP);
	if (v4)
		expect.present |= BGP_ATTR_BIT(BGP_ATTR_NEXT_HOP);
	else
		expect.present |= BGP_ATTR_BIT(BGP_ATTR_MP_REACH_NLRI);
	expect.next_hop = u->attrs.next_hop;
	/* unknown attributes travel on marked partial */
	if (expect.n_unknown)
		assert_true(u->attrs.unknown[0].flags & BGP_ATTR_FLAG_PARTIAL);
	assert_true(bgp_attrs_equal(&u->attrs, &expect));
}

static void test_ipv4_every_attribute(void **state)
{
	const struct bgp_prefix p[] = {
		prefix4("10.244.1.0", 24), prefix4("10.244.2.7", 32),
		prefix4("0.0.0.0", 0), prefix4("192.168.128.0", 17),
	};
	const struct bgp_codec_ctx *ctxs[] = { &ibgp4, &ibgp2 };
	struct bgp_nexthop nh = nexthop4("192.0.2.1");
	struct bgp_update *u;
	size_t i;

	(void)state;
	for (i = 0; i < 2; i++) {
		all_attrs(&attrs);
		u = announce(ctxs[i], &nh, p, 4);
		assert_same_attrs(u, &attrs, true);
		assert_int_equal(u->attrs.next_hop.s_addr, nh.v4.s_addr);
		assert_prefixes(&u->nlri, p, 4);
		assert_int_equal(u->withdrawn.count, 0);
		assert_false(u->end_of_rib);
	}
}

/* Each attribute alone next to the mandatory ones */
static void test_each_attribute_alone(void **state)
{
	static const int types[] = {
		BGP_ATTR_MED, BGP_ATTR_LOCAL_PREF, BGP_ATTR_ATOMIC_AGGREGATE,
		BGP_ATTR_AGGREGATOR, BGP_ATTR_COMMUNITIES,
		BGP_ATTR_ORIGINATOR_ID, BGP_ATTR_CLUSTER_LIST,
	};
	const struct bgp_prefix p = prefix4("10.0.0.0", 8);
	struct bgp_nexthop nh = nexthop4("192.0.2.1");
	static struct bgp_attrs all;
	struct bgp_update *u;
	size_t i;

	(void)state;
	all_attrs(&all);
	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		memcpy(&attrs, &all, sizeof(attrs));
		attrs.present = BGP_ATTR_BIT(BGP_ATTR_ORIGIN) |
				BGP_ATTR_BIT(BGP_ATTR_AS_PATH) |
				BGP_ATTR_BIT(types[i]);
		attrs.n_unknown = 0;
		u = announce(&ibgp4, &nh, &p, 1);
		assert_same_attrs(u, &attrs, true);
	}
	/* and the unknown one */
	memcpy(&attrs, &all, sizeof(attrs));
	attrs.present = BGP_ATTR_BIT(BGP_ATTR_ORIGIN) |
			BGP_ATTR_BIT(BGP_ATTR_AS_PATH);
	u = announce(&ibgp4, &nh, &p, 1);
	assert_same_attrs(u, &attrs, true);
	assert_int_equal(u->attrs.n_unknown, 1);
	assert_int_equal(u->attrs.unknown[0].type, 16);
}

static void test_origins_and_paths(void **state)
{
	const struct bgp_prefix p = prefix4("10.0.0.0", 8);
	struct bgp_nexthop nh = nexthop4("192.0.2.1");
	struct bgp_as_path *path = &attrs.as_path;
	struct bgp_update *u;
	int origin;

	(void)state;
	for (origin = BGP_ORIGIN_IGP; origin <= BGP_ORIGIN_INCOMPLETE;
	     origin++) {
		base_attrs(&attrs);
		attrs.origin = origin;
		u = announce(&ibgp4, &nh, &p, 1);
		assert_int_equal(u->attrs.origin, origin);
	}
	/* the empty path of a route from inside the AS */
	base_attrs(&attrs);
	path->n_segs = 0;
	path->n_asns = 0;
	u = announce(&ibgp2, &nh, &p, 1);
	assert_int_equal(u->attrs.as_path.n_segs, 0);
	assert_true(u->attrs.present & BGP_ATTR_BIT(BGP_ATTR_AS_PATH));
	/* a sequence and a set */
	base_attrs(&attrs);
	path->n_segs = 2;
	path->n_asns = 4;
	path->segs[1].type = BGP_AS_SET;
	path->segs[1].len = 2;
	path->asns[2] = 65100;
	path->asns[3] = 65101;
	u = announce(&ibgp4, &nh, &p, 1);
	assert_same_attrs(u, &attrs, true);
	assert_int_equal(bgp_as_path_length(&u->attrs.as_path), 3);
}

static void test_ipv6_global_next_hop(void **state)
{
	const struct bgp_prefix p[] = {
		prefix6("fd00:10:244:1::", 64), prefix6("2001:db8::1", 128),
		prefix6("::", 0),
	};
	struct bgp_nexthop nh = nexthop6("2001:db8::ffff", NULL);
	struct bgp_update *u;

	(void)state;
	all_attrs(&attrs);
	u = announce(&ibgp4, &nh, p, 3);
	assert_same_attrs(u, &attrs, false);
	assert_int_equal(u->mp_reach.afi, BGP_AFI_IPV6);
	assert_int_equal(u->mp_reach.safi, BGP_SAFI_UNICAST);
	assert_int_equal(u->mp_nexthop.len, 16);
	assert_memory_equal(&u->mp_nexthop.global, &nh.global, 16);
	assert_prefixes(&u->mp_reach, p, 3);
	assert_int_equal(u->nlri.count, 0);
	/* RFC 7606 5.1: the multiprotocol attribute comes first */
	assert_int_equal(buf[24], BGP_ATTR_MP_REACH_NLRI);
}

static void test_ipv6_link_local_next_hop(void **state)
{
	const struct bgp_prefix p = prefix6("fd00:10:244:2::", 64);
	struct bgp_nexthop nh = nexthop6("2001:db8::2", "fe80::2");
	struct bgp_update *u;

	(void)state;
	base_attrs(&attrs);
	u = announce(&ebgp4, &nh, &p, 1);
	assert_int_equal(u->mp_nexthop.len, 32);
	assert_memory_equal(&u->mp_nexthop.global, &nh.global, 16);
	assert_memory_equal(&u->mp_nexthop.link_local, &nh.link_local, 16);
	assert_prefixes(&u->mp_reach, &p, 1);
}

static void test_withdraw_ipv4(void **state)
{
	const struct bgp_prefix p[] = {
		prefix4("10.244.1.0", 24), prefix4("10.244.3.0", 26),
	};
	struct bgp_update *u;
	size_t packed;
	int len;

	(void)state;
	len = bgp_msg_build_withdraw(p, 2, &packed, buf, sizeof(buf));
	assert_int_equal(packed, 2);
	u = parse(&ibgp4, len);
	assert_prefixes(&u->withdrawn, p, 2);
	assert_int_equal(u->nlri.count, 0);
	assert_int_equal(u->attrs.present, 0);
	assert_false(u->end_of_rib);
}

static void test_withdraw_ipv6(void **state)
{
	const struct bgp_prefix p[] = {
		prefix6("fd00:10:244:1::", 64), prefix6("fd00::", 8),
	};
	struct bgp_update *u;
	size_t packed;
	int len;

	(void)state;
	len = bgp_msg_build_withdraw(p, 2, &packed, buf, sizeof(buf));
	assert_int_equal(packed, 2);
	u = parse(&ibgp4, len);
	assert_true(u->attrs.present &
		    BGP_ATTR_BIT(BGP_ATTR_MP_UNREACH_NLRI));
	assert_int_equal(u->mp_unreach.afi, BGP_AFI_IPV6);
	assert_prefixes(&u->mp_unreach, p, 2);
	assert_false(u->end_of_rib);
}

static void test_end_of_rib(void **state)
{
	struct bgp_update *u;
	int len;

	(void)state;
	len = bgp_msg_build_eor(BGP_AFI_IPV4, BGP_SAFI_UNICAST, buf,
				sizeof(buf));
	assert_int_equal(len, BGP_UPDATE_MIN_LEN);
	u = parse(&ibgp4, len);
	assert_true(u->end_of_rib);
	assert_int_equal(u->eor.afi, BGP_AFI_IPV4);
	assert_int_equal(u->eor.safi, BGP_SAFI_UNICAST);

	len = bgp_msg_build_eor(BGP_AFI_IPV6, BGP_SAFI_UNICAST, buf,
				sizeof(buf));
	assert_int_equal(len, BGP_UPDATE_MIN_LEN + 6);
	u = parse(&ibgp4, len);
	assert_true(u->end_of_rib);
	assert_int_equal(u->eor.afi, BGP_AFI_IPV6);
	assert_int_equal(u->eor.safi, BGP_SAFI_UNICAST);

	/* families the codec does not parse have their marker too */
	len = bgp_msg_build_eor(BGP_AFI_IPV4, 128, buf, sizeof(buf));
	u = parse(&ibgp4, len);
	assert_true(u->end_of_rib);
	assert_int_equal(u->eor.safi, 128);
}

static void pack_all(const struct bgp_prefix *p, size_t n, bool withdraw,
		     const struct bgp_nexthop *nh)
{
	struct bgp_update *u;
	size_t done = 0, packed, messages = 0;
	int len;

	while (done < n) {
		if (withdraw)
			len = bgp_msg_build_withdraw(p + done, n - done,
						     &packed, buf,
						     sizeof(buf));
		else
			len = bgp_msg_build_announce(&ibgp4, &attrs, nh,
						     p + done, n - done,
						     &packed, buf,
						     sizeof(buf));
		assert_true(len > 0 && len <= BGP_MAX_MSG_LEN);
		/* full messages but the last */
		if (done + packed < n)
			assert_true(len > BGP_MAX_MSG_LEN - 17);
		u = parse(&ibgp4, len);
		if (p[0].afi == BGP_AFI_IPV6)
			assert_prefixes(withdraw ? &u->mp_unreach
						 : &u->mp_reach,
					p + done, packed);
		else
			assert_prefixes(withdraw ? &u->withdrawn : &u->nlri,
					p + done, packed);
		done += packed;
		messages++;
	}
	assert_true(messages > 1);
}

static void test_packing(void **state)
{
	static struct bgp_prefix p[3000];
	struct bgp_nexthop nh4 = nexthop4("192.0.2.1");
	struct bgp_nexthop nh6 = nexthop6("2001:db8::1", "fe80::1");
	size_t i;

	(void)state;
	all_attrs(&attrs);
	for (i = 0; i < 3000; i++) {
		p[i] = prefix4("10.0.0.0", 32);
		p[i].addr[2] = i >> 8;
		p[i].addr[3] = i;
	}
	pack_all(p, 3000, false, &nh4);
	pack_all(p, 3000, true, NULL);
	for (i = 0; i < 3000; i++) {
		p[i] = prefix6("fd00::", 128);
		p[i].addr[14] = i >> 8;
		p[i].addr[15] = i;
	}
	pack_all(p, 3000, false, &nh6);
	pack_all(p, 3000, true, NULL);
}

/* An UPDATE carries one family: packing stops where the next starts */
static void test_packing_stops_at_another_family(void **state)
{
	const struct bgp_prefix p[] = {
		prefix4("10.0.0.0", 8), prefix4("10.1.0.0", 16),
		prefix6("fd00::", 8), prefix4("10.2.0.0", 16),
	};
	struct bgp_nexthop nh = nexthop4("192.0.2.1");
	size_t packed;

	(void)state;
	base_attrs(&attrs);
	assert_true(bgp_msg_build_announce(&ibgp4, &attrs, &nh, p, 4, &packed,
					   buf, sizeof(buf)) > 0);
	assert_int_equal(packed, 2);
	assert_true(bgp_msg_build_withdraw(p + 2, 2, &packed, buf,
					   sizeof(buf)) > 0);
	assert_int_equal(packed, 1);
}

/* RFC 4271 5.1.5, RFC 4456 8: never sent out of the AS */
static void test_ebgp_leaves_internal_attributes_out(void **state)
{
	const struct bgp_prefix p = prefix4("10.0.0.0", 8);
	struct bgp_nexthop nh = nexthop4("192.0.2.1");
	uint32_t internal = BGP_ATTR_BIT(BGP_ATTR_LOCAL_PREF) |
			    BGP_ATTR_BIT(BGP_ATTR_ORIGINATOR_ID) |
			    BGP_ATTR_BIT(BGP_ATTR_CLUSTER_LIST);
	struct bgp_update *u;

	(void)state;
	all_attrs(&attrs);
	u = announce(&ebgp4, &nh, &p, 1);
	assert_int_equal(u->attrs.present & internal, 0);
	u = parse(&ibgp4, msg.len);
	assert_int_equal(u->attrs.present & internal, 0);
}

/* RFC 4271 5: ascending type order, whatever order they came in */
static void test_attributes_in_type_order(void **state)
{
	static const uint8_t v[] = { 1 };
	const struct bgp_prefix p = prefix4("10.0.0.0", 8);
	struct bgp_nexthop nh = nexthop4("192.0.2.1");
	size_t packed, off, attrs_len;
	int len, last = -1;

	(void)state;
	all_attrs(&attrs);
	attrs.n_unknown = 3;
	attrs.unknown[1] = attrs.unknown[0];
	attrs.unknown[1].type = 250;
	attrs.unknown[2] = attrs.unknown[0];
	attrs.unknown[2].type = 11;
	attrs.unknown[2].len = 1;
	attrs.unknown[2].value = v;
	len = bgp_msg_build_announce(&ibgp2, &attrs, &nh, &p, 1, &packed,
				     buf, sizeof(buf));
	assert_true(len > 0);
	attrs_len = buf[21] << 8 | buf[22];
	for (off = 23; off < 23 + attrs_len;) {
		bool ext = buf[off] & BGP_ATTR_FLAG_EXTENDED;

		assert_true(buf[off + 1] > last);
		last = buf[off + 1];
		off += ext ? 4 + (buf[off + 2] << 8 | buf[off + 3])
			   : 3 + buf[off + 2];
	}
	assert_int_equal(last, 250);
}

static void test_trailing_bits_cleared(void **state)
{
	static const uint8_t update[] = {
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0, 30, BGP_MSG_UPDATE,
		0, 7, 20, 10, 1, 0xff, 9, 0xc0, 0xff, 0, 0,
	};
	struct bgp_error err;
	struct bgp_prefix p;
	uint16_t off = 0;

	(void)state;
	assert_int_equal(bgp_msg_parse(update, sizeof(update), &ibgp4, &msg,
				       &err), 0);
	assert_true(bgp_nlri_next(&msg.update.withdrawn, &off, &p));
	assert_int_equal(p.len, 20);
	assert_int_equal(p.addr[2], 0xf0);
	assert_true(bgp_nlri_next(&msg.update.withdrawn, &off, &p));
	assert_int_equal(p.len, 9);
	assert_int_equal(p.addr[0], 0xc0);
	assert_int_equal(p.addr[1], 0x80);
}

static void test_build_refuses(void **state)
{
	struct bgp_prefix p4 = prefix4("10.0.0.0", 8);
	struct bgp_prefix p6 = prefix6("fd00::", 8);
	struct bgp_nexthop nh4 = nexthop4("192.0.2.1");
	struct bgp_nexthop nh6 = nexthop6("2001:db8::1", NULL);
	struct bgp_prefix other = { .afi = 25 };
	size_t packed;

	(void)state;
	base_attrs(&attrs);
	attrs.present &= ~BGP_ATTR_BIT(BGP_ATTR_ORIGIN);
	assert_int_equal(bgp_msg_build_announce(&ibgp4, &attrs, &nh4, &p4, 1,
						&packed, buf, sizeof(buf)),
			 -EINVAL);
	base_attrs(&attrs);
	assert_int_equal(bgp_msg_build_announce(&ibgp4, &attrs, &nh4, &p6, 1,
						&packed, buf, sizeof(buf)),
			 -EINVAL);
	assert_int_equal(bgp_msg_build_announce(&ibgp4, &attrs, &nh6, &p4, 1,
						&packed, buf, sizeof(buf)),
			 -EINVAL);
	assert_int_equal(bgp_msg_build_announce(&ibgp4, &attrs, &nh4, &p4, 0,
						&packed, buf, sizeof(buf)),
			 -EINVAL);
	assert_int_equal(bgp_msg_build_withdraw(&other, 1, &packed, buf,
						sizeof(buf)), -EINVAL);
	p4.len = 33;
	assert_int_equal(bgp_msg_build_withdraw(&p4, 1, &packed, buf,
						sizeof(buf)), -EINVAL);
	p6.len = 129;
	assert_int_equal(bgp_msg_build_withdraw(&p6, 1, &packed, buf,
						sizeof(buf)), -EINVAL);
	p4.len = 8;
	assert_int_equal(bgp_msg_build_announce(&ibgp4, &attrs, &nh4, &p4, 1,
						&packed, buf, 40), -EMSGSIZE);
	assert_int_equal(packed, 0);
	assert_int_equal(bgp_msg_build_withdraw(&p4, 1, &packed, buf, 24),
			 -EMSGSIZE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ipv4_every_attribute),
		cmocka_unit_test(test_each_attribute_alone),
		cmocka_unit_test(test_origins_and_paths),
		cmocka_unit_test(test_ipv6_global_next_hop),
		cmocka_unit_test(test_ipv6_link_local_next_hop),
		cmocka_unit_test(test_withdraw_ipv4),
		cmocka_unit_test(test_withdraw_ipv6),
		cmocka_unit_test(test_end_of_rib),
		cmocka_unit_test(test_packing),
		cmocka_unit_test(test_packing_stops_at_another_family),
		cmocka_unit_test(test_ebgp_leaves_internal_attributes_out),
		cmocka_unit_test(test_attributes_in_type_order),
		cmocka_unit_test(test_trailing_bits_cleared),
		cmocka_unit_test(test_build_refuses),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
