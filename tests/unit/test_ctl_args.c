// SPDX-License-Identifier: GPL-2.0
/* podnetctl's command lines, good and each kind of bad. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <errno.h>
#include <string.h>
#include <arpa/inet.h>
#include <cmocka.h>

#include "ctl.h"

#define ARGV(...) ((char *const[]){ "podnetctl", __VA_ARGS__, NULL })
#define ARGC(...) ((int)(sizeof((char *const[]){ "podnetctl", __VA_ARGS__ }) / \
			 sizeof(char *)))
/* Parses "podnetctl ..." into cmd; 0 or -EINVAL with the message in err. */
#define PARSE(cmd, err, ...) \
	ctl_parse(ARGC(__VA_ARGS__), ARGV(__VA_ARGS__), (cmd), (err), sizeof(err))

#define assert_usage_error(text, ...)					\
	do {								\
		struct ctl_cmd cmd_;					\
		char err_[256] = "";					\
		assert_int_equal(PARSE(&cmd_, err_, __VA_ARGS__), -EINVAL); \
		assert_string_equal(err_, (text));			\
	} while (0)

static void test_show_all(void **state)
{
	struct ctl_cmd cmd;
	char err[256];

	(void)state;
	assert_int_equal(PARSE(&cmd, err, "show"), 0);
	assert_int_equal(cmd.op, CTL_SHOW);
	assert_null(cmd.dev);
	assert_false(cmd.json);
}

static void test_show_one_json(void **state)
{
	struct ctl_cmd cmd;
	char err[256];

	(void)state;
	assert_int_equal(PARSE(&cmd, err, "-j", "show", "podnet0"), 0);
	assert_int_equal(cmd.op, CTL_SHOW);
	assert_string_equal(cmd.dev, "podnet0");
	assert_true(cmd.json);
	assert_int_equal(PARSE(&cmd, err, "--json", "show"), 0);
	assert_true(cmd.json);
}

static void test_help_and_version(void **state)
{
	struct ctl_cmd cmd;
	char err[256];

	(void)state;
	assert_int_equal(PARSE(&cmd, err, "help"), 0);
	assert_int_equal(cmd.op, CTL_HELP);
	assert_int_equal(PARSE(&cmd, err, "--help"), 0);
	assert_int_equal(cmd.op, CTL_HELP);
	assert_int_equal(PARSE(&cmd, err, "-j", "-h", "anything"), 0);
	assert_int_equal(cmd.op, CTL_HELP);
	assert_int_equal(PARSE(&cmd, err, "--version"), 0);
	assert_int_equal(cmd.op, CTL_VERSION);
	assert_int_equal(PARSE(&cmd, err, "-V"), 0);
	assert_int_equal(cmd.op, CTL_VERSION);
}

static void test_command_errors(void **state)
{
	(void)state;
	assert_usage_error("unknown command 'shwo'", "shwo");
	assert_usage_error("unknown command 'ShOw'", "ShOw");
	assert_usage_error("unknown option '-x'", "-x", "show");
	assert_usage_error("unknown option '--jsonx'", "--jsonx", "show");
	assert_usage_error("missing command", "-j");
	assert_usage_error("unexpected argument 'me'", "help", "me");
	assert_usage_error("unexpected argument 'b'", "show", "a", "b");
}

static void test_missing_command(void **state)
{
	struct ctl_cmd cmd;
	char err[256];

	(void)state;
	assert_int_equal(ctl_parse(1, (char *const[]){ "podnetctl", NULL }, &cmd,
				   err, sizeof(err)), -EINVAL);
	assert_string_equal(err, "missing command");
}

static void test_device_names(void **state)
{
	(void)state;
	assert_usage_error("bad device name 'sixteen-chars-xx'", "show",
			   "sixteen-chars-xx");
	assert_usage_error("bad device name 'a/b'", "stats", "a/b");
	assert_usage_error("bad device name ''", "fdb", "");
	assert_usage_error("bad device name '..'", "fdb", "..");
	assert_usage_error("missing device name", "stats");
	assert_usage_error("missing device name", "fdb");
}

static void test_set_mode_and_ageing(void **state)
{
	struct ctl_cmd cmd;
	char err[256];

	(void)state;
	assert_int_equal(PARSE(&cmd, err, "set", "p0", "ageing", "600", "mode",
			       "bridge"), 0);
	assert_int_equal(cmd.op, CTL_SET);
	assert_string_equal(cmd.dev, "p0");
	assert_true(cmd.dev_params.mode_set);
	assert_int_equal(cmd.dev_params.mode, PODNET_MODE_BRIDGE);
	assert_true(cmd.dev_params.ageing_time_set);
	assert_int_equal(cmd.dev_params.ageing_time, 600);

	assert_int_equal(PARSE(&cmd, err, "set", "p0", "mode", "routed"), 0);
	assert_int_equal(cmd.dev_params.mode, PODNET_MODE_ROUTED);
	assert_false(cmd.dev_params.ageing_time_set);

	assert_int_equal(PARSE(&cmd, err, "set", "p0", "ageing", "10"), 0);
	assert_int_equal(cmd.dev_params.ageing_time, PODNET_AGEING_TIME_MIN);
	assert_false(cmd.dev_params.mode_set);
	assert_int_equal(PARSE(&cmd, err, "set", "p0", "ageing", "1000000"), 0);
	assert_int_equal(cmd.dev_params.ageing_time, PODNET_AGEING_TIME_MAX);
}

static void test_set_errors(void **state)
{
	static char *const bad_ageing[] = {
		"9", "1000001", "0", "-10", "+10", "10x", "", " 10", "0x10",
		"99999999999999999999",
	};
	char text[128];
	size_t i;

	(void)state;
	assert_usage_error("set needs mode or ageing", "set", "p0");
	assert_usage_error("missing device name", "set");
	assert_usage_error("bad mode 'l2': bridge or routed", "set", "p0",
			   "mode", "l2");
	assert_usage_error("missing value after 'mode'", "set", "p0", "mode");
	assert_usage_error("mode given twice", "set", "p0", "mode", "bridge",
			   "mode", "routed");
	assert_usage_error("ageing given twice", "set", "p0", "ageing", "20",
			   "ageing", "30");
	assert_usage_error("unknown setting 'vni': mode or ageing", "set", "p0",
			   "vni", "4");
	for (i = 0; i < sizeof(bad_ageing) / sizeof(bad_ageing[0]); i++) {
		snprintf(text, sizeof(text),
			 "bad ageing time '%s': 10 to 1000000 seconds",
			 bad_ageing[i]);
		assert_usage_error(text, "set", "p0", "ageing", bad_ageing[i]);
	}
}

static void test_port(void **state)
{
	struct ctl_cmd cmd;
	char err[256];

	(void)state;
	assert_int_equal(PARSE(&cmd, err, "-j", "port", "list", "p0"), 0);
	assert_int_equal(cmd.op, CTL_PORT_LIST);
	assert_string_equal(cmd.dev, "p0");
	assert_int_equal(PARSE(&cmd, err, "port", "set", "p0", "veth1",
			       "hairpin", "on"), 0);
	assert_int_equal(cmd.op, CTL_PORT_SET);
	assert_string_equal(cmd.port, "veth1");
	assert_true(cmd.hairpin);
	assert_int_equal(PARSE(&cmd, err, "port", "set", "p0", "veth1",
			       "hairpin", "off"), 0);
	assert_false(cmd.hairpin);
}

static void test_port_errors(void **state)
{
	(void)state;
	assert_usage_error("port needs list or set", "port");
	assert_usage_error("unknown command 'port show'", "port", "show", "p0");
	assert_usage_error("missing port name", "port", "set", "p0");
	assert_usage_error("port set needs hairpin on|off", "port", "set", "p0",
			   "veth1");
	assert_usage_error("unknown port setting 'learning': hairpin", "port",
			   "set", "p0", "veth1", "learning", "on");
	assert_usage_error("bad hairpin setting 'yes': on or off", "port", "set",
			   "p0", "veth1", "hairpin", "yes");
	assert_usage_error("missing value after 'hairpin'", "port", "set", "p0",
			   "veth1", "hairpin");
	assert_usage_error("unexpected argument 'x'", "port", "set", "p0",
			   "veth1", "hairpin", "on", "x");
	assert_usage_error("unexpected argument 'x'", "port", "list", "p0", "x");
}

static void test_endpoint_add(void **state)
{
	struct ctl_cmd cmd;
	char err[256];
	static const uint8_t mac[] = { 0x02, 0x42, 0xac, 0x11, 0, 2 };

	(void)state;
	assert_int_equal(PARSE(&cmd, err, "endpoint", "add", "p0", "10.0.0.2",
			       "veth1"), 0);
	assert_int_equal(cmd.op, CTL_ENDPOINT_ADD);
	assert_string_equal(cmd.dev, "p0");
	assert_string_equal(cmd.port, "veth1");
	assert_int_equal(cmd.endpoint.addr.family, AF_INET);
	assert_int_equal(cmd.endpoint.addr.v4.s_addr, inet_addr("10.0.0.2"));
	assert_false(cmd.endpoint.has_mac);
	assert_false(cmd.replace);

	assert_int_equal(PARSE(&cmd, err, "endpoint", "add", "p0", "fd00::2/128",
			       "veth1", "replace", "mac", "02:42:AC:11:00:02"), 0);
	assert_int_equal(cmd.endpoint.addr.family, AF_INET6);
	assert_true(cmd.endpoint.has_mac);
	assert_memory_equal(cmd.endpoint.mac, mac, sizeof(mac));
	assert_true(cmd.replace);
}

static void test_endpoint_add_errors(void **state)
{
	(void)state;
	assert_usage_error("endpoint needs add, del or list", "endpoint");
	assert_usage_error("unknown command 'endpoint show'", "endpoint", "show");
	assert_usage_error("missing address", "endpoint", "add", "p0");
	assert_usage_error("bad address '10.0.0.256'", "endpoint", "add", "p0",
			   "10.0.0.256", "veth1");
	assert_usage_error("bad prefix '/24' in '10.0.0.2/24': an endpoint is one address (/32)",
			   "endpoint", "add", "p0", "10.0.0.2/24", "veth1");
	assert_usage_error("missing port name", "endpoint", "add", "p0",
			   "10.0.0.2");
	assert_usage_error("bad MAC '02:42:ac:11:00'", "endpoint", "add", "p0",
			   "10.0.0.2", "veth1", "mac", "02:42:ac:11:00");
	assert_usage_error("missing value after 'mac'", "endpoint", "add", "p0",
			   "10.0.0.2", "veth1", "mac");
	assert_usage_error("mac given twice", "endpoint", "add", "p0",
			   "10.0.0.2", "veth1", "mac", "02:00:00:00:00:01",
			   "mac", "02:00:00:00:00:02");
	assert_usage_error("replace given twice", "endpoint", "add", "p0",
			   "10.0.0.2", "veth1", "replace", "replace");
	assert_usage_error("unknown endpoint option 'vlan': mac or replace",
			   "endpoint", "add", "p0", "10.0.0.2", "veth1", "vlan");
}

static void test_endpoint_del_and_list(void **state)
{
	struct ctl_cmd cmd;
	char err[256];

	(void)state;
	assert_int_equal(PARSE(&cmd, err, "endpoint", "del", "p0", "fd00::2"), 0);
	assert_int_equal(cmd.op, CTL_ENDPOINT_DEL);
	assert_int_equal(cmd.endpoint.addr.family, AF_INET6);
	assert_int_equal(PARSE(&cmd, err, "-j", "endpoint", "list", "p0"), 0);
	assert_int_equal(cmd.op, CTL_ENDPOINT_LIST);
	assert_true(cmd.json);
	assert_usage_error("unexpected argument 'veth1'", "endpoint", "del",
			   "p0", "10.0.0.2", "veth1");
	assert_usage_error("bad address 'pod'", "endpoint", "del", "p0", "pod");
	assert_usage_error("unexpected argument 'x'", "endpoint", "list", "p0",
			   "x");
}

static void test_fdb_and_stats(void **state)
{
	struct ctl_cmd cmd;
	char err[256];

	(void)state;
	assert_int_equal(PARSE(&cmd, err, "fdb", "p0"), 0);
	assert_int_equal(cmd.op, CTL_FDB);
	assert_string_equal(cmd.dev, "p0");
	assert_int_equal(PARSE(&cmd, err, "-j", "stats", "p0"), 0);
	assert_int_equal(cmd.op, CTL_STATS);
	assert_true(cmd.json);
	assert_usage_error("unexpected argument 'p1'", "stats", "p0", "p1");
}

/* A second parse starts from nothing: no state leaks between commands. */
static void test_parse_resets(void **state)
{
	struct ctl_cmd cmd;
	char err[256];

	(void)state;
	assert_int_equal(PARSE(&cmd, err, "-j", "endpoint", "add", "p0",
			       "10.0.0.2", "v", "replace"), 0);
	assert_int_equal(PARSE(&cmd, err, "show"), 0);
	assert_false(cmd.json);
	assert_false(cmd.replace);
	assert_null(cmd.port);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_show_all),
		cmocka_unit_test(test_show_one_json),
		cmocka_unit_test(test_help_and_version),
		cmocka_unit_test(test_command_errors),
		cmocka_unit_test(test_missing_command),
		cmocka_unit_test(test_device_names),
		cmocka_unit_test(test_set_mode_and_ageing),
		cmocka_unit_test(test_set_errors),
		cmocka_unit_test(test_port),
		cmocka_unit_test(test_port_errors),
		cmocka_unit_test(test_endpoint_add),
		cmocka_unit_test(test_endpoint_add_errors),
		cmocka_unit_test(test_endpoint_del_and_list),
		cmocka_unit_test(test_fdb_and_stats),
		cmocka_unit_test(test_parse_resets),
	};

	return cmocka_run_group_tests_name("podnetctl command lines", tests,
					   NULL, NULL);
}
