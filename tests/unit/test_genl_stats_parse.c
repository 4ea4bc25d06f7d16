// SPDX-License-Identifier: GPL-2.0
/* Parsing STATS_GET replies: PODNET_A_STATS { u64 counters }. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <errno.h>
#include <string.h>
#include <cmocka.h>

#include "genl_reply.h"

static struct nl_msg *stats_reply_start(struct nlattr **nest)
{
	struct nl_msg *msg = genl_reply_new(PODNET_CMD_STATS_GET);

	*nest = nla_nest_start(msg, PODNET_A_STATS);
	assert_non_null(*nest);
	return msg;
}

static struct nl_msg *stats_reply_end(struct nl_msg *msg, struct nlattr *nest)
{
	assert_int_equal(nla_nest_end(msg, nest), 0);
	return msg;
}

/* Counter n holds 1000 + n. */
static struct nl_msg *stats_reply_all(void)
{
	struct nlattr *nest;
	struct nl_msg *msg = stats_reply_start(&nest);
	int i;

	for (i = PODNET_STATS_A_PAD + 1; i <= PODNET_STATS_A_MAX; i++)
		assert_int_equal(nla_put_u64(msg, i, 1000 + i), 0);
	return stats_reply_end(msg, nest);
}

static void assert_parse_fails(struct nl_msg *msg)
{
	struct podnet_stats stats, before;

	memset(&stats, 0xa5, sizeof(stats));
	before = stats;
	assert_int_equal(podnet_genl_stats_parse(nlmsg_hdr(msg), &stats),
			 -EBADMSG);
	assert_memory_equal(&stats, &before, sizeof(stats));
	nlmsg_free(msg);
}

static void test_every_counter(void **state)
{
	struct nl_msg *msg = stats_reply_all();
	struct podnet_stats stats;
	int i;

	(void)state;
	assert_int_equal(podnet_genl_stats_parse(nlmsg_hdr(msg), &stats), 0);
	for (i = PODNET_STATS_A_PAD + 1; i <= PODNET_STATS_A_MAX; i++) {
		assert_true(stats.reported & (1U << i));
		assert_int_equal(stats.counter[i], 1000 + i);
	}
	assert_false(stats.reported & (1U << PODNET_STATS_A_UNSPEC));
	assert_false(stats.reported & (1U << PODNET_STATS_A_PAD));
	nlmsg_free(msg);
}

/* An older module may know fewer counters; pad and newer ones are skipped. */
static void test_some_counters(void **state)
{
	struct nlattr *nest;
	struct nl_msg *msg = stats_reply_start(&nest);
	struct podnet_stats stats;

	(void)state;
	assert_int_equal(nla_put(msg, PODNET_STATS_A_PAD, 0, NULL), 0);
	assert_int_equal(nla_put_u64(msg, PODNET_STATS_A_RX_BYTES, 1ULL << 40), 0);
	assert_int_equal(nla_put_u64(msg, PODNET_STATS_A_MAX + 1, 9), 0);
	stats_reply_end(msg, nest);
	assert_int_equal(podnet_genl_stats_parse(nlmsg_hdr(msg), &stats), 0);
	assert_int_equal(stats.reported, 1U << PODNET_STATS_A_RX_BYTES);
	assert_true(stats.counter[PODNET_STATS_A_RX_BYTES] == 1ULL << 40);
	assert_int_equal(stats.counter[PODNET_STATS_A_RX_PACKETS], 0);
	nlmsg_free(msg);
}

static void test_counter_wrong_size(void **state)
{
	struct nlattr *nest;
	struct nl_msg *msg = stats_reply_start(&nest);

	(void)state;
	assert_int_equal(nla_put_u32(msg, PODNET_STATS_A_TX_PACKETS, 1), 0);
	assert_parse_fails(stats_reply_end(msg, nest));
}

static void test_no_stats_nest(void **state)
{
	struct nl_msg *msg = genl_reply_new(PODNET_CMD_STATS_GET);

	(void)state;
	assert_int_equal(nla_put_u32(msg, PODNET_A_IFINDEX, 5), 0);
	assert_parse_fails(msg);
}

static void test_truncated(void **state)
{
	(void)state;
	assert_parse_fails(genl_reply_cut(stats_reply_all(), 4));
}

static void test_names(void **state)
{
	int i;

	(void)state;
	for (i = PODNET_STATS_A_PAD + 1; i <= PODNET_STATS_A_MAX; i++)
		assert_non_null(podnet_stats_name(i));
	assert_string_equal(podnet_stats_name(PODNET_STATS_A_RX_PACKETS),
			    "rx_packets");
	assert_string_equal(podnet_stats_name(PODNET_STATS_A_DROP_SPOOF),
			    "drop_spoof");
	assert_string_equal(podnet_stats_name(PODNET_STATS_A_DROP_OTHER),
			    "drop_other");
	assert_string_equal(podnet_stats_name(PODNET_STATS_A_TX_VXLAN),
			    "tx_vxlan");
	assert_string_equal(podnet_stats_name(PODNET_STATS_A_DROP_DECAP_SOURCE),
			    "drop_decap_source");
	assert_string_equal(podnet_stats_name(PODNET_STATS_A_DROP_MALFORMED),
			    "drop_malformed");
	assert_null(podnet_stats_name(PODNET_STATS_A_UNSPEC));
	assert_null(podnet_stats_name(PODNET_STATS_A_PAD));
	assert_null(podnet_stats_name(PODNET_STATS_A_MAX + 1));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_counter),
		cmocka_unit_test(test_some_counters),
		cmocka_unit_test(test_counter_wrong_size),
		cmocka_unit_test(test_no_stats_nest),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_names),
	};

	return cmocka_run_group_tests_name("genl stats replies", tests,
					   NULL, NULL);
}
