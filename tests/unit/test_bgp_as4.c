// SPDX-License-Identifier: GPL-2.0
/*
 * 4-octet AS numbers with an old speaker (RFC 6793): AS_TRANS and AS4_PATH
 * or AS4_AGGREGATOR when needed, the path rebuilt from both on receipt,
 * and the AS path helpers.
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

static const struct bgp_codec_ctx old_speaker;
static const struct bgp_codec_ctx new_speaker = { .as4 = true };

static struct bgp_attrs attrs;
static struct bgp_msg msg;
static uint8_t buf[BGP_MAX_MSG_LEN];

static void set_path(struct bgp_as_path *path, const uint8_t *types,
		     const uint8_t *lens, int n_segs, const uint32_t *asns)
{
	int i;

	path->n_segs = n_segs;
	path->n_asns = 0;
	for (i = 0; i < n_segs; i++) {
		path->segs[i].type = types[i];
		path->segs[i].len = lens[i];
		path->n_asns += lens[i];
	}
	memcpy(path->asns, asns, path->n_asns * sizeof(asns[0]));
}

static void sequence(struct bgp_as_path *path, const uint32_t *asns, int n)
{
	const uint8_t type = BGP_AS_SEQUENCE, len = n;

	set_path(path, &type, &len, 1, asns);
}

static void assert_path(const struct bgp_as_path *path, const uint32_t *asns,
			int n)
{
	assert_int_equal(path->n_asns, n);
	assert_memory_equal(path->asns, asns, n * sizeof(asns[0]));
}

/* Finds attribute type in the built UPDATE; NULL if absent. */
static const uint8_t *find_attr(uint8_t type, size_t *len)
{
	size_t wlen = buf[19] << 8 | buf[20];
	size_t off = 23 + wlen, end = off + (buf[21 + wlen] << 8 |
					      buf[22 + wlen]);

	while (off < end) {
		bool ext = buf[off] & BGP_ATTR_FLAG_EXTENDED;
		size_t hdr = ext ? 4 : 3;

		*len = ext ? buf[off + 2] << 8 | buf[off + 3] : buf[off + 2];
		if (buf[off + 1] == type)
			return buf + off + hdr;
		off += hdr + *len;
	}
	return NULL;
}

static int build(const struct bgp_codec_ctx *ctx)
{
	struct bgp_prefix p = { .afi = BGP_AFI_IPV4, .len = 8, .addr = {10} };
	struct bgp_nexthop nh = { .len = 4 };
	size_t packed;
	int len;

	nh.v4.s_addr = htonl(0xc0000201);
	attrs.present |= BGP_ATTR_BIT(BGP_ATTR_ORIGIN) |
			 BGP_ATTR_BIT(BGP_ATTR_AS_PATH);
	len = bgp_msg_build_announce(ctx, &attrs, &nh, &p, 1, &packed, buf,
				     sizeof(buf));
	assert_true(len > 0);
	return len;
}

static struct bgp_update *parse(const struct bgp_codec_ctx *ctx, int len)
{
	struct bgp_error err;

	assert_int_equal(bgp_msg_parse(buf, len, ctx, &msg, &err), 0);
	return &msg.update;
}

static void test_mappable_path_has_no_as4_path(void **state)
{
	static const uint32_t asns[] = { 65001, 64512, 23456 };
	size_t len;

	(void)state;
	memset(&attrs, 0, sizeof(attrs));
	sequence(&attrs.as_path, asns, 3);
	build(&old_speaker);
	assert_null(find_attr(BGP_ATTR_AS4_PATH, &len));
	assert_non_null(find_attr(BGP_ATTR_AS_PATH, &len));
	assert_int_equal(len, 2 + 3 * 2);
	assert_path(&parse(&old_speaker, build(&old_speaker))->attrs.as_path,
		    asns, 3);
}

/* RFC 6793 4.2.2: AS_TRANS in AS_PATH, the real ones in AS4_PATH */
static void test_old_speaker_gets_as4_path(void **state)
{
	static const uint32_t asns[] = { 65001, 4200000001U, 65002 };
	static const uint8_t as_path[] = {
		BGP_AS_SEQUENCE, 3, 0xfd, 0xe9, 0x5b, 0xa0, 0xfd, 0xea,
	};
	static const uint8_t as4_path[] = {
		BGP_AS_SEQUENCE, 3, 0, 0, 0xfd, 0xe9, 0xfa, 0x56, 0xea, 0x01,
		0, 0, 0xfd, 0xea,
	};
	const uint8_t *v;
	size_t len;

	(void)state;
	memset(&attrs, 0, sizeof(attrs));
	sequence(&attrs.as_path, asns, 3);
	build(&old_speaker);
	v = find_attr(BGP_ATTR_AS_PATH, &len);
	assert_int_equal(len, sizeof(as_path));
	assert_memory_equal(v, as_path, len);
	v = find_attr(BGP_ATTR_AS4_PATH, &len);
	assert_non_null(v);
	assert_int_equal(len, sizeof(as4_path));
	assert_memory_equal(v, as4_path, len);
	assert_int_equal(v[-3], BGP_ATTR_FLAG_OPTIONAL |
				BGP_ATTR_FLAG_TRANSITIVE);
	/* and a NEW speaker gets 4-octet AS_PATH only */
	build(&new_speaker);
	assert_null(find_attr(BGP_ATTR_AS4_PATH, &len));
	assert_non_null(find_attr(BGP_ATTR_AS_PATH, &len));
	assert_int_equal(len, 2 + 3 * 4);
}

static void test_path_rebuilt_from_both(void **state)
{
	static const uint32_t asns[] = {
		4200000001U, 65001, 4200000002U, 4200000003U, 65002,
	};
	const uint8_t types[] = { BGP_AS_SEQUENCE, BGP_AS_SET };
	const uint8_t lens[] = { 3, 2 };

	(void)state;
	memset(&attrs, 0, sizeof(attrs));
	set_path(&attrs.as_path, types, lens, 2, asns);
	parse(&old_speaker, build(&old_speaker));
	assert_path(&msg.update.attrs.as_path, asns, 5);
	assert_int_equal(msg.update.attrs.as_path.n_segs, 2);
	assert_int_equal(msg.update.attrs.as_path.segs[1].type, BGP_AS_SET);
	assert_int_equal(msg.update.error.action, BGP_UPDATE_OK);
}

/* An UPDATE of these attributes for 10/8 */
static int update_of(const uint8_t *a, size_t alen)
{
	size_t len = BGP_UPDATE_MIN_LEN + alen + 2;

	memset(buf, 0xff, BGP_MARKER_LEN);
	buf[16] = len >> 8;
	buf[17] = len;
	buf[18] = BGP_MSG_UPDATE;
	buf[19] = 0;
	buf[20] = 0;
	buf[21] = alen >> 8;
	buf[22] = alen;
	memcpy(buf + 23, a, alen);
	buf[23 + alen] = 8;
	buf[24 + alen] = 10;
	return len;
}

#define ORIGIN_IGP	0x40, BGP_ATTR_ORIGIN, 1, 0
#define NEXT_HOP	0x40, BGP_ATTR_NEXT_HOP, 4, 192, 0, 2, 1
#define AS4(a)		((a) >> 24 & 0xff), ((a) >> 16 & 0xff), \
			((a) >> 8 & 0xff), ((a) & 0xff)

/* RFC 6793 4.2.3: leading ASes of AS_PATH, then AS4_PATH */
static void test_path_rebuilt_after_old_prepend(void **state)
{
	/* as an old speaker passes it on after prepending its AS */
	static const uint8_t a[] = {
		ORIGIN_IGP,
		0x40, BGP_ATTR_AS_PATH, 10, BGP_AS_SEQUENCE, 4,
		0, 100, 0xfd, 0xe9, 0x5b, 0xa0, 0x5b, 0xa0,
		NEXT_HOP,
		0xc0, BGP_ATTR_AS4_PATH, 10, BGP_AS_SEQUENCE, 2,
		AS4(4200000001U), AS4(4200000002U),
	};
	static const uint32_t want[] = { 100, 65001, 4200000001U, 4200000002U };
	struct bgp_update *u = parse(&old_speaker, update_of(a, sizeof(a)));

	(void)state;
	assert_int_equal(u->error.action, BGP_UPDATE_OK);
	assert_path(&u->attrs.as_path, want, 4);
	/* the segments as they came: AS_PATH's leading part, AS4_PATH's */
	assert_int_equal(u->attrs.as_path.n_segs, 2);
	assert_int_equal(u->attrs.as_path.segs[0].len, 2);
	assert_int_equal(bgp_as_path_length(&u->attrs.as_path), 4);
}

/* A set in the leading part counts as one AS */
static void test_path_rebuilt_with_leading_set(void **state)
{
	static const uint8_t a[] = {
		ORIGIN_IGP,
		0x40, BGP_ATTR_AS_PATH, 12, BGP_AS_SET, 2, 0, 100, 0, 101,
		BGP_AS_SEQUENCE, 2, 0x5b, 0xa0, 0, 7,
		NEXT_HOP,
		0xc0, BGP_ATTR_AS4_PATH, 10, BGP_AS_SEQUENCE, 2,
		AS4(4200000001U), AS4(7),
	};
	static const uint32_t want[] = { 100, 101, 4200000001U, 7 };
	struct bgp_update *u = parse(&old_speaker, update_of(a, sizeof(a)));

	(void)state;
	assert_path(&u->attrs.as_path, want, 4);
	assert_int_equal(u->attrs.as_path.n_segs, 2);
	assert_int_equal(u->attrs.as_path.segs[0].type, BGP_AS_SET);
	assert_int_equal(bgp_as_path_length(&u->attrs.as_path), 3);
}

/* RFC 6793 4.1: AS4_PATH from a NEW speaker is discarded */
static void test_as4_path_from_new_speaker(void **state)
{
	static const uint8_t a[] = {
		ORIGIN_IGP,
		0x40, BGP_ATTR_AS_PATH, 10, BGP_AS_SEQUENCE, 2,
		AS4(100), AS4(4200000001U),
		NEXT_HOP,
		0xc0, BGP_ATTR_AS4_PATH, 6, BGP_AS_SEQUENCE, 1, AS4(7),
	};
	static const uint32_t want[] = { 100, 4200000001U };
	struct bgp_update *u = parse(&new_speaker, update_of(a, sizeof(a)));

	(void)state;
	assert_int_equal(u->error.action, BGP_UPDATE_ATTR_DISCARD);
	assert_int_equal(u->error.attr, BGP_ATTR_AS4_PATH);
	assert_path(&u->attrs.as_path, want, 2);
}

/* RFC 6793 4.2.3: an AS4_PATH longer than AS_PATH is ignored */
static void test_as4_path_longer_ignored(void **state)
{
	static const uint8_t a[] = {
		ORIGIN_IGP,
		0x40, BGP_ATTR_AS_PATH, 4, BGP_AS_SEQUENCE, 1, 0x5b, 0xa0,
		NEXT_HOP,
		0xc0, BGP_ATTR_AS4_PATH, 10, BGP_AS_SEQUENCE, 2,
		AS4(4200000001U), AS4(4200000002U),
	};
	static const uint32_t want[] = { BGP_AS_TRANS };
	struct bgp_update *u = parse(&old_speaker, update_of(a, sizeof(a)));

	(void)state;
	assert_int_equal(u->error.action, BGP_UPDATE_OK);
	assert_path(&u->attrs.as_path, want, 1);
}

/* RFC 6793 6: a malformed AS4_PATH is discarded, the UPDATE kept */
static void test_as4_path_malformed(void **state)
{
	static const uint8_t a[] = {
		ORIGIN_IGP,
		0x40, BGP_ATTR_AS_PATH, 4, BGP_AS_SEQUENCE, 1, 0x5b, 0xa0,
		NEXT_HOP,
		0xc0, BGP_ATTR_AS4_PATH, 5, BGP_AS_SEQUENCE, 1, 0xfa, 0x56,
		0xea,
	};
	static const uint32_t want[] = { BGP_AS_TRANS };
	struct bgp_update *u = parse(&old_speaker, update_of(a, sizeof(a)));

	(void)state;
	assert_int_equal(u->error.action, BGP_UPDATE_ATTR_DISCARD);
	assert_int_equal(u->error.attr, BGP_ATTR_AS4_PATH);
	assert_path(&u->attrs.as_path, want, 1);
}

static void test_aggregator_as4(void **state)
{
	const uint8_t *v;
	size_t len;

	(void)state;
	memset(&attrs, 0, sizeof(attrs));
	attrs.present = BGP_ATTR_BIT(BGP_ATTR_AGGREGATOR);
	attrs.aggregator.asn = 4200000009U;
	attrs.aggregator.addr.s_addr = htonl(0x0a000009);
	build(&old_speaker);
	v = find_attr(BGP_ATTR_AGGREGATOR, &len);
	assert_int_equal(len, 6);
	assert_int_equal(v[0] << 8 | v[1], BGP_AS_TRANS);
	v = find_attr(BGP_ATTR_AS4_AGGREGATOR, &len);
	assert_non_null(v);
	assert_int_equal(len, 8);
	parse(&old_speaker, build(&old_speaker));
	assert_int_equal(msg.update.attrs.aggregator.asn, 4200000009U);
	assert_int_equal(msg.update.attrs.aggregator.addr.s_addr,
			 htonl(0x0a000009));
	/* a mappable one needs no AS4_AGGREGATOR */
	attrs.aggregator.asn = 65009;
	build(&old_speaker);
	assert_null(find_attr(BGP_ATTR_AS4_AGGREGATOR, &len));
	build(&new_speaker);
	v = find_attr(BGP_ATTR_AGGREGATOR, &len);
	assert_int_equal(len, 8);
}

/*
 * RFC 6793 4.2.3: an AGGREGATOR that is not AS_TRANS means an old speaker
 * aggregated after the AS4_* were added; both AS4_* are stale then.
 */
static void test_real_aggregator_voids_as4_attributes(void **state)
{
	static const uint8_t a[] = {
		ORIGIN_IGP,
		0x40, BGP_ATTR_AS_PATH, 6, BGP_AS_SEQUENCE, 2,
		0, 100, 0x5b, 0xa0,
		NEXT_HOP,
		0xc0, BGP_ATTR_AGGREGATOR, 6, 0, 100, 10, 0, 0, 100,
		0xc0, BGP_ATTR_AS4_PATH, 6, BGP_AS_SEQUENCE, 1,
		AS4(4200000001U),
		0xc0, BGP_ATTR_AS4_AGGREGATOR, 8, AS4(4200000009U),
		10, 0, 0, 9,
	};
	static const uint32_t want[] = { 100, BGP_AS_TRANS };
	struct bgp_update *u = parse(&old_speaker, update_of(a, sizeof(a)));

	(void)state;
	assert_path(&u->attrs.as_path, want, 2);
	assert_int_equal(u->attrs.aggregator.asn, 100);
}

/* RFC 6793 6: confederation segments of AS4_PATH are dropped */
static void test_as4_path_confed_dropped(void **state)
{
	static const uint8_t a[] = {
		ORIGIN_IGP,
		0x40, BGP_ATTR_AS_PATH, 6, BGP_AS_SEQUENCE, 2,
		0, 100, 0x5b, 0xa0,
		NEXT_HOP,
		0xc0, BGP_ATTR_AS4_PATH, 12, BGP_AS_CONFED_SEQUENCE, 1,
		AS4(65000), BGP_AS_SEQUENCE, 1, AS4(4200000001U),
	};
	static const uint32_t want[] = { 100, 4200000001U };
	struct bgp_update *u = parse(&old_speaker, update_of(a, sizeof(a)));

	(void)state;
	assert_int_equal(u->error.action, BGP_UPDATE_OK);
	assert_path(&u->attrs.as_path, want, 2);
}

static void test_prepend(void **state)
{
	static struct bgp_as_path path;
	static const uint32_t asns[] = { 65001, 65002 };
	const uint8_t types[] = { BGP_AS_SET };
	const uint8_t lens[] = { 2 };
	int i;

	(void)state;
	memset(&path, 0, sizeof(path));
	assert_int_equal(bgp_as_path_prepend(&path, 65000), 0);
	assert_int_equal(path.n_segs, 1);
	assert_int_equal(path.segs[0].type, BGP_AS_SEQUENCE);
	assert_int_equal(bgp_as_path_prepend(&path, 65000), 0);
	assert_int_equal(path.n_segs, 1);
	assert_int_equal(path.segs[0].len, 2);
	/* in front of a set, a new sequence */
	set_path(&path, types, lens, 1, asns);
	assert_int_equal(bgp_as_path_prepend(&path, 4200000000U), 0);
	assert_int_equal(path.n_segs, 2);
	assert_int_equal(path.asns[0], 4200000000U);
	assert_int_equal(path.segs[1].type, BGP_AS_SET);
	assert_int_equal(bgp_as_path_length(&path), 2);
	assert_true(bgp_as_path_contains(&path, 65002));
	assert_false(bgp_as_path_contains(&path, 65003));
	/* a full sequence starts another */
	memset(&path, 0, sizeof(path));
	for (i = 0; i < 256; i++)
		assert_int_equal(bgp_as_path_prepend(&path, 65000 + i), 0);
	assert_int_equal(path.n_segs, 2);
	assert_int_equal(path.segs[0].len, 1);
	assert_int_equal(path.segs[1].len, 255);
	assert_int_equal(bgp_as_path_length(&path), 256);
	for (; i < BGP_AS_PATH_MAX_ASNS; i++)
		assert_int_equal(bgp_as_path_prepend(&path, 1), 0);
	assert_int_equal(bgp_as_path_prepend(&path, 1), -ENOSPC);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mappable_path_has_no_as4_path),
		cmocka_unit_test(test_old_speaker_gets_as4_path),
		cmocka_unit_test(test_path_rebuilt_from_both),
		cmocka_unit_test(test_path_rebuilt_after_old_prepend),
		cmocka_unit_test(test_path_rebuilt_with_leading_set),
		cmocka_unit_test(test_as4_path_from_new_speaker),
		cmocka_unit_test(test_as4_path_longer_ignored),
		cmocka_unit_test(test_as4_path_malformed),
		cmocka_unit_test(test_aggregator_as4),
		cmocka_unit_test(test_real_aggregator_voids_as4_attributes),
		cmocka_unit_test(test_as4_path_confed_dropped),
		cmocka_unit_test(test_prepend),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
