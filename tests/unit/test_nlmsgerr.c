// SPDX-License-Identifier: GPL-2.0
/* Errors and extended ack messages as the kernel lays them out. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <errno.h>
#include <string.h>
#include <cmocka.h>
#include <linux/netlink.h>
#include <netlink/attr.h>
#include <netlink/msg.h>

#include "podnet.h"

#define EXTACK "Unknown device type"

/* An NLMSG_ERROR echoing a request with echo_len bytes of payload. */
static struct nl_msg *error_new(int error, int flags, int echo_len)
{
	struct nl_msg *msg = nlmsg_alloc_simple(NLMSG_ERROR, flags);
	struct nlmsgerr e = {
		.error = error,
		.msg.nlmsg_len = NLMSG_LENGTH(echo_len),
		.msg.nlmsg_type = 16,
	};
	char echo[64] = { 0 };

	assert_non_null(msg);
	assert_true(echo_len <= (int)sizeof(echo));
	assert_int_equal(nlmsg_append(msg, &e, sizeof(e), NLMSG_ALIGNTO), 0);
	assert_int_equal(nlmsg_append(msg, echo, echo_len, NLMSG_ALIGNTO), 0);
	return msg;
}

static struct nl_msg *error_with_extack(int flags, int echo_len)
{
	struct nl_msg *msg;

	msg = error_new(-EOPNOTSUPP, NLM_F_ACK_TLVS | flags, echo_len);
	assert_int_equal(nla_put_u32(msg, NLMSGERR_ATTR_OFFS, 32), 0);
	assert_int_equal(nla_put_string(msg, NLMSGERR_ATTR_MSG, EXTACK), 0);
	return msg;
}

static void assert_error(struct nl_msg *msg, int error, const char *text)
{
	char buf[64] = "stale";

	assert_int_equal(podnet_nlmsgerr_parse(nlmsg_hdr(msg), buf, sizeof(buf)),
			 error);
	assert_string_equal(buf, text);
	nlmsg_free(msg);
}

static void test_ack(void **state)
{
	(void)state;
	assert_error(error_new(0, NLM_F_CAPPED, 0), 0, "");
}

static void test_error_without_extack(void **state)
{
	(void)state;
	assert_error(error_new(-EPERM, 0, 16), -EPERM, "");
}

static void test_extack_capped(void **state)
{
	(void)state;
	assert_error(error_with_extack(NLM_F_CAPPED, 0), -EOPNOTSUPP, EXTACK);
}

static void test_extack_after_echoed_request(void **state)
{
	(void)state;
	assert_error(error_with_extack(0, 40), -EOPNOTSUPP, EXTACK);
}

static void test_extack_truncated_to_buffer(void **state)
{
	struct nl_msg *msg = error_with_extack(NLM_F_CAPPED, 0);
	char buf[5];

	(void)state;
	assert_int_equal(podnet_nlmsgerr_parse(nlmsg_hdr(msg), buf, sizeof(buf)),
			 -EOPNOTSUPP);
	assert_string_equal(buf, "Unkn");
	nlmsg_free(msg);
}

static void test_no_buffer(void **state)
{
	struct nl_msg *msg = error_with_extack(NLM_F_CAPPED, 0);

	(void)state;
	assert_int_equal(podnet_nlmsgerr_parse(nlmsg_hdr(msg), NULL, 0),
			 -EOPNOTSUPP);
	nlmsg_free(msg);
}

/* The message attribute runs past the end: the error still stands. */
static void test_garbled_extack_keeps_error(void **state)
{
	struct nl_msg *msg = error_with_extack(NLM_F_CAPPED, 0);

	(void)state;
	nlmsg_hdr(msg)->nlmsg_len -= 8;
	assert_error(msg, -EOPNOTSUPP, "");
}

static void test_echo_longer_than_message(void **state)
{
	struct nl_msg *msg = error_with_extack(0, 0);
	struct nlmsgerr *e = nlmsg_data(nlmsg_hdr(msg));

	(void)state;
	e->msg.nlmsg_len = nlmsg_hdr(msg)->nlmsg_len + 4;
	assert_error(msg, -EOPNOTSUPP, "");
}

static void test_not_an_error_message(void **state)
{
	struct nl_msg *msg = error_new(-EPERM, 0, 0);

	(void)state;
	nlmsg_hdr(msg)->nlmsg_type = NLMSG_DONE;
	assert_error(msg, -EBADMSG, "");
}

static void test_error_cut_short(void **state)
{
	struct nl_msg *msg = error_new(-EPERM, 0, 0);

	(void)state;
	nlmsg_hdr(msg)->nlmsg_len = NLMSG_LENGTH(sizeof(int));
	assert_error(msg, -EBADMSG, "");
}

/* Errors are negative: anything else would read as success or worse. */
static void test_positive_error(void **state)
{
	(void)state;
	assert_error(error_new(EPERM, 0, 0), -EBADMSG, "");
}

static void assert_offset(struct nl_msg *msg, int err, uint32_t expected)
{
	uint32_t offset = 0xdead;

	assert_int_equal(podnet_nlmsgerr_offset(nlmsg_hdr(msg), &offset), err);
	assert_int_equal(offset, err ? 0xdead : expected);
	nlmsg_free(msg);
}

static void test_offset_capped(void **state)
{
	(void)state;
	assert_offset(error_with_extack(NLM_F_CAPPED, 0), 0, 32);
}

static void test_offset_after_echoed_request(void **state)
{
	(void)state;
	assert_offset(error_with_extack(0, 40), 0, 32);
}

static void test_no_offset(void **state)
{
	struct nl_msg *msg = error_new(-EINVAL, NLM_F_CAPPED | NLM_F_ACK_TLVS,
				       0);

	(void)state;
	assert_int_equal(nla_put_string(msg, NLMSGERR_ATTR_MSG, EXTACK), 0);
	assert_offset(msg, -ENOENT, 0);
	assert_offset(error_new(-EINVAL, NLM_F_CAPPED, 0), -ENOENT, 0);
}

static void test_offset_wrong_size(void **state)
{
	struct nl_msg *msg = error_new(-EINVAL, NLM_F_CAPPED | NLM_F_ACK_TLVS,
				       0);

	(void)state;
	assert_int_equal(nla_put_u16(msg, NLMSGERR_ATTR_OFFS, 32), 0);
	assert_offset(msg, -ENOENT, 0);
}

static void test_offset_garbled(void **state)
{
	struct nl_msg *msg = error_with_extack(NLM_F_CAPPED, 0);

	(void)state;
	nlmsg_hdr(msg)->nlmsg_len -= 8;
	assert_offset(msg, -ENOENT, 0);
	msg = error_with_extack(0, 0);
	((struct nlmsgerr *)nlmsg_data(nlmsg_hdr(msg)))->msg.nlmsg_len = 4096;
	assert_offset(msg, -ENOENT, 0);
}

static void test_offset_not_an_error(void **state)
{
	struct nl_msg *msg = error_with_extack(NLM_F_CAPPED, 0);

	(void)state;
	nlmsg_hdr(msg)->nlmsg_type = NLMSG_DONE;
	assert_offset(msg, -ENOENT, 0);
}

/* NLMSG_DONE ends a dump with an int, and may carry an extack after it. */
static struct nl_msg *done_new(int error, const char *extack)
{
	struct nl_msg *msg = nlmsg_alloc_simple(NLMSG_DONE, NLM_F_MULTI);

	assert_non_null(msg);
	assert_int_equal(nlmsg_append(msg, &error, sizeof(error),
				      NLMSG_ALIGNTO), 0);
	if (extack) {
		nlmsg_hdr(msg)->nlmsg_flags |= NLM_F_ACK_TLVS;
		assert_int_equal(nla_put_string(msg, NLMSGERR_ATTR_MSG, extack), 0);
	}
	return msg;
}

static void assert_done(struct nl_msg *msg, int error, const char *text)
{
	char buf[64] = "stale";

	assert_int_equal(podnet_nldone_parse(nlmsg_hdr(msg), buf, sizeof(buf)),
			 error);
	assert_string_equal(buf, text);
	nlmsg_free(msg);
}

static void test_done_ok(void **state)
{
	(void)state;
	assert_done(done_new(0, NULL), 0, "");
}

static void test_done_error_with_extack(void **state)
{
	(void)state;
	assert_done(done_new(-EOPNOTSUPP, EXTACK), -EOPNOTSUPP, EXTACK);
}

static void test_done_without_int(void **state)
{
	struct nl_msg *msg = done_new(0, NULL);

	(void)state;
	nlmsg_hdr(msg)->nlmsg_len = NLMSG_LENGTH(2);
	assert_done(msg, -EBADMSG, "");
}

static void test_done_positive_error(void **state)
{
	(void)state;
	assert_done(done_new(EPERM, NULL), -EBADMSG, "");
}

static void test_done_of_other_type(void **state)
{
	struct nl_msg *msg = done_new(0, NULL);

	(void)state;
	nlmsg_hdr(msg)->nlmsg_type = NLMSG_ERROR;
	assert_done(msg, -EBADMSG, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ack),
		cmocka_unit_test(test_error_without_extack),
		cmocka_unit_test(test_extack_capped),
		cmocka_unit_test(test_extack_after_echoed_request),
		cmocka_unit_test(test_extack_truncated_to_buffer),
		cmocka_unit_test(test_no_buffer),
		cmocka_unit_test(test_garbled_extack_keeps_error),
		cmocka_unit_test(test_echo_longer_than_message),
		cmocka_unit_test(test_not_an_error_message),
		cmocka_unit_test(test_error_cut_short),
		cmocka_unit_test(test_positive_error),
		cmocka_unit_test(test_offset_capped),
		cmocka_unit_test(test_offset_after_echoed_request),
		cmocka_unit_test(test_no_offset),
		cmocka_unit_test(test_offset_wrong_size),
		cmocka_unit_test(test_offset_garbled),
		cmocka_unit_test(test_offset_not_an_error),
		cmocka_unit_test(test_done_ok),
		cmocka_unit_test(test_done_error_with_extack),
		cmocka_unit_test(test_done_without_int),
		cmocka_unit_test(test_done_positive_error),
		cmocka_unit_test(test_done_of_other_type),
	};

	return cmocka_run_group_tests_name("netlink errors", tests, NULL, NULL);
}
