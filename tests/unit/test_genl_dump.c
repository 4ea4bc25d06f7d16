// SPDX-License-Identifier: GPL-2.0
/*
 * The receiving side of a request, without a socket: datagrams crafted
 * here go through podnet_nl_feed(); dumps the kernel flags interrupted
 * (NLM_F_DUMP_INTR) are retried whole, a bounded number of times.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "collect.h"
#include "genl_reply.h"
#include "nlsock.h"

#define SEQ 1
#define EXTACK "table is busy"

struct datagram {
	uint32_t words[1024];	/* aligned as the kernel's buffers are */
	size_t len;
};

static void add(struct datagram *d, struct nl_msg *msg)
{
	size_t len = NLMSG_ALIGN(nlmsg_hdr(msg)->nlmsg_len);

	assert_true(d->len + len <= sizeof(d->words));
	memcpy((char *)d->words + d->len, nlmsg_hdr(msg), len);
	d->len += len;
	nlmsg_free(msg);
}

static struct nl_msg *port_msg(int ifindex, int flags)
{
	struct nl_msg *msg = genl_reply_new(PODNET_CMD_PORT_GET);
	struct nlattr *nest = nla_nest_start(msg, PODNET_A_PORT);

	assert_int_equal(nla_put_u32(msg, PODNET_PORT_A_IFINDEX, ifindex), 0);
	assert_int_equal(nla_put_u8(msg, PODNET_PORT_A_HAIRPIN, 0), 0);
	assert_int_equal(nla_nest_end(msg, nest), 0);
	nlmsg_hdr(msg)->nlmsg_flags |= flags;
	return msg;
}

static struct nl_msg *control_msg(int type, int flags, int error,
				  const char *extack)
{
	struct nl_msg *msg = nlmsg_alloc_simple(type, flags);
	struct nlmsgerr e = { .error = error };

	assert_non_null(msg);
	nlmsg_hdr(msg)->nlmsg_seq = SEQ;
	if (type == NLMSG_ERROR)
		assert_int_equal(nlmsg_append(msg, &e, sizeof(e), NLMSG_ALIGNTO), 0);
	else
		assert_int_equal(nlmsg_append(msg, &error, sizeof(error),
					      NLMSG_ALIGNTO), 0);
	if (extack) {
		nlmsg_hdr(msg)->nlmsg_flags |= NLM_F_ACK_TLVS | NLM_F_CAPPED;
		assert_int_equal(nla_put_string(msg, NLMSGERR_ATTR_MSG, extack), 0);
	}
	return msg;
}

static struct nl_msg *done_msg(int flags, int error, const char *extack)
{
	return control_msg(NLMSG_DONE, NLM_F_MULTI | flags, error, extack);
}

/* Records each reply's port ifindex; returns fail_with from the fail_at'th. */
struct replies {
	int ifindex[8];
	int count;
	int fail_at;
	int fail_with;
};

static int on_reply(const struct nlmsghdr *nlh, void *arg)
{
	struct replies *r = arg;
	struct podnet_port port;

	assert_int_equal(podnet_genl_port_parse(nlh, &port), 0);
	assert_true(r->count < 8);
	r->ifindex[r->count++] = port.ifindex;
	return r->count == r->fail_at ? r->fail_with : 0;
}

struct fixture {
	struct podnet_nl_call call;
	struct replies replies;
	char errbuf[64];
	struct datagram d;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	if (!f)
		return -1;
	f->call = (struct podnet_nl_call){
		.seq = SEQ,
		.on_reply = on_reply,
		.arg = &f->replies,
		.errbuf = f->errbuf,
		.errlen = sizeof(f->errbuf),
	};
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	free(*state);
	return 0;
}

static void feed(struct fixture *f)
{
	podnet_nl_feed(&f->call, f->d.words, f->d.len);
	f->d.len = 0;
}

static void test_dump_ends_at_done(void **state)
{
	struct fixture *f = *state;

	add(&f->d, port_msg(7, 0));
	add(&f->d, port_msg(8, 0));
	add(&f->d, port_msg(9, 0));
	add(&f->d, done_msg(0, 0, NULL));
	feed(f);
	assert_true(f->call.done);
	assert_int_equal(f->call.err, 0);
	assert_false(f->call.dump_intr);
	assert_int_equal(f->replies.count, 3);
	assert_int_equal(f->replies.ifindex[2], 9);
}

static void test_dump_intr_on_a_reply(void **state)
{
	struct fixture *f = *state;

	add(&f->d, port_msg(7, 0));
	add(&f->d, port_msg(8, NLM_F_DUMP_INTR));
	add(&f->d, done_msg(0, 0, NULL));
	feed(f);
	assert_true(f->call.done);
	assert_int_equal(f->call.err, 0);
	assert_true(f->call.dump_intr);
}

static void test_dump_intr_on_done(void **state)
{
	struct fixture *f = *state;

	add(&f->d, port_msg(7, 0));
	add(&f->d, done_msg(NLM_F_DUMP_INTR, 0, NULL));
	feed(f);
	assert_true(f->call.done);
	assert_true(f->call.dump_intr);
}

static void test_dump_over_two_datagrams(void **state)
{
	struct fixture *f = *state;

	add(&f->d, port_msg(7, 0));
	feed(f);
	assert_false(f->call.done);
	add(&f->d, port_msg(8, NLM_F_DUMP_INTR));
	feed(f);
	assert_false(f->call.done);
	add(&f->d, done_msg(0, 0, NULL));
	feed(f);
	assert_true(f->call.done);
	assert_true(f->call.dump_intr);
	assert_int_equal(f->replies.count, 2);
}

static void test_dump_fails_in_done(void **state)
{
	struct fixture *f = *state;

	add(&f->d, port_msg(7, 0));
	add(&f->d, done_msg(0, -EBUSY, EXTACK));
	feed(f);
	assert_true(f->call.done);
	assert_int_equal(f->call.err, -EBUSY);
	assert_string_equal(f->errbuf, EXTACK);
}

static void test_done_without_error_code(void **state)
{
	struct fixture *f = *state;
	struct nl_msg *msg = nlmsg_alloc_simple(NLMSG_DONE, NLM_F_MULTI);

	nlmsg_hdr(msg)->nlmsg_seq = SEQ;
	add(&f->d, msg);
	feed(f);
	assert_true(f->call.done);
	assert_int_equal(f->call.err, -EBADMSG);
}

static void test_ack_ends_request(void **state)
{
	struct fixture *f = *state;

	add(&f->d, port_msg(7, 0));
	add(&f->d, control_msg(NLMSG_ERROR, 0, 0, NULL));
	feed(f);
	assert_true(f->call.done);
	assert_int_equal(f->call.err, 0);
	assert_int_equal(f->replies.count, 1);
}

static void test_error_with_extack(void **state)
{
	struct fixture *f = *state;

	add(&f->d, control_msg(NLMSG_ERROR, 0, -EINVAL, EXTACK));
	feed(f);
	assert_true(f->call.done);
	assert_int_equal(f->call.err, -EINVAL);
	assert_string_equal(f->errbuf, EXTACK);
}

/* The attribute an error blames, for finding the route of a batch. */
static void test_error_offset_kept(void **state)
{
	struct fixture *f = *state;
	struct nl_msg *msg = control_msg(NLMSG_ERROR, 0, -EEXIST, EXTACK);

	assert_int_equal(nla_put_u32(msg, NLMSGERR_ATTR_OFFS, 1234), 0);
	add(&f->d, msg);
	feed(f);
	assert_true(f->call.done);
	assert_int_equal(f->call.err, -EEXIST);
	assert_true(f->call.has_err_offset);
	assert_int_equal(f->call.err_offset, 1234);
}

/* Not every error names an attribute; an ack blames nothing. */
static void test_no_error_offset(void **state)
{
	struct fixture *f = *state;
	struct nl_msg *msg = control_msg(NLMSG_ERROR, 0, 0, "a warning");

	assert_int_equal(nla_put_u32(msg, NLMSGERR_ATTR_OFFS, 20), 0);
	add(&f->d, msg);
	feed(f);
	assert_int_equal(f->call.err, 0);
	assert_false(f->call.has_err_offset);
	*f = (struct fixture){ .call = { .seq = SEQ } };
	add(&f->d, control_msg(NLMSG_ERROR, 0, -EINVAL, EXTACK));
	feed(f);
	assert_int_equal(f->call.err, -EINVAL);
	assert_false(f->call.has_err_offset);
}

static void test_other_sequence_ignored(void **state)
{
	struct fixture *f = *state;
	struct nl_msg *stale = control_msg(NLMSG_ERROR, 0, -EINVAL, NULL);
	struct nl_msg *data = port_msg(6, 0);

	nlmsg_hdr(stale)->nlmsg_seq = SEQ + 1;
	nlmsg_hdr(data)->nlmsg_seq = SEQ + 1;
	add(&f->d, data);
	add(&f->d, stale);
	add(&f->d, port_msg(7, 0));
	feed(f);
	assert_false(f->call.done);
	assert_int_equal(f->replies.count, 1);
	assert_int_equal(f->replies.ifindex[0], 7);
}

static void test_nothing_after_the_end(void **state)
{
	struct fixture *f = *state;

	add(&f->d, done_msg(0, 0, NULL));
	add(&f->d, port_msg(7, 0));
	add(&f->d, control_msg(NLMSG_ERROR, 0, -EINVAL, NULL));
	feed(f);
	assert_true(f->call.done);
	assert_int_equal(f->call.err, 0);
	assert_int_equal(f->replies.count, 0);
}

/* After a failed reply the rest is read, not passed on, to the end. */
static void test_reply_error_kept_to_the_end(void **state)
{
	struct fixture *f = *state;

	f->replies.fail_at = 1;
	f->replies.fail_with = -ENOMEM;
	add(&f->d, port_msg(7, 0));
	add(&f->d, port_msg(8, 0));
	feed(f);
	assert_false(f->call.done);
	assert_int_equal(f->call.err, -ENOMEM);
	add(&f->d, port_msg(9, NLM_F_DUMP_INTR));
	add(&f->d, done_msg(0, 0, NULL));
	feed(f);
	assert_true(f->call.done);
	assert_true(f->call.dump_intr);
	assert_int_equal(f->call.err, -ENOMEM);
	assert_int_equal(f->replies.count, 1);
	assert_string_equal(f->errbuf, "");
}

/* The kernel's later word does not replace the first error or its text. */
static void test_malformed_reply_described(void **state)
{
	struct fixture *f = *state;

	f->replies.fail_at = 1;
	f->replies.fail_with = -EBADMSG;
	add(&f->d, port_msg(7, 0));
	add(&f->d, control_msg(NLMSG_ERROR, 0, -EINVAL, EXTACK));
	feed(f);
	assert_true(f->call.done);
	assert_int_equal(f->call.err, -EBADMSG);
	assert_string_equal(f->errbuf, "malformed netlink reply");
}

static void test_trailing_bytes(void **state)
{
	struct fixture *f = *state;

	add(&f->d, port_msg(7, 0));
	f->d.len += 8;
	feed(f);
	assert_true(f->call.done);
	assert_int_equal(f->call.err, -EBADMSG);
	assert_int_equal(f->replies.count, 1);
}

static void test_message_longer_than_datagram(void **state)
{
	struct fixture *f = *state;

	add(&f->d, port_msg(7, 0));
	f->d.len -= 4;
	feed(f);
	assert_true(f->call.done);
	assert_int_equal(f->call.err, -EBADMSG);
	assert_int_equal(f->replies.count, 0);
}

static void test_noop_skipped_overrun_refused(void **state)
{
	struct fixture *f = *state;

	add(&f->d, control_msg(NLMSG_NOOP, 0, 0, NULL));
	feed(f);
	assert_false(f->call.done);
	assert_int_equal(f->call.err, 0);
	add(&f->d, control_msg(NLMSG_OVERRUN, 0, 0, NULL));
	add(&f->d, port_msg(7, 0));
	add(&f->d, done_msg(0, 0, NULL));
	feed(f);
	assert_true(f->call.done);
	assert_int_equal(f->call.err, -EBADMSG);
	assert_int_equal(f->replies.count, 0);
}

/* A fake dump: interrupted the first n times, then clean or failing. */
struct attempts {
	int count;
	int interrupted_times;
	int fail_at;
};

static int attempt(void *ctx, bool *interrupted)
{
	struct attempts *a = ctx;

	a->count++;
	*interrupted = a->count <= a->interrupted_times;
	return a->count == a->fail_at ? -EBUSY : 0;
}

static void test_retry_until_clean(void **state)
{
	struct attempts a = { .interrupted_times = PODNET_DUMP_ATTEMPTS - 1 };
	char errbuf[64] = "";

	(void)state;
	assert_int_equal(podnet_dump_retry(attempt, &a, errbuf, sizeof(errbuf)), 0);
	assert_int_equal(a.count, PODNET_DUMP_ATTEMPTS);
	assert_string_equal(errbuf, "");
}

static void test_retry_gives_up(void **state)
{
	struct attempts a = { .interrupted_times = 1000 };
	char errbuf[64] = "";

	(void)state;
	assert_int_equal(podnet_dump_retry(attempt, &a, errbuf, sizeof(errbuf)),
			 -EAGAIN);
	assert_int_equal(a.count, PODNET_DUMP_ATTEMPTS);
	assert_string_equal(errbuf, "the table kept changing: 5 dumps interrupted");
}

static void test_retry_stops_at_error(void **state)
{
	struct attempts a = { .interrupted_times = 1, .fail_at = 2 };

	(void)state;
	assert_int_equal(podnet_dump_retry(attempt, &a, NULL, 0), -EBUSY);
	assert_int_equal(a.count, 2);
}

/* The table changed under a dump that failed: try again. */
static void test_retry_after_interrupted_error(void **state)
{
	struct attempts a = { .interrupted_times = 1, .fail_at = 1 };

	(void)state;
	assert_int_equal(podnet_dump_retry(attempt, &a, NULL, 0), 0);
	assert_int_equal(a.count, 2);
}

static void test_first_clean_dump_is_enough(void **state)
{
	struct attempts a = { 0 };

	(void)state;
	assert_int_equal(podnet_dump_retry(attempt, &a, NULL, 0), 0);
	assert_int_equal(a.count, 1);
}

static int port_parse(const struct nlmsghdr *nlh, void *port)
{
	return podnet_genl_port_parse(nlh, port);
}

/* What an interrupted attempt collected is gone after the restart. */
static void test_collector_restart(void **state)
{
	struct fixture *f = *state;
	struct podnet_collector c = { .parse = port_parse,
				      .item_size = sizeof(struct podnet_port) };
	struct podnet_port *ports;
	size_t count;

	f->call.on_reply = podnet_collect;
	f->call.arg = &c;
	add(&f->d, port_msg(7, 0));
	add(&f->d, port_msg(8, NLM_F_DUMP_INTR));
	add(&f->d, done_msg(0, 0, NULL));
	feed(f);
	assert_true(f->call.dump_intr);
	assert_int_equal(c.count, 2);

	podnet_collect_restart(&c);
	f->call = (struct podnet_nl_call){ .seq = SEQ, .on_reply = podnet_collect,
					   .arg = &c };
	add(&f->d, port_msg(9, 0));
	add(&f->d, done_msg(0, 0, NULL));
	feed(f);
	ports = podnet_collected(&c, f->call.err, &count);
	assert_int_equal(count, 1);
	assert_int_equal(ports[0].ifindex, 9);
	free(ports);
}

static void test_collected_one_wants_one(void **state)
{
	struct fixture *f = *state;
	struct podnet_collector c = { .parse = port_parse,
				      .item_size = sizeof(struct podnet_port) };
	struct podnet_port port = { .ifindex = -1 };

	assert_int_equal(podnet_collected_one(&c, 0, &port, f->errbuf,
					      sizeof(f->errbuf)), -EBADMSG);
	assert_string_equal(f->errbuf, "expected one reply, got 0");
	assert_int_equal(port.ifindex, -1);

	c = (struct podnet_collector){ .parse = port_parse,
				       .item_size = sizeof(struct podnet_port) };
	f->call.on_reply = podnet_collect;
	f->call.arg = &c;
	add(&f->d, port_msg(7, 0));
	add(&f->d, control_msg(NLMSG_ERROR, 0, 0, NULL));
	feed(f);
	assert_int_equal(podnet_collected_one(&c, f->call.err, &port, f->errbuf,
					      sizeof(f->errbuf)), 0);
	assert_int_equal(port.ifindex, 7);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(t) cmocka_unit_test_setup_teardown(t, setup, teardown)
		T(test_dump_ends_at_done),
		T(test_dump_intr_on_a_reply),
		T(test_dump_intr_on_done),
		T(test_dump_over_two_datagrams),
		T(test_dump_fails_in_done),
		T(test_done_without_error_code),
		T(test_ack_ends_request),
		T(test_error_with_extack),
		T(test_error_offset_kept),
		T(test_no_error_offset),
		T(test_other_sequence_ignored),
		T(test_nothing_after_the_end),
		T(test_reply_error_kept_to_the_end),
		T(test_malformed_reply_described),
		T(test_trailing_bytes),
		T(test_message_longer_than_datagram),
		T(test_noop_skipped_overrun_refused),
		T(test_retry_until_clean),
		T(test_retry_gives_up),
		T(test_retry_stops_at_error),
		T(test_retry_after_interrupted_error),
		T(test_first_clean_dump_is_enough),
		T(test_collector_restart),
		T(test_collected_one_wants_one),
#undef T
	};

	return cmocka_run_group_tests_name("replies and dumps", tests, NULL, NULL);
}
