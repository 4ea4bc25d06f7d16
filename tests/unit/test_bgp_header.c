// SPDX-License-Identifier: GPL-2.0
/*
 * BGP message framing and the small messages: the header checks of
 * RFC 4271 6.1 with their NOTIFICATION subcodes, KEEPALIVE, NOTIFICATION
 * and ROUTE-REFRESH (RFC 2918, RFC 7313) both ways.
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

/* A header of the given length and type with room for its body. */
static uint8_t *header(uint8_t *buf, uint16_t len, uint8_t type)
{
	memset(buf, 0, BGP_MAX_MSG_LEN + 64);
	memset(buf, 0xff, BGP_MARKER_LEN);
	buf[16] = len >> 8;
	buf[17] = len;
	buf[18] = type;
	return buf;
}

static void assert_header_error(const uint8_t *buf, size_t len,
				uint8_t subcode, const uint8_t *data,
				uint16_t data_len)
{
	struct bgp_error err = { 0 };
	struct bgp_msg msg;

	assert_int_equal(bgp_msg_parse(buf, len, &ctx, &msg, &err), -EBADMSG);
	assert_int_equal(err.code, BGP_ERR_HEADER);
	assert_int_equal(err.subcode, subcode);
	assert_int_equal(err.len, data_len);
	if (data_len)
		assert_memory_equal(err.data, data, data_len);
}

static void test_frame_needs_a_whole_header(void **state)
{
	uint8_t buf[BGP_MAX_MSG_LEN + 64];
	struct bgp_error err;

	(void)state;
	header(buf, 4000, BGP_MSG_UPDATE);
	assert_int_equal(bgp_msg_frame(buf, 0, &err), 0);
	assert_int_equal(bgp_msg_frame(buf, BGP_HEADER_LEN - 1, &err), 0);
	/* the length is known before the body is there */
	assert_int_equal(bgp_msg_frame(buf, BGP_HEADER_LEN, &err), 4000);
}

static void test_bad_marker(void **state)
{
	uint8_t buf[BGP_MAX_MSG_LEN + 64];
	int i;

	(void)state;
	for (i = 0; i < BGP_MARKER_LEN; i++) {
		header(buf, BGP_KEEPALIVE_LEN, BGP_MSG_KEEPALIVE);
		buf[i] = 0xfe;
		assert_header_error(buf, BGP_KEEPALIVE_LEN,
				    BGP_ERR_HDR_NOT_SYNC, NULL, 0);
	}
}

static void test_length_out_of_range(void **state)
{
	static const uint16_t bad[] = { 0, 1, 18, 4097, 0xffff };
	uint8_t buf[BGP_MAX_MSG_LEN + 64];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		header(buf, bad[i], BGP_MSG_UPDATE);
		assert_header_error(buf, BGP_HEADER_LEN,
				    BGP_ERR_HDR_BAD_LENGTH, buf + 16, 2);
	}
}

static void test_length_wrong_for_type(void **state)
{
	static const struct {
		uint8_t type;
		uint16_t len;
	} bad[] = {
		{ BGP_MSG_OPEN, 28 },
		{ BGP_MSG_UPDATE, 22 },
		{ BGP_MSG_NOTIFICATION, 20 },
		{ BGP_MSG_KEEPALIVE, 20 },
		{ BGP_MSG_KEEPALIVE, 4096 },
		{ BGP_MSG_ROUTE_REFRESH, 22 },
		{ BGP_MSG_ROUTE_REFRESH, 19 },
	};
	uint8_t buf[BGP_MAX_MSG_LEN + 64];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		header(buf, bad[i].len, bad[i].type);
		assert_header_error(buf, bad[i].len, BGP_ERR_HDR_BAD_LENGTH,
				    buf + 16, 2);
	}
}

static void test_bad_type(void **state)
{
	static const uint8_t bad[] = { 0, 6, 7, 128, 255 };
	uint8_t buf[BGP_MAX_MSG_LEN + 64];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad); i++) {
		header(buf, 40, bad[i]);
		assert_header_error(buf, 40, BGP_ERR_HDR_BAD_TYPE, &bad[i], 1);
	}
}

/* The caller frames messages; a buffer not holding exactly one is a bug. */
static void test_buffer_not_the_message(void **state)
{
	uint8_t buf[BGP_MAX_MSG_LEN + 64];

	(void)state;
	header(buf, BGP_KEEPALIVE_LEN, BGP_MSG_KEEPALIVE);
	assert_header_error(buf, 20, BGP_ERR_HDR_BAD_LENGTH, buf + 16, 2);
	assert_header_error(buf, 10, BGP_ERR_HDR_BAD_LENGTH, NULL, 0);
	header(buf, 100, BGP_MSG_UPDATE);
	assert_header_error(buf, 99, BGP_ERR_HDR_BAD_LENGTH, buf + 16, 2);
}

static void test_keepalive_round_trip(void **state)
{
	uint8_t buf[BGP_MAX_MSG_LEN];
	struct bgp_error err;
	struct bgp_msg msg;
	int len;

	(void)state;
	len = bgp_msg_build_keepalive(buf, sizeof(buf));
	assert_int_equal(len, BGP_KEEPALIVE_LEN);
	assert_int_equal(bgp_msg_frame(buf, len, &err), len);
	assert_int_equal(bgp_msg_parse(buf, len, &ctx, &msg, &err), 0);
	assert_int_equal(msg.type, BGP_MSG_KEEPALIVE);
	assert_int_equal(msg.len, BGP_KEEPALIVE_LEN);
	assert_int_equal(bgp_msg_build_keepalive(buf, 18), -EMSGSIZE);
}

static void test_notification_round_trip(void **state)
{
	static const uint8_t data[] = { 0x40, 0x01, 0x01, 0x07 };
	struct bgp_error n = {
		.code = BGP_ERR_UPDATE, .subcode = BGP_ERR_UPD_ORIGIN,
		.data = data, .len = sizeof(data),
	}, err;
	uint8_t buf[BGP_MAX_MSG_LEN];
	struct bgp_msg msg;
	int len;

	(void)state;
	len = bgp_msg_build_notification(&n, buf, sizeof(buf));
	assert_int_equal(len, BGP_NOTIFICATION_MIN_LEN + sizeof(data));
	assert_int_equal(bgp_msg_parse(buf, len, &ctx, &msg, &err), 0);
	assert_int_equal(msg.type, BGP_MSG_NOTIFICATION);
	assert_int_equal(msg.notification.code, BGP_ERR_UPDATE);
	assert_int_equal(msg.notification.subcode, BGP_ERR_UPD_ORIGIN);
	assert_int_equal(msg.notification.len, sizeof(data));
	assert_memory_equal(msg.notification.data, data, sizeof(data));
}

static void test_notification_without_data(void **state)
{
	struct bgp_error n = { .code = BGP_ERR_HOLD_TIMER }, err;
	uint8_t buf[BGP_MAX_MSG_LEN];
	struct bgp_msg msg;
	int len;

	(void)state;
	len = bgp_msg_build_notification(&n, buf, sizeof(buf));
	assert_int_equal(len, BGP_NOTIFICATION_MIN_LEN);
	assert_int_equal(bgp_msg_parse(buf, len, &ctx, &msg, &err), 0);
	assert_int_equal(msg.notification.code, BGP_ERR_HOLD_TIMER);
	assert_int_equal(msg.notification.subcode, 0);
	assert_int_equal(msg.notification.len, 0);
}

/* Data longer than a message holds is cut to fit. */
static void test_notification_data_cut(void **state)
{
	static uint8_t data[5000];
	struct bgp_error n = {
		.code = BGP_ERR_UPDATE, .subcode = BGP_ERR_UPD_OPTIONAL_ATTR,
		.data = data, .len = sizeof(data),
	}, err;
	uint8_t buf[BGP_MAX_MSG_LEN];
	struct bgp_msg msg;
	int len;

	(void)state;
	memset(data, 0xab, sizeof(data));
	len = bgp_msg_build_notification(&n, buf, sizeof(buf));
	assert_int_equal(len, BGP_MAX_MSG_LEN);
	assert_int_equal(bgp_msg_parse(buf, len, &ctx, &msg, &err), 0);
	assert_int_equal(msg.notification.len,
			 BGP_MAX_MSG_LEN - BGP_NOTIFICATION_MIN_LEN);
}

static void test_route_refresh_round_trip(void **state)
{
	static const uint8_t subtypes[] = {
		BGP_RR_REQUEST, BGP_RR_BORR, BGP_RR_EORR,
	};
	uint8_t buf[BGP_MAX_MSG_LEN];
	struct bgp_error err;
	struct bgp_msg msg;
	size_t i;
	int len;

	(void)state;
	for (i = 0; i < sizeof(subtypes); i++) {
		struct bgp_route_refresh rr = {
			.afi = BGP_AFI_IPV6, .subtype = subtypes[i],
			.safi = BGP_SAFI_UNICAST,
		};

		len = bgp_msg_build_route_refresh(&rr, buf, sizeof(buf));
		assert_int_equal(len, BGP_ROUTE_REFRESH_LEN);
		assert_int_equal(bgp_msg_parse(buf, len, &ctx, &msg, &err), 0);
		assert_int_equal(msg.type, BGP_MSG_ROUTE_REFRESH);
		assert_int_equal(msg.route_refresh.afi, BGP_AFI_IPV6);
		assert_int_equal(msg.route_refresh.subtype, subtypes[i]);
		assert_int_equal(msg.route_refresh.safi, BGP_SAFI_UNICAST);
	}
}

/* RFC 7313 5: the NOTIFICATION carries the whole message. */
static void test_route_refresh_bad_length(void **state)
{
	uint8_t buf[BGP_MAX_MSG_LEN + 64];
	struct bgp_error err;
	struct bgp_msg msg;
	int subtype;

	(void)state;
	for (subtype = BGP_RR_BORR; subtype <= BGP_RR_EORR; subtype++) {
		header(buf, 27, BGP_MSG_ROUTE_REFRESH);
		buf[20] = BGP_AFI_IPV4;
		buf[21] = subtype;
		buf[22] = BGP_SAFI_UNICAST;
		assert_int_equal(bgp_msg_parse(buf, 27, &ctx, &msg, &err),
				 -EBADMSG);
		assert_int_equal(err.code, BGP_ERR_ROUTE_REFRESH);
		assert_int_equal(err.subcode, BGP_ERR_RR_BAD_LENGTH);
		assert_int_equal(err.len, 27);
		assert_ptr_equal(err.data, buf);
	}
}

/* A request may carry ORF entries; an unknown subtype is for the FSM. */
static void test_route_refresh_longer_request_and_unknown(void **state)
{
	uint8_t buf[BGP_MAX_MSG_LEN + 64];
	struct bgp_error err;
	struct bgp_msg msg;

	(void)state;
	header(buf, 30, BGP_MSG_ROUTE_REFRESH);
	buf[20] = BGP_AFI_IPV4;
	buf[22] = BGP_SAFI_UNICAST;
	assert_int_equal(bgp_msg_parse(buf, 30, &ctx, &msg, &err), 0);
	assert_int_equal(msg.route_refresh.subtype, BGP_RR_REQUEST);
	buf[21] = 7;
	assert_int_equal(bgp_msg_parse(buf, 30, &ctx, &msg, &err), 0);
	assert_int_equal(msg.route_refresh.subtype, 7);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_frame_needs_a_whole_header),
		cmocka_unit_test(test_bad_marker),
		cmocka_unit_test(test_length_out_of_range),
		cmocka_unit_test(test_length_wrong_for_type),
		cmocka_unit_test(test_bad_type),
		cmocka_unit_test(test_buffer_not_the_message),
		cmocka_unit_test(test_keepalive_round_trip),
		cmocka_unit_test(test_notification_round_trip),
		cmocka_unit_test(test_notification_without_data),
		cmocka_unit_test(test_notification_data_cut),
		cmocka_unit_test(test_route_refresh_round_trip),
		cmocka_unit_test(test_route_refresh_bad_length),
		cmocka_unit_test(test_route_refresh_longer_request_and_unknown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
