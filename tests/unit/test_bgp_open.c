// SPDX-License-Identifier: GPL-2.0
/*
 * OPEN both ways: capabilities (RFC 5492) known and unknown, the
 * extended optional parameters of RFC 9072, and the malformed ones with
 * their NOTIFICATION subcodes.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <errno.h>
#include <cmocka.h>

#include "bgp_msg.h"

static const struct bgp_codec_ctx ctx;
static const uint8_t hostname_cap[] = { 4, 'n', 'o', 'd', 'e', 0 };

static void full_open(struct bgp_open *open)
{
	struct bgp_caps *caps = &open->caps;

	memset(open, 0, sizeof(*open));
	open->version = BGP_VERSION;
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
	caps->gr.flags = BGP_GR_RESTART_STATE;
	caps->gr.time = 120;
	caps->gr.count = 2;
	caps->gr.families[0].afi = BGP_AFI_IPV4;
	caps->gr.families[0].safi = BGP_SAFI_UNICAST;
	caps->gr.families[0].flags = BGP_GR_AF_FORWARDING;
	caps->gr.families[1].afi = BGP_AFI_IPV6;
	caps->gr.families[1].safi = BGP_SAFI_UNICAST;
	caps->n_unknown = 1;
	caps->unknown[0].code = 73;	/* FQDN, unknown to the codec */
	caps->unknown[0].len = sizeof(hostname_cap);
	caps->unknown[0].value = hostname_cap;
}

static void assert_caps_equal(const struct bgp_caps *a,
			      const struct bgp_caps *b)
{
	int i;

	assert_int_equal(a->as4, b->as4);
	assert_int_equal(a->asn, b->asn);
	assert_int_equal(a->route_refresh, b->route_refresh);
	assert_int_equal(a->enhanced_route_refresh, b->enhanced_route_refresh);
	assert_int_equal(a->n_families, b->n_families);
	for (i = 0; i < a->n_families; i++) {
		assert_int_equal(a->families[i].afi, b->families[i].afi);
		assert_int_equal(a->families[i].safi, b->families[i].safi);
	}
	assert_int_equal(a->graceful_restart, b->graceful_restart);
	assert_int_equal(a->gr.flags, b->gr.flags);
	assert_int_equal(a->gr.time, b->gr.time);
	assert_int_equal(a->gr.count, b->gr.count);
	assert_memory_equal(a->gr.families, b->gr.families,
			    a->gr.count * sizeof(a->gr.families[0]));
	assert_int_equal(a->n_unknown, b->n_unknown);
	for (i = 0; i < a->n_unknown; i++) {
		assert_int_equal(a->unknown[i].code, b->unknown[i].code);
		assert_int_equal(a->unknown[i].len, b->unknown[i].len);
		assert_memory_equal(a->unknown[i].value, b->unknown[i].value,
				    a->unknown[i].len);
	}
}

static void round_trip(const struct bgp_open *open, bool extended)
{
	uint8_t buf[BGP_MAX_MSG_LEN];
	struct bgp_error err;
	static struct bgp_msg msg;
	int len;

	len = bgp_msg_build_open(open, buf, sizeof(buf));
	assert_true(len >= BGP_OPEN_MIN_LEN);
	assert_int_equal(bgp_msg_parse(buf, len, &ctx, &msg, &err), 0);
	assert_int_equal(msg.type, BGP_MSG_OPEN);
	assert_int_equal(msg.open.version, BGP_VERSION);
	assert_int_equal(msg.open.my_as, open->my_as);
	assert_int_equal(msg.open.hold_time, open->hold_time);
	assert_int_equal(msg.open.bgp_id, open->bgp_id);
	assert_int_equal(msg.open.extended, extended);
	assert_caps_equal(&msg.open.caps, &open->caps);
}

static void test_open_with_every_capability(void **state)
{
	static struct bgp_open open;

	(void)state;
	full_open(&open);
	round_trip(&open, false);
}

static void test_open_without_capabilities(void **state)
{
	static struct bgp_open open;
	uint8_t buf[BGP_MAX_MSG_LEN];

	(void)state;
	memset(&open, 0, sizeof(open));
	open.my_as = 65001;
	open.hold_time = 180;
	open.bgp_id = 1;
	assert_int_equal(bgp_msg_build_open(&open, buf, sizeof(buf)),
			 BGP_OPEN_MIN_LEN);
	round_trip(&open, false);
}

static void test_open_forced_extended(void **state)
{
	static struct bgp_open open;

	(void)state;
	full_open(&open);
	open.extended = true;
	round_trip(&open, true);
	memset(&open.caps, 0, sizeof(open.caps));
	round_trip(&open, true);
}

/* RFC 9072 2: past 255 octets of parameters the extended form is a must */
static void test_open_extended_when_long(void **state)
{
	static const uint8_t value[220] = { 1 };
	static struct bgp_open open;
	uint8_t buf[BGP_MAX_MSG_LEN];
	int len;

	(void)state;
	full_open(&open);
	open.caps.n_unknown = 2;
	open.caps.unknown[1].code = 200;
	open.caps.unknown[1].len = sizeof(value);
	open.caps.unknown[1].value = value;
	len = bgp_msg_build_open(&open, buf, sizeof(buf));
	assert_int_equal(buf[28], BGP_OPT_EXTENDED);
	assert_int_equal(buf[29], BGP_OPT_EXTENDED);
	assert_int_equal((buf[30] << 8 | buf[31]) + 32, len);
	round_trip(&open, true);
}

/* RFC 9072 3: the type octet, not the length, says which form it is. */
static void test_open_extended_any_length_octet(void **state)
{
	static const uint8_t msg_bytes[] = {
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0, 41, BGP_MSG_OPEN,
		4, 0xfd, 0xe9, 0, 90, 10, 0, 0, 1,
		9, 255, 0, 9,			/* Non-Ext OP Len 9 */
		BGP_OPT_CAPABILITIES, 0, 6,
		BGP_CAP_AS4, 4, 0, 0, 0xfd, 0xe9,
	};
	struct bgp_error err;
	static struct bgp_msg msg;

	(void)state;
	assert_int_equal(bgp_msg_parse(msg_bytes, sizeof(msg_bytes), &ctx,
				       &msg, &err), 0);
	assert_true(msg.open.extended);
	assert_true(msg.open.caps.as4);
	assert_int_equal(msg.open.caps.asn, 65001);
}

/* RFC 5492: capabilities in several parameters, unknown ones kept */
static void test_open_caps_in_many_params(void **state)
{
	static const uint8_t msg_bytes[] = {
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0, 50, BGP_MSG_OPEN,
		4, 0xfd, 0xe9, 0, 90, 10, 0, 0, 1,
		21,
		BGP_OPT_CAPABILITIES, 6, BGP_CAP_MULTIPROTOCOL, 4, 0, 2, 0, 1,
		BGP_OPT_CAPABILITIES, 2, BGP_CAP_ROUTE_REFRESH, 0,
		BGP_OPT_CAPABILITIES, 7, 128, 0, 99, 3, 'a', 'b', 'c',
	};
	struct bgp_error err;
	static struct bgp_msg msg;
	const struct bgp_caps *caps = &msg.open.caps;

	(void)state;
	assert_int_equal(bgp_msg_parse(msg_bytes, sizeof(msg_bytes), &ctx,
				       &msg, &err), 0);
	assert_false(msg.open.extended);
	assert_int_equal(caps->n_families, 1);
	assert_int_equal(caps->families[0].afi, BGP_AFI_IPV6);
	assert_true(caps->route_refresh);
	assert_false(caps->as4);
	assert_int_equal(caps->n_unknown, 2);
	assert_int_equal(caps->unknown[0].code, 128);
	assert_int_equal(caps->unknown[0].len, 0);
	assert_int_equal(caps->unknown[1].code, 99);
	assert_memory_equal(caps->unknown[1].value, "abc", 3);
}

static size_t open_with_caps(uint8_t *buf, const uint8_t *caps, size_t len)
{
	static const uint8_t head[] = {
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0, 0, BGP_MSG_OPEN,
		4, 0xfd, 0xe9, 0, 90, 10, 0, 0, 1,
	};
	size_t total = sizeof(head) + 3 + len;

	memcpy(buf, head, sizeof(head));
	buf[16] = total >> 8;
	buf[17] = total;
	buf[28] = len + 2;
	buf[29] = BGP_OPT_CAPABILITIES;
	buf[30] = len;
	if (len)
		memcpy(buf + 31, caps, len);
	return total;
}

/* RFC 4724 3: of several instances the last one counts */
static void test_open_last_graceful_restart_wins(void **state)
{
	static const uint8_t caps[] = {
		BGP_CAP_GRACEFUL_RESTART, 6, 0x80, 0x78, 0, 1, 1, 0x80,
		BGP_CAP_GRACEFUL_RESTART, 2, 0x00, 0x3c,
	};
	uint8_t buf[BGP_MAX_MSG_LEN];
	struct bgp_error err;
	static struct bgp_msg msg;
	size_t len = open_with_caps(buf, caps, sizeof(caps));

	(void)state;
	assert_int_equal(bgp_msg_parse(buf, len, &ctx, &msg, &err), 0);
	assert_true(msg.open.caps.graceful_restart);
	assert_int_equal(msg.open.caps.gr.flags, 0);
	assert_int_equal(msg.open.caps.gr.time, 60);
	assert_int_equal(msg.open.caps.gr.count, 0);
}

static void test_open_many_unknown_caps(void **state)
{
	uint8_t caps[2 * (BGP_MAX_UNKNOWN_CAPS + 10)];
	uint8_t buf[BGP_MAX_MSG_LEN];
	struct bgp_error err;
	static struct bgp_msg msg;
	size_t i, len;

	(void)state;
	for (i = 0; i < sizeof(caps) / 2; i++) {
		caps[2 * i] = 200;
		caps[2 * i + 1] = 0;
	}
	/* 148 octets: fits the classic form */
	len = open_with_caps(buf, caps, sizeof(caps));
	assert_int_equal(bgp_msg_parse(buf, len, &ctx, &msg, &err), 0);
	assert_int_equal(msg.open.caps.n_unknown, BGP_MAX_UNKNOWN_CAPS);
	assert_int_equal(msg.open.caps.n_unknown_skipped, 10);
}

static void assert_open_error(const uint8_t *buf, size_t len, uint8_t subcode)
{
	struct bgp_error err;
	static struct bgp_msg msg;

	assert_int_equal(bgp_msg_parse(buf, len, &ctx, &msg, &err), -EBADMSG);
	assert_int_equal(err.code, BGP_ERR_OPEN);
	assert_int_equal(err.subcode, subcode);
}

static void assert_caps_malformed(const uint8_t *caps, size_t len)
{
	uint8_t buf[BGP_MAX_MSG_LEN];

	assert_open_error(buf, open_with_caps(buf, caps, len),
			  BGP_ERR_OPEN_UNSPECIFIC);
}

/* RFC 4271 6.2: the largest version we speak, as data */
static void test_open_bad_version(void **state)
{
	static const uint8_t data[] = { 0, 4 };
	uint8_t buf[BGP_MAX_MSG_LEN];
	struct bgp_error err;
	static struct bgp_msg msg;
	size_t len = open_with_caps(buf, NULL, 0);

	(void)state;
	buf[19] = 3;
	assert_open_error(buf, len, BGP_ERR_OPEN_VERSION);
	assert_int_equal(bgp_msg_parse(buf, len, &ctx, &msg, &err), -EBADMSG);
	assert_int_equal(err.len, 2);
	assert_memory_equal(err.data, data, 2);
	buf[19] = 5;
	assert_open_error(buf, len, BGP_ERR_OPEN_VERSION);
}

static void test_open_malformed_capabilities(void **state)
{
	static const uint8_t overrun[] = { BGP_CAP_AS4, 4, 0, 0 };
	static const uint8_t half[] = { BGP_CAP_ROUTE_REFRESH };
	static const uint8_t mp_short[] = { BGP_CAP_MULTIPROTOCOL, 3, 0, 1, 1 };
	static const uint8_t as4_short[] = { BGP_CAP_AS4, 2, 0xfd, 0xe9 };
	static const uint8_t rr_long[] = { BGP_CAP_ROUTE_REFRESH, 1, 0 };
	static const uint8_t err_long[] = { BGP_CAP_ENHANCED_RR, 1, 0 };
	static const uint8_t gr_short[] = { BGP_CAP_GRACEFUL_RESTART, 1, 0 };
	static const uint8_t gr_odd[] = {
		BGP_CAP_GRACEFUL_RESTART, 5, 0, 90, 0, 1, 1,
	};

	(void)state;
	assert_caps_malformed(overrun, sizeof(overrun));
	assert_caps_malformed(half, sizeof(half));
	assert_caps_malformed(mp_short, sizeof(mp_short));
	assert_caps_malformed(as4_short, sizeof(as4_short));
	assert_caps_malformed(rr_long, sizeof(rr_long));
	assert_caps_malformed(err_long, sizeof(err_long));
	assert_caps_malformed(gr_short, sizeof(gr_short));
	assert_caps_malformed(gr_odd, sizeof(gr_odd));
}

static void test_open_malformed_parameters(void **state)
{
	uint8_t buf[BGP_MAX_MSG_LEN];
	size_t len;

	(void)state;
	/* parameter length beyond the parameters */
	len = open_with_caps(buf, NULL, 0);
	buf[30] = 1;
	assert_open_error(buf, len, BGP_ERR_OPEN_UNSPECIFIC);
	/* parameters length beyond the message */
	len = open_with_caps(buf, NULL, 0);
	buf[28] = 3;
	assert_open_error(buf, len, BGP_ERR_OPEN_UNSPECIFIC);
	/* or short of it */
	len = open_with_caps(buf, NULL, 0);
	buf[28] = 1;
	assert_open_error(buf, len, BGP_ERR_OPEN_UNSPECIFIC);
	/* extended form cut before its length */
	len = open_with_caps(buf, NULL, 0);
	buf[28] = 255;
	buf[29] = 255;
	assert_open_error(buf, len, BGP_ERR_OPEN_UNSPECIFIC);
}

static void test_open_unsupported_parameter(void **state)
{
	uint8_t buf[BGP_MAX_MSG_LEN];
	size_t len;

	(void)state;
	/* 1: the authentication parameter of RFC 1771, gone */
	len = open_with_caps(buf, NULL, 0);
	buf[29] = 1;
	assert_open_error(buf, len, BGP_ERR_OPEN_UNSUP_PARAM);
	/* RFC 9072 3: 255 past the first parameter */
	len = open_with_caps(buf, (const uint8_t[]){ 255, 0 }, 2);
	buf[28] = 4;
	buf[29] = BGP_OPT_CAPABILITIES;
	buf[30] = 0;
	assert_open_error(buf, len, BGP_ERR_OPEN_UNSUP_PARAM);
}

static void test_open_too_big_to_build(void **state)
{
	static const uint8_t value[255];
	static struct bgp_open open;
	uint8_t buf[BGP_MAX_MSG_LEN];
	int i;

	(void)state;
	memset(&open, 0, sizeof(open));
	open.caps.n_unknown = 20;
	for (i = 0; i < 20; i++) {
		open.caps.unknown[i].code = 200;
		open.caps.unknown[i].len = sizeof(value);
		open.caps.unknown[i].value = value;
	}
	assert_int_equal(bgp_msg_build_open(&open, buf, sizeof(buf)),
			 -EMSGSIZE);
	memset(&open.caps, 0, sizeof(open.caps));
	assert_int_equal(bgp_msg_build_open(&open, buf, 28), -EMSGSIZE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_open_with_every_capability),
		cmocka_unit_test(test_open_without_capabilities),
		cmocka_unit_test(test_open_forced_extended),
		cmocka_unit_test(test_open_extended_when_long),
		cmocka_unit_test(test_open_extended_any_length_octet),
		cmocka_unit_test(test_open_caps_in_many_params),
		cmocka_unit_test(test_open_last_graceful_restart_wins),
		cmocka_unit_test(test_open_many_unknown_caps),
		cmocka_unit_test(test_open_bad_version),
		cmocka_unit_test(test_open_malformed_capabilities),
		cmocka_unit_test(test_open_malformed_parameters),
		cmocka_unit_test(test_open_unsupported_parameter),
		cmocka_unit_test(test_open_too_big_to_build),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
