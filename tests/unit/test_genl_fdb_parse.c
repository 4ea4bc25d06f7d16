// SPDX-License-Identifier: GPL-2.0
/* Parsing FDB_GET replies: PODNET_A_FDB { MAC, PORT, AGE, FLAGS }. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <errno.h>
#include <string.h>
#include <cmocka.h>

#include "genl_reply.h"

static const struct podnet_fdb_entry untouched = { .port_ifindex = -1 };
static const uint8_t mac[PODNET_MAC_LEN] = { 0x02, 0x42, 0xac, 0x11, 0, 2 };

/* A learned entry with every attribute but skip (0: none), sized as given. */
static struct nl_msg *fdb_reply(int skip, int mac_len, int age_len,
				uint32_t flags)
{
	struct nl_msg *msg = genl_reply_new(PODNET_CMD_FDB_GET);
	struct nlattr *nest = nla_nest_start(msg, PODNET_A_FDB);
	uint32_t age32 = 12345;
	uint64_t age64 = 12345;

	if (skip != PODNET_FDB_A_MAC)
		assert_int_equal(nla_put(msg, PODNET_FDB_A_MAC, mac_len, mac), 0);
	if (skip != PODNET_FDB_A_PORT)
		assert_int_equal(nla_put_u32(msg, PODNET_FDB_A_PORT, 7), 0);
	if (skip != PODNET_FDB_A_AGE)
		assert_int_equal(nla_put(msg, PODNET_FDB_A_AGE, age_len,
					 age_len == sizeof(age32) ?
					 (void *)&age32 : (void *)&age64), 0);
	if (skip != PODNET_FDB_A_FLAGS)
		assert_int_equal(nla_put_u32(msg, PODNET_FDB_A_FLAGS, flags), 0);
	assert_int_equal(nla_nest_end(msg, nest), 0);
	return msg;
}

static struct nl_msg *fdb_reply_without(int skip)
{
	return fdb_reply(skip, PODNET_MAC_LEN, sizeof(uint32_t), 0);
}

static void assert_parse_fails(struct nl_msg *msg)
{
	struct podnet_fdb_entry e;

	/* Padding too: a struct assignment need not copy it. */
	memcpy(&e, &untouched, sizeof(e));
	assert_int_equal(podnet_genl_fdb_parse(nlmsg_hdr(msg), &e), -EBADMSG);
	assert_memory_equal(&e, &untouched, sizeof(e));
	nlmsg_free(msg);
}

static void test_good(void **state)
{
	struct nl_msg *msg = fdb_reply_without(0);
	struct podnet_fdb_entry e = untouched;

	(void)state;
	assert_int_equal(podnet_genl_fdb_parse(nlmsg_hdr(msg), &e), 0);
	assert_memory_equal(e.mac, mac, sizeof(mac));
	assert_int_equal(e.port_ifindex, 7);
	assert_int_equal(e.age_ms, 12345);
	assert_int_equal(e.flags, 0);
	nlmsg_free(msg);
}

/* The device's own address comes without an age. */
static void test_local_without_age(void **state)
{
	struct nl_msg *msg = fdb_reply(PODNET_FDB_A_AGE, PODNET_MAC_LEN, 0,
				       PODNET_FDB_F_LOCAL);
	struct podnet_fdb_entry e = untouched;

	(void)state;
	assert_int_equal(podnet_genl_fdb_parse(nlmsg_hdr(msg), &e), 0);
	assert_int_equal(e.flags, PODNET_FDB_F_LOCAL);
	assert_int_equal(e.age_ms, 0);
	assert_int_equal(e.port_ifindex, 7);
	nlmsg_free(msg);
}

/* A learned entry needs its age. */
static void test_each_attr_required(void **state)
{
	int type;

	(void)state;
	for (type = PODNET_FDB_A_MAC; type <= PODNET_FDB_A_MAX; type++)
		assert_parse_fails(fdb_reply_without(type));
}

static void test_mac_wrong_size(void **state)
{
	(void)state;
	assert_parse_fails(fdb_reply(0, PODNET_MAC_LEN - 1, sizeof(uint32_t), 0));
	assert_parse_fails(fdb_reply(0, PODNET_MAC_LEN + 2, sizeof(uint32_t), 0));
}

static void test_age_wrong_size(void **state)
{
	(void)state;
	assert_parse_fails(fdb_reply(0, PODNET_MAC_LEN, sizeof(uint64_t), 0));
}

static void test_no_fdb_nest(void **state)
{
	(void)state;
	assert_parse_fails(genl_reply_new(PODNET_CMD_FDB_GET));
}

static void test_truncated(void **state)
{
	(void)state;
	assert_parse_fails(genl_reply_cut(fdb_reply_without(0), 4));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_local_without_age),
		cmocka_unit_test(test_each_attr_required),
		cmocka_unit_test(test_mac_wrong_size),
		cmocka_unit_test(test_age_wrong_size),
		cmocka_unit_test(test_no_fdb_nest),
		cmocka_unit_test(test_truncated),
	};

	return cmocka_run_group_tests_name("genl fdb replies", tests, NULL, NULL);
}
