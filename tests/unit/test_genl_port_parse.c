// SPDX-License-Identifier: GPL-2.0
/* Parsing PORT_GET replies: PODNET_A_PORT { IFINDEX, HAIRPIN }. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <errno.h>
#include <string.h>
#include <cmocka.h>

#include "genl_reply.h"

static const struct podnet_port untouched = { .ifindex = -1, .hairpin = true };

/* A port nest holding what the caller puts, closed by port_reply_end. */
static struct nl_msg *port_reply_start(struct nlattr **nest)
{
	struct nl_msg *msg = genl_reply_new(PODNET_CMD_PORT_GET);

	assert_int_equal(nla_put_u32(msg, PODNET_A_IFINDEX, 5), 0);
	*nest = nla_nest_start(msg, PODNET_A_PORT);
	assert_non_null(*nest);
	return msg;
}

static struct nl_msg *port_reply_end(struct nl_msg *msg, struct nlattr *nest)
{
	assert_int_equal(nla_nest_end(msg, nest), 0);
	return msg;
}

static struct nl_msg *port_reply(uint32_t ifindex, uint8_t hairpin)
{
	struct nlattr *nest;
	struct nl_msg *msg = port_reply_start(&nest);

	assert_int_equal(nla_put_u32(msg, PODNET_PORT_A_IFINDEX, ifindex), 0);
	assert_int_equal(nla_put_u8(msg, PODNET_PORT_A_HAIRPIN, hairpin), 0);
	return port_reply_end(msg, nest);
}

static void assert_parse_fails(struct nl_msg *msg)
{
	struct podnet_port port;

	/* Padding too: a struct assignment need not copy it. */
	memcpy(&port, &untouched, sizeof(port));
	assert_int_equal(podnet_genl_port_parse(nlmsg_hdr(msg), &port), -EBADMSG);
	assert_memory_equal(&port, &untouched, sizeof(port));
	nlmsg_free(msg);
}

static void assert_parses(uint8_t hairpin)
{
	struct nl_msg *msg = port_reply(7, hairpin);
	struct podnet_port port = untouched;

	assert_int_equal(podnet_genl_port_parse(nlmsg_hdr(msg), &port), 0);
	assert_int_equal(port.ifindex, 7);
	assert_int_equal(port.hairpin, hairpin);
	nlmsg_free(msg);
}

static void test_good(void **state)
{
	(void)state;
	assert_parses(0);
	assert_parses(1);
}

static void test_no_port_nest(void **state)
{
	struct nl_msg *msg = genl_reply_new(PODNET_CMD_PORT_GET);

	(void)state;
	assert_int_equal(nla_put_u32(msg, PODNET_A_IFINDEX, 5), 0);
	assert_parse_fails(msg);
}

static void test_missing_ifindex(void **state)
{
	struct nlattr *nest;
	struct nl_msg *msg = port_reply_start(&nest);

	(void)state;
	assert_int_equal(nla_put_u8(msg, PODNET_PORT_A_HAIRPIN, 1), 0);
	assert_parse_fails(port_reply_end(msg, nest));
}

static void test_missing_hairpin(void **state)
{
	struct nlattr *nest;
	struct nl_msg *msg = port_reply_start(&nest);

	(void)state;
	assert_int_equal(nla_put_u32(msg, PODNET_PORT_A_IFINDEX, 7), 0);
	assert_parse_fails(port_reply_end(msg, nest));
}

static void test_hairpin_wrong_size(void **state)
{
	struct nlattr *nest;
	struct nl_msg *msg = port_reply_start(&nest);

	(void)state;
	assert_int_equal(nla_put_u32(msg, PODNET_PORT_A_IFINDEX, 7), 0);
	assert_int_equal(nla_put_u32(msg, PODNET_PORT_A_HAIRPIN, 1), 0);
	assert_parse_fails(port_reply_end(msg, nest));
}

static void test_hairpin_not_boolean(void **state)
{
	(void)state;
	assert_parse_fails(port_reply(7, 2));
}

static void test_ifindex_too_big(void **state)
{
	(void)state;
	assert_parse_fails(port_reply(0x80000000u, 0));
}

/* The hairpin attribute claims more than the nest holds. */
static void test_attr_overruns_nest(void **state)
{
	struct nl_msg *msg = port_reply(7, 1);

	(void)state;
	genl_reply_find(msg, PODNET_A_PORT, PODNET_PORT_A_HAIRPIN)->nla_len += 4;
	assert_parse_fails(msg);
}

static void test_truncated(void **state)
{
	(void)state;
	assert_parse_fails(genl_reply_cut(port_reply(7, 1), 4));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_no_port_nest),
		cmocka_unit_test(test_missing_ifindex),
		cmocka_unit_test(test_missing_hairpin),
		cmocka_unit_test(test_hairpin_wrong_size),
		cmocka_unit_test(test_hairpin_not_boolean),
		cmocka_unit_test(test_ifindex_too_big),
		cmocka_unit_test(test_attr_overruns_nest),
		cmocka_unit_test(test_truncated),
	};

	return cmocka_run_group_tests_name("genl port replies", tests,
					   NULL, NULL);
}
