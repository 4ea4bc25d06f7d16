// SPDX-License-Identifier: GPL-2.0
/*
 * The seed corpus of tests/fuzz/fuzz_bgp_msg: messages of every type made
 * by the builders, and a few malformed ones. The test checks the files in
 * the repository are these; "test_bgp_corpus --write DIR" writes them.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <arpa/inet.h>
#include <cmocka.h>

#include "bgp_msg.h"

static const struct bgp_codec_ctx new_speaker = { .as4 = true };
static const struct bgp_codec_ctx old_speaker;
static const uint8_t fqdn[] = { 4, 'n', 'o', 'd', 'e', 0 };
static const uint8_t shutdown_msg[] = { 11, 'm', 'a', 'i', 'n', 't', 'e',
					'n', 'a', 'n', 'c', 'e' };

static void open_caps(struct bgp_open *open)
{
	struct bgp_caps *caps = &open->caps;

	memset(open, 0, sizeof(*open));
	open->my_as = BGP_AS_TRANS;
	open->hold_time = 90;
	open->bgp_id = 0x0a000001;
	caps->as4 = true;
	caps->asn = 4200000001U;
	caps->route_refresh = true;
	caps->enhanced_route_refresh = true;
	caps->n_families = 2;
	caps->families[0].afi = BGP_AFI_IPV4;
	caps->families[0].safi = BGP_SAFI_UNICAST;
	caps->families[1].afi = BGP_AFI_IPV6;
	caps->families[1].safi = BGP_SAFI_UNICAST;
	caps->graceful_restart = true;
	caps->gr.time = 120;
	caps->gr.count = 1;
	caps->gr.families[0] = (struct bgp_gr_family){
		BGP_AFI_IPV4, BGP_SAFI_UNICAST, BGP_GR_AF_FORWARDING,
	};
	caps->n_unknown = 1;
	caps->unknown[0].code = 73;
	caps->unknown[0].len = sizeof(fqdn);
	caps->unknown[0].value = fqdn;
}

static int open_full(uint8_t *buf, size_t size)
{
	static struct bgp_open open;

	open_caps(&open);
	return bgp_msg_build_open(&open, buf, size);
}

static int open_extended(uint8_t *buf, size_t size)
{
	static struct bgp_open open;

	open_caps(&open);
	open.extended = true;
	return bgp_msg_build_open(&open, buf, size);
}

static int open_plain(uint8_t *buf, size_t size)
{
	static struct bgp_open open;

	memset(&open, 0, sizeof(open));
	open.my_as = 65001;
	open.hold_time = 180;
	open.bgp_id = 0xc0000201;
	return bgp_msg_build_open(&open, buf, size);
}

static int keepalive(uint8_t *buf, size_t size)
{
	return bgp_msg_build_keepalive(buf, size);
}

static int notification(uint8_t *buf, size_t size)
{
	struct bgp_error n = {
		.code = BGP_ERR_CEASE, .subcode = BGP_ERR_CEASE_ADMIN_SHUTDOWN,
		.data = shutdown_msg, .len = sizeof(shutdown_msg),
	};

	return bgp_msg_build_notification(&n, buf, size);
}

static int refresh(uint8_t *buf, size_t size, uint16_t afi, uint8_t subtype)
{
	struct bgp_route_refresh rr = {
		.afi = afi, .subtype = subtype, .safi = BGP_SAFI_UNICAST,
	};

	return bgp_msg_build_route_refresh(&rr, buf, size);
}

static int refresh_request(uint8_t *buf, size_t size)
{
	return refresh(buf, size, BGP_AFI_IPV4, BGP_RR_REQUEST);
}

static int refresh_borr(uint8_t *buf, size_t size)
{
	return refresh(buf, size, BGP_AFI_IPV6, BGP_RR_BORR);
}

static int refresh_eorr(uint8_t *buf, size_t size)
{
	return refresh(buf, size, BGP_AFI_IPV6, BGP_RR_EORR);
}

static const uint8_t ext_community[] = { 0, 2, 0xfd, 0xe9, 0, 0, 0, 7 };

static struct bgp_attrs *attrs_with_all(void)
{
	static struct bgp_attrs a;

	memset(&a, 0, sizeof(a));
	a.present = BGP_ATTR_BIT(BGP_ATTR_ORIGIN) |
		    BGP_ATTR_BIT(BGP_ATTR_AS_PATH) |
		    BGP_ATTR_BIT(BGP_ATTR_MED) |
		    BGP_ATTR_BIT(BGP_ATTR_LOCAL_PREF) |
		    BGP_ATTR_BIT(BGP_ATTR_ATOMIC_AGGREGATE) |
		    BGP_ATTR_BIT(BGP_ATTR_AGGREGATOR) |
		    BGP_ATTR_BIT(BGP_ATTR_COMMUNITIES) |
		    BGP_ATTR_BIT(BGP_ATTR_ORIGINATOR_ID) |
		    BGP_ATTR_BIT(BGP_ATTR_CLUSTER_LIST);
	a.as_path.n_segs = 2;
	a.as_path.n_asns = 4;
	a.as_path.segs[0] = (struct bgp_as_segment){ BGP_AS_SEQUENCE, 2 };
	a.as_path.segs[1] = (struct bgp_as_segment){ BGP_AS_SET, 2 };
	a.as_path.asns[0] = 65001;
	a.as_path.asns[1] = 4200000002U;
	a.as_path.asns[2] = 65010;
	a.as_path.asns[3] = 65011;
	a.med = 10;
	a.local_pref = 100;
	a.aggregator.asn = 4200000003U;
	a.aggregator.addr.s_addr = htonl(0x0a000003);
	a.n_communities = 1;
	a.communities[0] = 0xfde90001;
	a.originator_id.s_addr = htonl(0x0a000004);
	a.n_clusters = 1;
	a.clusters[0] = 0x0a000005;
	a.n_unknown = 1;
	a.unknown[0].flags = BGP_ATTR_FLAG_OPTIONAL |
			     BGP_ATTR_FLAG_TRANSITIVE;
	a.unknown[0].type = 16;
	a.unknown[0].len = sizeof(ext_community);
	a.unknown[0].value = ext_community;
	return &a;
}

static const struct bgp_prefix v4[] = {
	{ BGP_AFI_IPV4, 24, { 10, 244, 1 } },
	{ BGP_AFI_IPV4, 32, { 10, 244, 2, 7 } },
	{ BGP_AFI_IPV4, 0, { 0 } },
};

static const struct bgp_prefix v6[] = {
	{ BGP_AFI_IPV6, 64, { 0xfd, 0, 0, 0x10, 2, 0x44, 0, 1 } },
	{ BGP_AFI_IPV6, 128, { 0x20, 1, 0xd, 0xb8, [15] = 1 } },
};

static int announce(const struct bgp_codec_ctx *ctx,
		    const struct bgp_nexthop *nh, const struct bgp_prefix *p,
		    size_t n, uint8_t *buf, size_t size)
{
	size_t packed;

	return bgp_msg_build_announce(ctx, attrs_with_all(), nh, p, n,
				      &packed, buf, size);
}

static int update_ipv4(uint8_t *buf, size_t size)
{
	struct bgp_nexthop nh = { .len = 4 };

	nh.v4.s_addr = htonl(0xc0000201);
	return announce(&new_speaker, &nh, v4, 3, buf, size);
}

static int update_ipv4_as4_path(uint8_t *buf, size_t size)
{
	struct bgp_nexthop nh = { .len = 4 };

	nh.v4.s_addr = htonl(0xc0000201);
	return announce(&old_speaker, &nh, v4, 3, buf, size);
}

static int update_ipv6(uint8_t *buf, size_t size)
{
	struct bgp_nexthop nh = { .len = 16, .global.s6_addr = {
		0x20, 1, 0xd, 0xb8, [15] = 0xff } };

	return announce(&new_speaker, &nh, v6, 2, buf, size);
}

static int update_ipv6_link_local(uint8_t *buf, size_t size)
{
	struct bgp_nexthop nh = { .len = 32,
		.global.s6_addr = { 0x20, 1, 0xd, 0xb8, [15] = 0xff },
		.link_local.s6_addr = { 0xfe, 0x80, [15] = 0xff } };

	return announce(&new_speaker, &nh, v6, 2, buf, size);
}

static int withdraw_ipv4(uint8_t *buf, size_t size)
{
	size_t packed;

	return bgp_msg_build_withdraw(v4, 3, &packed, buf, size);
}

static int withdraw_ipv6(uint8_t *buf, size_t size)
{
	size_t packed;

	return bgp_msg_build_withdraw(v6, 2, &packed, buf, size);
}

static int eor_ipv4(uint8_t *buf, size_t size)
{
	return bgp_msg_build_eor(BGP_AFI_IPV4, BGP_SAFI_UNICAST, buf, size);
}

static int eor_ipv6(uint8_t *buf, size_t size)
{
	return bgp_msg_build_eor(BGP_AFI_IPV6, BGP_SAFI_UNICAST, buf, size);
}

/* ORIGIN undefined: treat-as-withdraw */
static int update_bad_origin(uint8_t *buf, size_t size)
{
	int len = update_ipv4(buf, size);

	buf[26] = 9;
	return len;
}

/* MP_REACH_NLRI with a next hop of 17 octets: AFI/SAFI disable */
static int update_bad_mp_reach(uint8_t *buf, size_t size)
{
	int len = update_ipv6(buf, size);

	buf[29] = 17;
	return len;
}

struct seed {
	const char *name;
	int (*build)(uint8_t *buf, size_t size);
	enum bgp_update_action action;
};

static const struct seed seeds[] = {
	{ "open-full", open_full, BGP_UPDATE_OK },
	{ "open-extended", open_extended, BGP_UPDATE_OK },
	{ "open-plain", open_plain, BGP_UPDATE_OK },
	{ "keepalive", keepalive, BGP_UPDATE_OK },
	{ "notification-shutdown", notification, BGP_UPDATE_OK },
	{ "route-refresh", refresh_request, BGP_UPDATE_OK },
	{ "route-refresh-borr", refresh_borr, BGP_UPDATE_OK },
	{ "route-refresh-eorr", refresh_eorr, BGP_UPDATE_OK },
	{ "update-ipv4", update_ipv4, BGP_UPDATE_OK },
	{ "update-ipv4-as4-path", update_ipv4_as4_path, BGP_UPDATE_OK },
	{ "update-ipv6", update_ipv6, BGP_UPDATE_OK },
	{ "update-ipv6-link-local", update_ipv6_link_local, BGP_UPDATE_OK },
	{ "withdraw-ipv4", withdraw_ipv4, BGP_UPDATE_OK },
	{ "withdraw-ipv6", withdraw_ipv6, BGP_UPDATE_OK },
	{ "eor-ipv4", eor_ipv4, BGP_UPDATE_OK },
	{ "eor-ipv6", eor_ipv6, BGP_UPDATE_OK },
	{ "update-bad-origin", update_bad_origin,
	  BGP_UPDATE_TREAT_AS_WITHDRAW },
	{ "update-bad-mp-reach", update_bad_mp_reach,
	  BGP_UPDATE_AFI_SAFI_DISABLE },
};

#define N_SEEDS		(sizeof(seeds) / sizeof(seeds[0]))

static int path_of(char *path, size_t size, const char *dir,
		   const struct seed *seed)
{
	return snprintf(path, size, "%s/%s", dir, seed->name) < (int)size ?
	       0 : -ENAMETOOLONG;
}

/* Each seed parses, an UPDATE with the approach it is there for. */
static void test_seed_parses(void **state)
{
	const struct seed *seed = *state;
	const struct bgp_codec_ctx *ctx = seed->build == update_ipv4_as4_path ?
					  &old_speaker : &new_speaker;
	static struct bgp_msg msg;
	uint8_t buf[BGP_MAX_MSG_LEN];
	struct bgp_error err;
	int len = seed->build(buf, sizeof(buf));

	assert_true(len > 0);
	assert_int_equal(bgp_msg_parse(buf, len, ctx, &msg, &err), 0);
	if (msg.type == BGP_MSG_UPDATE)
		assert_int_equal(msg.update.error.action, seed->action);
}

static void test_seed_in_repository(void **state)
{
	const struct seed *seed = *state;
	uint8_t want[BGP_MAX_MSG_LEN], got[BGP_MAX_MSG_LEN + 1];
	char path[4096];
	size_t n;
	FILE *f;
	int len;

	assert_int_equal(path_of(path, sizeof(path), BGP_CORPUS, seed), 0);
	f = fopen(path, "rb");
	if (!f)
		fail_msg("%s: %s; make bgp-corpus writes it", path,
			 strerror(errno));
	n = fread(got, 1, sizeof(got), f);
	fclose(f);
	len = seed->build(want, sizeof(want));
	assert_int_equal(n, len);
	assert_memory_equal(got, want, len);
}

static int write_corpus(const char *dir)
{
	uint8_t buf[BGP_MAX_MSG_LEN];
	char path[4096];
	size_t i;
	FILE *f;

	for (i = 0; i < N_SEEDS; i++) {
		int len = seeds[i].build(buf, sizeof(buf));

		if (len < 0 || path_of(path, sizeof(path), dir, &seeds[i]))
			return 1;
		f = fopen(path, "wb");
		if (!f || fwrite(buf, 1, len, f) != (size_t)len ||
		    fclose(f)) {
			perror(path);
			return 1;
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	static struct CMUnitTest tests[2 * N_SEEDS];
	static char names[2 * N_SEEDS][64];
	size_t i;

	if (argc == 3 && !strcmp(argv[1], "--write"))
		return write_corpus(argv[2]);
	for (i = 0; i < N_SEEDS; i++) {
		snprintf(names[2 * i], sizeof(names[0]), "%s parses",
			 seeds[i].name);
		tests[2 * i].name = names[2 * i];
		tests[2 * i].test_func = test_seed_parses;
		tests[2 * i].initial_state = (void *)&seeds[i];
		snprintf(names[2 * i + 1], sizeof(names[0]), "%s in corpus",
			 seeds[i].name);
		tests[2 * i + 1].name = names[2 * i + 1];
		tests[2 * i + 1].test_func = test_seed_in_repository;
		tests[2 * i + 1].initial_state = (void *)&seeds[i];
	}
	return _cmocka_run_group_tests("test_bgp_corpus", tests,
				       2 * N_SEEDS, NULL, NULL);
}
