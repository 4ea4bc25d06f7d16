// SPDX-License-Identifier: GPL-2.0
/*
 * The socket side against the running kernel, with what every kernel has
 * and nobody needs privileges for: the loopback device over rtnetlink and
 * the generic netlink controller's own family.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <errno.h>
#include <string.h>
#include <cmocka.h>
#include <linux/genetlink.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>
#include <netlink/socket.h>

#include "nlsock.h"
#include "podnet.h"

static void test_loopback_is_not_podnet(void **state)
{
	struct podnet_link_info info = { .ifindex = -1 };
	char errbuf[128];

	(void)state;
	assert_int_equal(podnet_link_get("lo", &info, errbuf, sizeof(errbuf)),
			 -EMEDIUMTYPE);
	assert_string_equal(errbuf, "'lo' is not a podnet device");
	assert_int_equal(info.ifindex, -1);
}

static void test_no_such_device(void **state)
{
	struct podnet_link_info info;
	char errbuf[128];

	(void)state;
	assert_int_equal(podnet_link_get("podnet-nx9", &info, errbuf,
					 sizeof(errbuf)), -ENODEV);
	assert_string_equal(errbuf, "no such podnet device 'podnet-nx9'");
}

static struct nl_msg *getfamily_msg(int flags, const char *name)
{
	struct nl_msg *msg = nlmsg_alloc();

	assert_non_null(msg);
	assert_non_null(genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, GENL_ID_CTRL,
				    0, NLM_F_REQUEST | flags,
				    CTRL_CMD_GETFAMILY, 1));
	if (name)
		assert_int_equal(nla_put_string(msg, CTRL_ATTR_FAMILY_NAME,
						name), 0);
	return msg;
}

struct families {
	int count;
	int restarts;
	bool saw_nlctrl;
};

static int on_family(const struct nlmsghdr *nlh, void *arg)
{
	struct nlattr *tb[CTRL_ATTR_MAX + 1];
	struct families *f = arg;

	/* libnl's parser takes no const, and does not write. */
	if (genlmsg_parse((struct nlmsghdr *)nlh, 0, tb, CTRL_ATTR_MAX, NULL) ||
	    !tb[CTRL_ATTR_FAMILY_NAME])
		return -EBADMSG;
	f->count++;
	f->saw_nlctrl |= !strcmp(nla_get_string(tb[CTRL_ATTR_FAMILY_NAME]),
				 "nlctrl");
	return 0;
}

static void on_restart(void *arg)
{
	struct families *f = arg;

	f->count = 0;
	f->saw_nlctrl = false;
	f->restarts++;
}

static void test_dump_of_families(void **state)
{
	struct families f = { 0 };
	struct nl_sock *sk;
	char errbuf[128];

	(void)state;
	assert_int_equal(podnet_nl_open(NETLINK_GENERIC, &sk, errbuf,
					sizeof(errbuf)), 0);
	assert_int_equal(podnet_nl_dump(sk, getfamily_msg(NLM_F_DUMP, NULL),
					on_family, on_restart, &f, errbuf,
					sizeof(errbuf)), 0);
	nl_socket_free(sk);
	assert_true(f.count > 1);
	assert_true(f.saw_nlctrl);
	assert_int_equal(f.restarts, 1);
}

static void test_request_with_reply_and_error(void **state)
{
	struct families f = { 0 };
	struct nl_sock *sk;
	char errbuf[128];

	(void)state;
	assert_int_equal(podnet_nl_open(NETLINK_GENERIC, &sk, errbuf,
					sizeof(errbuf)), 0);
	assert_int_equal(podnet_nl_call(sk, getfamily_msg(0, "nlctrl"),
					on_family, &f, errbuf,
					sizeof(errbuf)), 0);
	assert_int_equal(f.count, 1);
	assert_int_equal(podnet_nl_call(sk, getfamily_msg(0, "podnet-nx9"),
					on_family, &f, errbuf,
					sizeof(errbuf)), -ENOENT);
	assert_int_equal(f.count, 1);
	nl_socket_free(sk);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_loopback_is_not_podnet),
		cmocka_unit_test(test_no_such_device),
		cmocka_unit_test(test_dump_of_families),
		cmocka_unit_test(test_request_with_reply_and_error),
	};

	return cmocka_run_group_tests_name("netlink sockets, live", tests,
					   NULL, NULL);
}
