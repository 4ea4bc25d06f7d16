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
	assert_usage_error("set needs one of mode, ageing, encap, cross-subnet, vni, port, local, underlay or routes-max",
			   "set", "p0");
	assert_usage_error("missing device name", "set");
	assert_usage_error("bad mode 'l2': bridge or routed", "set", "p0",
			   "mode", "l2");
	assert_usage_error("missing value after 'mode'", "set", "p0", "mode");
	assert_usage_error("mode given twice", "set", "p0", "mode", "bridge",
			   "mode", "routed");
	assert_usage_error("ageing given twice", "set", "p0", "ageing", "20",
			   "ageing", "30");
	assert_usage_error("unknown setting 'mtu': mode, ageing, encap, cross-subnet, vni, port, local, underlay or routes-max",
			   "set", "p0", "mtu", "1400");
	for (i = 0; i < sizeof(bad_ageing) / sizeof(bad_ageing[0]); i++) {
		snprintf(text, sizeof(text),
			 "bad ageing time '%s': 10 to 1000000 seconds",
			 bad_ageing[i]);
		assert_usage_error(text, "set", "p0", "ageing", bad_ageing[i]);
	}
}

static void test_set_overlay(void **state)
{
	const struct podnet_overlay_params *p;
	struct ctl_cmd cmd;
	char err[256];

	(void)state;
	assert_int_equal(PARSE(&cmd, err, "set", "p0", "encap", "ipip",
			       "cross-subnet", "on", "vni", "16777215", "port",
			       "8472", "local", "192.168.1.10", "local",
			       "fd00::10", "underlay", "eth0", "routes-max",
			       "16777216"), 0);
	p = &cmd.dev_params.overlay;
	assert_int_equal(cmd.op, CTL_SET);
	assert_false(cmd.dev_params.mode_set);
	assert_true(p->encap_set);
	assert_int_equal(p->encap, PODNET_ENCAP_IPIP);
	assert_true(p->cross_subnet_set);
	assert_true(p->cross_subnet);
	assert_true(p->vni_set);
	assert_int_equal(p->vni, PODNET_VNI_MAX);
	assert_true(p->vxlan_port_set);
	assert_int_equal(p->vxlan_port, 8472);
	assert_true(p->local4_set);
	assert_int_equal(p->local4.s_addr, inet_addr("192.168.1.10"));
	assert_true(p->local6_set);
	assert_int_equal(p->local6.s6_addr[15], 0x10);
	assert_true(p->underlay_set);
	assert_string_equal(cmd.underlay, "eth0");
	assert_true(p->routes_max_set);
	assert_int_equal(p->routes_max, PODNET_ROUTES_MAX_LIMIT);

	assert_int_equal(PARSE(&cmd, err, "set", "p0", "cross-subnet", "off",
			       "vni", "0", "encap", "direct", "underlay", "none",
			       "local", "0.0.0.0"), 0);
	p = &cmd.dev_params.overlay;
	assert_true(p->cross_subnet_set);
	assert_false(p->cross_subnet);
	assert_true(p->vni_set);
	assert_int_equal(p->vni, 0);
	assert_int_equal(p->encap, PODNET_ENCAP_DIRECT);
	assert_true(p->underlay_set);
	assert_null(cmd.underlay);
	assert_int_equal(p->underlay, 0);
	assert_true(p->local4_set);
	assert_int_equal(p->local4.s_addr, 0);
	assert_false(p->vxlan_port_set);
	assert_false(p->routes_max_set);

	assert_int_equal(PARSE(&cmd, err, "set", "p0", "encap", "vxlan", "mode",
			       "routed"), 0);
	assert_true(cmd.dev_params.mode_set);
	assert_true(cmd.dev_params.overlay.encap_set);
}

static void test_set_overlay_errors(void **state)
{
	(void)state;
	assert_usage_error("bad encap 'default': vxlan, ipip or direct", "set",
			   "p0", "encap", "default");
	assert_usage_error("bad encap 'gre': vxlan, ipip or direct", "set", "p0",
			   "encap", "gre");
	assert_usage_error("encap given twice", "set", "p0", "encap", "ipip",
			   "encap", "vxlan");
	assert_usage_error("bad cross-subnet setting 'yes': on or off", "set",
			   "p0", "cross-subnet", "yes");
	assert_usage_error("bad vni '16777216': 0 to 16777215", "set", "p0",
			   "vni", "16777216");
	assert_usage_error("bad vni '-1': 0 to 16777215", "set", "p0", "vni",
			   "-1");
	assert_usage_error("vni given twice", "set", "p0", "vni", "1", "vni",
			   "1");
	assert_usage_error("bad port '0': 1 to 65535", "set", "p0", "port", "0");
	assert_usage_error("bad port '65536': 1 to 65535", "set", "p0", "port",
			   "65536");
	assert_usage_error("bad port 'vxlan': 1 to 65535", "set", "p0", "port",
			   "vxlan");
	assert_usage_error("bad local address '10.0.0.1/24'", "set", "p0",
			   "local", "10.0.0.1/24");
	assert_usage_error("bad local address '224.0.0.1': not a unicast address",
			   "set", "p0", "local", "224.0.0.1");
	assert_usage_error("bad local address 'ff02::1': not a unicast address",
			   "set", "p0", "local", "ff02::1");
	assert_usage_error("local IPv4 address given twice", "set", "p0",
			   "local", "10.0.0.1", "local", "10.0.0.2");
	assert_usage_error("local IPv6 address given twice", "set", "p0",
			   "local", "fd00::1", "local", "10.0.0.2", "local",
			   "fd00::2");
	assert_usage_error("bad underlay name 'a/b'", "set", "p0", "underlay",
			   "a/b");
	assert_usage_error("underlay given twice", "set", "p0", "underlay",
			   "eth0", "underlay", "none");
	assert_usage_error("bad routes-max '0': 1 to 16777216", "set", "p0",
			   "routes-max", "0");
	assert_usage_error("bad routes-max '16777217': 1 to 16777216", "set",
			   "p0", "routes-max", "16777217");
	assert_usage_error("missing value after 'routes-max'", "set", "p0",
			   "routes-max");
	assert_usage_error("missing value after 'underlay'", "set", "p0",
			   "underlay");
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

static void assert_prefix(const struct podnet_route *rt, const char *addr,
			  int plen)
{
	struct podnet_addr want = { .family = strchr(addr, ':') ? AF_INET6 :
								   AF_INET };

	assert_int_equal(inet_pton(want.family, addr, &want.v6), 1);
	assert_int_equal(rt->dst.family, want.family);
	assert_memory_equal(&rt->dst.v6, &want.v6,
			    want.family == AF_INET ? 4 : 16);
	assert_int_equal(rt->plen, plen);
}

static void test_route_add(void **state)
{
	static const uint8_t mac[] = { 0x02, 0x42, 0xac, 0x11, 0, 2 };
	struct ctl_cmd cmd;
	char err[256];

	(void)state;
	assert_int_equal(PARSE(&cmd, err, "route", "add", "p0", "10.244.1.0/24",
			       "via", "192.168.1.11"), 0);
	assert_int_equal(cmd.op, CTL_ROUTE_ADD);
	assert_string_equal(cmd.dev, "p0");
	assert_prefix(&cmd.route, "10.244.1.0", 24);
	assert_int_equal(cmd.route.via.family, AF_INET);
	assert_int_equal(cmd.route.via.v4.s_addr, inet_addr("192.168.1.11"));
	assert_int_equal(cmd.route.encap, PODNET_ENCAP_DEFAULT);
	assert_false(cmd.route.has_mac);
	assert_false(cmd.change.replace);
	assert_false(cmd.change.del);
	assert_int_equal(cmd.change.generation, 0);

	assert_int_equal(PARSE(&cmd, err, "route", "add", "p0", "fd00:1::/64",
			       "replace", "generation", "4294967295", "mac",
			       "02:42:ac:11:00:02", "encap", "vxlan", "via",
			       "fd00::11"), 0);
	assert_prefix(&cmd.route, "fd00:1::", 64);
	assert_int_equal(cmd.route.via.family, AF_INET6);
	assert_int_equal(cmd.route.encap, PODNET_ENCAP_VXLAN);
	assert_true(cmd.route.has_mac);
	assert_memory_equal(cmd.route.mac, mac, 6);
	assert_true(cmd.change.replace);
	assert_int_equal(cmd.change.generation, UINT32_MAX);

	/* An address alone is one host's route. */
	assert_int_equal(PARSE(&cmd, err, "route", "add", "p0", "10.244.1.5",
			       "via", "192.168.1.11", "encap", "direct"), 0);
	assert_prefix(&cmd.route, "10.244.1.5", 32);
	assert_int_equal(cmd.route.encap, PODNET_ENCAP_DIRECT);
	assert_int_equal(PARSE(&cmd, err, "route", "add", "p0", "0.0.0.0/0",
			       "via", "192.168.1.1"), 0);
	assert_prefix(&cmd.route, "0.0.0.0", 0);
}

static void test_route_add_errors(void **state)
{
	(void)state;
	assert_usage_error("route needs add, del, get, list, flush or batch",
			   "route");
	assert_usage_error("unknown command 'route show'", "route", "show",
			   "p0");
	assert_usage_error("missing device name", "route", "add");
	assert_usage_error("missing prefix", "route", "add", "p0");
	assert_usage_error("missing via ADDRESS", "route", "add", "p0",
			   "10.0.0.0/24");
	assert_usage_error("missing via ADDRESS", "route", "add", "p0",
			   "10.0.0.0/24", "encap", "ipip");
	assert_usage_error("bad prefix length '/33' in '10.0.0.0/33': 0 to 32",
			   "route", "add", "p0", "10.0.0.0/33", "via", "1.2.3.4");
	assert_usage_error("bad via address '1.2.3'", "route", "add", "p0",
			   "10.0.0.0/24", "via", "1.2.3");
	assert_usage_error("bad via address '1.2.3.4/32'", "route", "add", "p0",
			   "10.0.0.0/24", "via", "1.2.3.4/32");
	assert_usage_error("bad via address '255.255.255.255': not a unicast address",
			   "route", "add", "p0", "10.0.0.0/24", "via",
			   "255.255.255.255");
	assert_usage_error("bad via address '::': not a unicast address",
			   "route", "add", "p0", "fd00::/64", "via", "::");
	assert_usage_error("missing value after 'via'", "route", "add", "p0",
			   "10.0.0.0/24", "via");
	assert_usage_error("via given twice", "route", "add", "p0",
			   "10.0.0.0/24", "via", "1.2.3.4", "via", "1.2.3.5");
	assert_usage_error("bad encap 'gre': default, direct, vxlan or ipip",
			   "route", "add", "p0", "10.0.0.0/24", "via", "1.2.3.4",
			   "encap", "gre");
	assert_usage_error("bad MAC '02:00:00:00:00'", "route", "add", "p0",
			   "10.0.0.0/24", "via", "1.2.3.4", "mac",
			   "02:00:00:00:00");
	assert_usage_error("bad generation '4294967296': 0 to 4294967295",
			   "route", "add", "p0", "10.0.0.0/24", "via", "1.2.3.4",
			   "generation", "4294967296");
	assert_usage_error("bad generation '-1': 0 to 4294967295", "route",
			   "add", "p0", "10.0.0.0/24", "via", "1.2.3.4",
			   "generation", "-1");
	assert_usage_error("missing value after 'generation'", "route", "add",
			   "p0", "10.0.0.0/24", "via", "1.2.3.4", "generation");
	assert_usage_error("encap ipip needs an IPv4 via address", "route",
			   "add", "p0", "fd00:1::/64", "via", "fd00::11",
			   "encap", "ipip");
	assert_usage_error("replace given twice", "route", "add", "p0",
			   "10.0.0.0/24", "via", "1.2.3.4", "replace", "replace");
	assert_usage_error("unknown route option 'dev': via, encap, mac, generation or replace",
			   "route", "add", "p0", "10.0.0.0/24", "via", "1.2.3.4",
			   "dev", "eth0");
}

static void test_route_other_verbs(void **state)
{
	struct ctl_cmd cmd;
	char err[256];

	(void)state;
	assert_int_equal(PARSE(&cmd, err, "route", "del", "p0", "fd00:1::/64"),
			 0);
	assert_int_equal(cmd.op, CTL_ROUTE_DEL);
	assert_prefix(&cmd.route, "fd00:1::", 64);

	assert_int_equal(PARSE(&cmd, err, "route", "get", "p0", "10.244.1.7"),
			 0);
	assert_int_equal(cmd.op, CTL_ROUTE_GET);
	assert_false(cmd.route_exact);
	assert_prefix(&cmd.route, "10.244.1.7", 32);
	assert_int_equal(PARSE(&cmd, err, "route", "get", "p0", "10.244.1.0/24"),
			 0);
	assert_true(cmd.route_exact);
	assert_prefix(&cmd.route, "10.244.1.0", 24);

	assert_int_equal(PARSE(&cmd, err, "-j", "route", "list", "p0"), 0);
	assert_int_equal(cmd.op, CTL_ROUTE_LIST);
	assert_true(cmd.json);

	assert_int_equal(PARSE(&cmd, err, "route", "flush", "p0"), 0);
	assert_int_equal(cmd.op, CTL_ROUTE_FLUSH);
	assert_false(cmd.older_than_set);
	assert_int_equal(PARSE(&cmd, err, "route", "flush", "p0", "older-than",
			       "7"), 0);
	assert_true(cmd.older_than_set);
	assert_int_equal(cmd.older_than, 7);

	assert_int_equal(PARSE(&cmd, err, "route", "batch", "p0"), 0);
	assert_int_equal(cmd.op, CTL_ROUTE_BATCH);
	assert_null(cmd.file);
	assert_int_equal(PARSE(&cmd, err, "route", "batch", "p0", "-"), 0);
	assert_string_equal(cmd.file, "-");
	assert_int_equal(PARSE(&cmd, err, "route", "batch", "p0", "routes.txt"),
			 0);
	assert_string_equal(cmd.file, "routes.txt");
}

static void test_route_other_verb_errors(void **state)
{
	(void)state;
	assert_usage_error("unexpected argument 'via'", "route", "del", "p0",
			   "10.0.0.0/24", "via", "1.2.3.4");
	assert_usage_error("missing prefix", "route", "del", "p0");
	assert_usage_error("missing address or prefix", "route", "get", "p0");
	assert_usage_error("bad prefix 'pod'", "route", "get", "p0", "pod");
	assert_usage_error("unexpected argument 'x'", "route", "get", "p0",
			   "10.0.0.1", "x");
	assert_usage_error("unexpected argument 'x'", "route", "list", "p0",
			   "x");
	assert_usage_error("missing device name", "route", "list");
	assert_usage_error("unknown flush option 'all': older-than", "route",
			   "flush", "p0", "all");
	assert_usage_error("bad generation 'new': 0 to 4294967295", "route",
			   "flush", "p0", "older-than", "new");
	assert_usage_error("missing value after 'older-than'", "route", "flush",
			   "p0", "older-than");
	assert_usage_error("unexpected argument 'x'", "route", "flush", "p0",
			   "older-than", "3", "x");
	assert_usage_error("unexpected argument 'b'", "route", "batch", "p0",
			   "a", "b");
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
		cmocka_unit_test(test_set_overlay),
		cmocka_unit_test(test_set_overlay_errors),
		cmocka_unit_test(test_port),
		cmocka_unit_test(test_port_errors),
		cmocka_unit_test(test_endpoint_add),
		cmocka_unit_test(test_endpoint_add_errors),
		cmocka_unit_test(test_endpoint_del_and_list),
		cmocka_unit_test(test_fdb_and_stats),
		cmocka_unit_test(test_route_add),
		cmocka_unit_test(test_route_add_errors),
		cmocka_unit_test(test_route_other_verbs),
		cmocka_unit_test(test_route_other_verb_errors),
		cmocka_unit_test(test_parse_resets),
	};

	return cmocka_run_group_tests_name("podnetctl command lines", tests,
					   NULL, NULL);
}
