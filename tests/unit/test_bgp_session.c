// SPDX-License-Identifier: GPL-2.0
/*
 * What two OPENs make of a session: the peer's OPEN checked (RFC 4271
 * 6.2, RFC 6793, RFC 6286), hold time and capabilities agreed, and which
 * of two racing connections stays (RFC 4271 6.8).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <errno.h>
#include <cmocka.h>

#include "bgp_fsm.h"

static struct bgp_peer_config cfg;
static struct bgp_open open;

static void setup_ibgp(void)
{
	memset(&cfg, 0, sizeof(cfg));
	cfg.local_as = 64512;
	cfg.peer_as = 64512;
	cfg.local_id = 0x0a000001;
	cfg.hold_time = 90;
	cfg.connect_retry_time = 5;
	memset(&open, 0, sizeof(open));
	open.version = BGP_VERSION;
	open.my_as = 64512;
	open.hold_time = 180;
	open.bgp_id = 0x0a000002;
	open.caps.as4 = true;
	open.caps.asn = 64512;
}

static int check(uint8_t *subcode)
{
	struct bgp_error err;
	int ret = bgp_open_check(&open, &cfg, &err);

	if (ret) {
		assert_int_equal(err.code, BGP_ERR_OPEN);
		*subcode = err.subcode;
	}
	return ret;
}

static void assert_open_refused(uint8_t subcode)
{
	uint8_t got = 0;

	assert_int_equal(check(&got), -EBADMSG);
	assert_int_equal(got, subcode);
}

static void assert_open_accepted(void)
{
	uint8_t got;

	assert_int_equal(check(&got), 0);
}

static void test_peer_as(void **state)
{
	(void)state;
	setup_ibgp();
	assert_open_accepted();
	open.caps.asn = 64513;
	assert_open_refused(BGP_ERR_OPEN_BAD_PEER_AS);
	/* without the capability My AS is the AS */
	open.caps.as4 = false;
	assert_open_accepted();
	open.my_as = 64513;
	assert_open_refused(BGP_ERR_OPEN_BAD_PEER_AS);
}

/* RFC 6793 4.1: AS_TRANS in My AS, the AS in the capability */
static void test_peer_as_trans(void **state)
{
	(void)state;
	setup_ibgp();
	cfg.peer_as = 4200000002U;
	open.my_as = BGP_AS_TRANS;
	open.caps.asn = 4200000002U;
	assert_open_accepted();
	/* an old speaker cannot be that AS */
	open.caps.as4 = false;
	assert_open_refused(BGP_ERR_OPEN_BAD_PEER_AS);
	/* RFC 7607: nor AS 0 */
	open.my_as = 0;
	assert_open_refused(BGP_ERR_OPEN_BAD_PEER_AS);
}

/* RFC 4271 4.2: 0, or at least 3 seconds */
static void test_hold_time_acceptable(void **state)
{
	static const uint16_t good[] = { 0, 3, 4, 90, 65535 };
	static const uint16_t bad[] = { 1, 2 };
	size_t i;

	(void)state;
	setup_ibgp();
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		open.hold_time = good[i];
		assert_open_accepted();
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		open.hold_time = bad[i];
		assert_open_refused(BGP_ERR_OPEN_HOLD_TIME);
	}
}

/* RFC 6286 2.2: not zero; inside the AS not ours either */
static void test_bgp_identifier(void **state)
{
	(void)state;
	setup_ibgp();
	open.bgp_id = 0;
	assert_open_refused(BGP_ERR_OPEN_BAD_ID);
	open.bgp_id = cfg.local_id;
	assert_open_refused(BGP_ERR_OPEN_BAD_ID);
	/* another AS may reuse it */
	cfg.peer_as = 65001;
	open.caps.asn = 65001;
	assert_open_accepted();
	open.bgp_id = 0;
	assert_open_refused(BGP_ERR_OPEN_BAD_ID);
	/* and any non-zero one is fine, not just a unicast host address */
	open.bgp_id = 0xffffffff;
	assert_open_accepted();
}

static void test_hold_time_negotiation_table(void **state)
{
	static const struct {
		uint16_t local, remote, hold;
	} table[] = {
		{ 0, 0, 0 }, { 0, 90, 0 }, { 90, 0, 0 }, { 3, 90, 3 },
		{ 90, 3, 3 }, { 90, 180, 90 }, { 180, 90, 90 },
		{ 240, 240, 240 }, { 65535, 3, 3 }, { 65535, 65535, 65535 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		assert_int_equal(bgp_hold_time_negotiate(table[i].local,
							 table[i].remote),
				 table[i].hold);
}

static void add_family(struct bgp_caps *caps, uint16_t afi, uint8_t safi)
{
	caps->families[caps->n_families].afi = afi;
	caps->families[caps->n_families++].safi = safi;
}

static void test_negotiation(void **state)
{
	struct bgp_session s;

	(void)state;
	setup_ibgp();
	cfg.caps.route_refresh = true;
	cfg.caps.enhanced_route_refresh = true;
	cfg.caps.graceful_restart = true;
	add_family(&cfg.caps, BGP_AFI_IPV4, BGP_SAFI_UNICAST);
	add_family(&cfg.caps, BGP_AFI_IPV6, BGP_SAFI_UNICAST);
	open.caps.route_refresh = true;
	open.caps.graceful_restart = true;
	open.caps.gr.time = 120;
	open.caps.gr.count = 1;
	open.caps.gr.families[0].afi = BGP_AFI_IPV6;
	open.caps.gr.families[0].safi = BGP_SAFI_UNICAST;
	add_family(&open.caps, BGP_AFI_IPV6, BGP_SAFI_UNICAST);
	add_family(&open.caps, BGP_AFI_IPV4, 128);
	bgp_session_negotiate(&s, &cfg, &open);
	assert_int_equal(s.peer_as, 64512);
	assert_int_equal(s.peer_id, 0x0a000002);
	assert_int_equal(s.hold_time, 90);
	assert_int_equal(s.keepalive_ms, 30000);
	assert_true(s.as4);
	assert_true(s.route_refresh);
	assert_false(s.enhanced_route_refresh);
	assert_true(s.graceful_restart);
	assert_int_equal(s.peer_gr.time, 120);
	assert_int_equal(s.peer_gr.count, 1);
	assert_int_equal(s.families, 1 << BGP_FAMILY_IPV6_UNICAST);
}

/* RFC 4760 8: without multiprotocol capabilities, IPv4 unicast */
static void test_negotiation_defaults(void **state)
{
	struct bgp_session s;

	(void)state;
	setup_ibgp();
	open.caps.as4 = false;
	open.hold_time = 10;
	bgp_session_negotiate(&s, &cfg, &open);
	assert_false(s.as4);
	assert_int_equal(s.peer_as, 64512);
	assert_int_equal(s.hold_time, 10);
	assert_int_equal(s.keepalive_ms, 3333);
	assert_int_equal(s.families, 1 << BGP_FAMILY_IPV4_UNICAST);
	assert_false(s.graceful_restart);
	/* a peer of IPv6 only shares nothing with a default speaker */
	add_family(&open.caps, BGP_AFI_IPV6, BGP_SAFI_UNICAST);
	bgp_session_negotiate(&s, &cfg, &open);
	assert_int_equal(s.families, 0);
}

static void test_our_open(void **state)
{
	struct bgp_open ours;

	(void)state;
	setup_ibgp();
	cfg.local_as = 4200000001U;
	bgp_open_from_config(&cfg, &ours);
	assert_int_equal(ours.version, BGP_VERSION);
	assert_int_equal(ours.my_as, BGP_AS_TRANS);
	assert_int_equal(ours.hold_time, 90);
	assert_int_equal(ours.bgp_id, cfg.local_id);
	assert_true(ours.caps.as4);
	assert_int_equal(ours.caps.asn, 4200000001U);
	cfg.local_as = 65535;
	bgp_open_from_config(&cfg, &ours);
	assert_int_equal(ours.my_as, 65535);
}

/* RFC 4271 6.8, RFC 6286 2.3 */
static void test_collision_keep_local_table(void **state)
{
	static const struct {
		uint32_t local_id, remote_id, local_as, remote_as;
		bool keep_local;
	} table[] = {
		{ 2, 1, 64512, 64512, true },
		{ 1, 2, 64512, 64512, false },
		{ 0xc0000201, 0x0a000001, 1, 2, true },
		{ 5, 5, 65002, 65001, true },
		{ 5, 5, 65001, 65002, false },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		assert_int_equal(bgp_collision_keep_local(table[i].local_id,
							  table[i].remote_id,
							  table[i].local_as,
							  table[i].remote_as),
				 table[i].keep_local);
}

static void test_collision_check(void **state)
{
	struct bgp_fsm mine, theirs;

	(void)state;
	setup_ibgp();
	memset(&mine, 0, sizeof(mine));
	mine.cfg = &cfg;
	mine.state = BGP_OPENCONFIRM;
	mine.outgoing = true;
	mine.session.peer_id = 0x0a000002;
	mine.session.peer_as = 64512;
	theirs = mine;
	theirs.outgoing = false;
	/* the peer's Identifier is higher: its connection stays */
	assert_int_equal(bgp_collision_check(&mine, &theirs),
			 BGP_COLLISION_DUMP_THIS);
	assert_int_equal(bgp_collision_check(&theirs, &mine),
			 BGP_COLLISION_DUMP_OTHER);
	cfg.local_id = 0x0a000003;
	assert_int_equal(bgp_collision_check(&mine, &theirs),
			 BGP_COLLISION_DUMP_OTHER);
	assert_int_equal(bgp_collision_check(&theirs, &mine),
			 BGP_COLLISION_DUMP_THIS);
	/* an Established one stays */
	theirs.state = BGP_ESTABLISHED;
	assert_int_equal(bgp_collision_check(&mine, &theirs),
			 BGP_COLLISION_DUMP_THIS);
	/* before OpenConfirm nothing is known to compare */
	theirs.state = BGP_OPENSENT;
	assert_int_equal(bgp_collision_check(&mine, &theirs),
			 BGP_COLLISION_NONE);
	theirs.state = BGP_ACTIVE;
	assert_int_equal(bgp_collision_check(&mine, &theirs),
			 BGP_COLLISION_NONE);
	mine.state = BGP_OPENSENT;
	theirs.state = BGP_OPENCONFIRM;
	assert_int_equal(bgp_collision_check(&mine, &theirs),
			 BGP_COLLISION_NONE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_peer_as),
		cmocka_unit_test(test_peer_as_trans),
		cmocka_unit_test(test_hold_time_acceptable),
		cmocka_unit_test(test_bgp_identifier),
		cmocka_unit_test(test_hold_time_negotiation_table),
		cmocka_unit_test(test_negotiation),
		cmocka_unit_test(test_negotiation_defaults),
		cmocka_unit_test(test_our_open),
		cmocka_unit_test(test_collision_keep_local_table),
		cmocka_unit_test(test_collision_check),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
