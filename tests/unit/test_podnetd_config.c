// SPDX-License-Identifier: GPL-2.0
/*
 * podnetd's configuration file: every key with good and bad values, the
 * place and key path each error names, YAML syntax errors, the example file
 * of the documentation, and the checks across keys.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <sys/stat.h>
#include <cmocka.h>

#include "config.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/* Each value's line and column are easy to count in these. */
#define NODE(kv)	"node:\n  " kv
#define DEVICE(kv)	"device:\n  " kv
#define UNDERLAY(kv)	"underlay:\n  " kv
#define BGP(kv)		"bgp:\n  " kv
#define PEER(kv)	"bgp:\n  peers:\n    - address: 10.0.0.1\n      " kv
#define CONTROL(kv)	"control:\n  " kv

#define X10		"xxxxxxxxxx"
#define X80		X10 X10 X10 X10 X10 X10 X10 X10

#define FIELD(f)	offsetof(struct podnetd_config, f), \
			sizeof(((struct podnetd_config *)0)->f)

static struct podnetd_config cfg;
static char err[512];

static int parse(const char *text)
{
	podnetd_config_defaults(&cfg);
	return podnetd_config_parse(&cfg, "t.yaml", text, strlen(text), err,
				    sizeof(err));
}

static void expect_error(const char *text, const char *expected)
{
	int ret = parse(text);

	if (ret != -EINVAL || strcmp(err, expected))
		fail_msg("%s\n got %d: %s\n expected: %s", text, ret, err,
			 expected);
}

static void expect_invalid(const char *expected)
{
	int ret = podnetd_config_validate(&cfg, err, sizeof(err));

	if (ret != -EINVAL || strcmp(err, expected))
		fail_msg("got %d: %s\n expected: %s", ret, err, expected);
}

static uint32_t field_value(size_t off, size_t size)
{
	const uint8_t *p = (const uint8_t *)&cfg + off;
	uint16_t u16;
	uint32_t u32;

	switch (size) {
	case 1:
		return *p;
	case 2:
		memcpy(&u16, p, 2);
		return u16;
	default:
		memcpy(&u32, p, 4);
		return u32;
	}
}

static void test_defaults(void **state)
{
	char host[HOST_NAME_MAX + 1] = "";

	(void)state;
	podnetd_config_defaults(&cfg);
	gethostname(host, sizeof(host) - 1);
	host[sizeof(cfg.node_name) - 1] = '\0';
	assert_string_equal(cfg.path, "");
	assert_string_equal(cfg.node_name, host);
	assert_int_equal(cfg.router_id, 0);
	assert_int_equal(cfg.as, 64512);
	assert_string_equal(cfg.device, "podnet0");
	assert_int_equal(cfg.encap, PODNET_ENCAP_VXLAN);
	assert_false(cfg.cross_subnet);
	assert_int_equal(cfg.vni, 1);
	assert_int_equal(cfg.vxlan_port, 4789);
	assert_int_equal(cfg.mtu, 0);
	assert_int_equal(cfg.routes_max, 0);
	assert_int_equal(cfg.underlay.method, PODNETD_UNDERLAY_AUTO);
	assert_int_equal(cfg.n_pod_cidrs, 0);
	assert_int_equal(cfg.n_cluster_cidrs, 0);
	assert_true(cfg.bgp_enabled);
	assert_int_equal(cfg.listen_port, 179);
	assert_int_equal(cfg.hold_time, 90);
	assert_int_equal(cfg.connect_retry, 5);
	assert_true(cfg.graceful_restart);
	assert_int_equal(cfg.restart_time, 120);
	assert_int_equal(cfg.stale_time, 300);
	assert_false(cfg.route_reflector);
	assert_int_equal(cfg.cluster_id, 0);
	assert_int_equal(cfg.n_peers, 0);
	assert_string_equal(cfg.control_socket, "/run/podnetd/podnetd.sock");
	assert_string_equal(cfg.control_group, "");
	assert_int_equal(podnetd_config_validate(&cfg, err, sizeof(err)), 0);
}

/* Nothing to read, or sections with nothing in them: the defaults. */
static void test_empty(void **state)
{
	static const char *const texts[] = {
		"", "\n", "# nothing\n", "---\n", "---\n...\n", "~\n",
		"node:\ndevice:\nbgp:\n  peers:\n  mesh: ~\npod-cidrs:\n",
		"node: {}\nunderlay: {}\ncluster-cidrs: []\ncontrol: {}\n",
	};
	static struct podnetd_config defaults;
	size_t i;

	(void)state;
	podnetd_config_defaults(&defaults);
	for (i = 0; i < ARRAY_SIZE(texts); i++) {
		if (parse(texts[i]))
			fail_msg("%s: %s", texts[i], err);
		assert_memory_equal(&cfg, &defaults, sizeof(cfg));
	}
}

static const struct {
	const char *text;
	size_t off, size;
	uint32_t value;
} good_values[] = {
	{ NODE("router-id: 10.0.0.1"), FIELD(router_id), 0x0a000001 },
	{ NODE("router-id: 255.255.255.255"), FIELD(router_id), 0xffffffff },
	{ NODE("as: 1"), FIELD(as), 1 },
	{ NODE("as: 4294967295"), FIELD(as), 4294967295U },
	{ DEVICE("encap: vxlan"), FIELD(encap), PODNET_ENCAP_VXLAN },
	{ DEVICE("encap: ipip"), FIELD(encap), PODNET_ENCAP_IPIP },
	{ DEVICE("encap: direct"), FIELD(encap), PODNET_ENCAP_DIRECT },
	{ DEVICE("encap: \"direct\""), FIELD(encap), PODNET_ENCAP_DIRECT },
	{ DEVICE("encap: cross-subnet"), FIELD(encap), PODNET_ENCAP_VXLAN },
	{ DEVICE("encap: cross-subnet"), FIELD(cross_subnet), true },
	{ DEVICE("encap: ipip\n  cross-subnet: true"), FIELD(encap),
	  PODNET_ENCAP_IPIP },
	{ DEVICE("encap: ipip\n  cross-subnet: true"), FIELD(cross_subnet),
	  true },
	{ DEVICE("cross-subnet: false"), FIELD(cross_subnet), false },
	{ DEVICE("vni: 1"), FIELD(vni), 1 },
	{ DEVICE("vni: 16777215"), FIELD(vni), 16777215 },
	{ DEVICE("vxlan-port: 1"), FIELD(vxlan_port), 1 },
	{ DEVICE("vxlan-port: 65535"), FIELD(vxlan_port), 65535 },
	{ DEVICE("mtu: auto"), FIELD(mtu), 0 },
	{ DEVICE("mtu: 'auto'"), FIELD(mtu), 0 },
	{ DEVICE("mtu: 576"), FIELD(mtu), 576 },
	{ DEVICE("mtu: 65535"), FIELD(mtu), 65535 },
	{ DEVICE("routes-max: 1"), FIELD(routes_max), 1 },
	{ DEVICE("routes-max: 16777216"), FIELD(routes_max), 16777216 },
	{ BGP("enabled: false"), FIELD(bgp_enabled), false },
	{ BGP("enabled: true"), FIELD(bgp_enabled), true },
	{ BGP("listen-port: 0"), FIELD(listen_port), 0 },
	{ BGP("listen-port: 65535"), FIELD(listen_port), 65535 },
	{ BGP("hold-time: 0"), FIELD(hold_time), 0 },
	{ BGP("hold-time: 3"), FIELD(hold_time), 3 },
	{ BGP("hold-time: 65535"), FIELD(hold_time), 65535 },
	{ BGP("connect-retry: 1"), FIELD(connect_retry), 1 },
	{ BGP("connect-retry: 65535"), FIELD(connect_retry), 65535 },
	{ BGP("graceful-restart: false"), FIELD(graceful_restart), false },
	{ BGP("restart-time: 1"), FIELD(restart_time), 1 },
	{ BGP("restart-time: 4095"), FIELD(restart_time), 4095 },
	{ BGP("stale-time: 1"), FIELD(stale_time), 1 },
	{ BGP("stale-time: 65535"), FIELD(stale_time), 65535 },
	{ BGP("cluster-id: 10.0.0.9"), FIELD(cluster_id), 0x0a000009 },
	{ PEER("as: 65000"), FIELD(peers[0].as), 65000 },
	{ PEER("as: 4294967295"), FIELD(peers[0].as), 4294967295U },
	{ PEER("port: 1"), FIELD(peers[0].port), 1 },
	{ PEER("port: 65535"), FIELD(peers[0].port), 65535 },
	{ PEER("passive: true"), FIELD(peers[0].passive), true },
	{ PEER("passive: true"), FIELD(peers[0].passive_set), true },
	{ PEER("passive: false"), FIELD(peers[0].passive), false },
	{ PEER("passive: false"), FIELD(peers[0].passive_set), true },
	{ PEER("multihop: 0"), FIELD(peers[0].multihop), 0 },
	{ PEER("multihop: 255"), FIELD(peers[0].multihop), 255 },
	{ PEER("route-reflector-client: true"), FIELD(peers[0].rr_client),
	  true },
	{ PEER("route-reflector-client: true"), FIELD(route_reflector),
	  true },
	{ PEER("route-reflector-client: false"), FIELD(route_reflector),
	  false },
	{ PEER("next-hop-self: false"), FIELD(peers[0].next_hop_self),
	  false },
	{ PEER("next-hop-self: false"), FIELD(peers[0].next_hop_self_set),
	  true },
	{ PEER("next-hop-self: true"), FIELD(peers[0].next_hop_self), true },
	{ PEER("hold-time: 0"), FIELD(peers[0].hold_time), 0 },
	{ PEER("hold-time: 0"), FIELD(peers[0].hold_time_set), true },
	{ PEER("hold-time: 65535"), FIELD(peers[0].hold_time), 65535 },
	{ PEER("import: all"), FIELD(peers[0].import), PODNETD_POLICY_ALL },
	{ PEER("import: none"), FIELD(peers[0].import), PODNETD_POLICY_NONE },
	{ PEER("export: all"), FIELD(peers[0].export), PODNETD_POLICY_ALL },
	{ PEER("export: none"), FIELD(peers[0].export), PODNETD_POLICY_NONE },
	{ PEER("export: pod-cidrs"), FIELD(peers[0].export),
	  PODNETD_POLICY_POD_CIDRS },
};

static void test_good_values(void **state)
{
	uint32_t v;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(good_values); i++) {
		if (parse(good_values[i].text))
			fail_msg("%s: %s", good_values[i].text, err);
		v = field_value(good_values[i].off, good_values[i].size);
		if (v != good_values[i].value)
			fail_msg("%s: %u, not %u", good_values[i].text, v,
				 good_values[i].value);
	}
}

static const struct {
	const char *text;
	size_t off;
	const char *value;
} good_strings[] = {
	{ NODE("name: node-1.example_A"), offsetof(struct podnetd_config,
						   node_name),
	  "node-1.example_A" },
	{ NODE("name: 42"), offsetof(struct podnetd_config, node_name),
	  "42" },
	{ NODE("name: " X10 X10 X10 X10 X10 X10 "abc"),
	  offsetof(struct podnetd_config, node_name),
	  X10 X10 X10 X10 X10 X10 "abc" },
	{ DEVICE("name: pod0123456789ab"), offsetof(struct podnetd_config,
						    device),
	  "pod0123456789ab" },
	{ DEVICE("name: 'p-0.x'"), offsetof(struct podnetd_config, device),
	  "p-0.x" },
	{ PEER("password: \"s3cret #1\""),
	  offsetof(struct podnetd_config, peers[0].password), "s3cret #1" },
	{ PEER("password: ''"),
	  offsetof(struct podnetd_config, peers[0].password), "" },
	{ PEER("password: " X80),
	  offsetof(struct podnetd_config, peers[0].password), X80 },
	{ CONTROL("socket: /tmp/p.sock"),
	  offsetof(struct podnetd_config, control_socket), "/tmp/p.sock" },
	{ CONTROL("socket: /" X10 X10 X10 X10 X10 X10 X10 X10 X10 X10
		  "123456"),
	  offsetof(struct podnetd_config, control_socket),
	  "/" X10 X10 X10 X10 X10 X10 X10 X10 X10 X10 "123456" },
	{ CONTROL("group: podnet"),
	  offsetof(struct podnetd_config, control_group), "podnet" },
	{ CONTROL("group: \"\""),
	  offsetof(struct podnetd_config, control_group), "" },
	{ CONTROL("group: " X10 X10 X10 "1"),
	  offsetof(struct podnetd_config, control_group), X10 X10 X10 "1" },
};

static void test_good_strings(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(good_strings); i++) {
		if (parse(good_strings[i].text))
			fail_msg("%s: %s", good_strings[i].text, err);
		assert_string_equal((const char *)&cfg + good_strings[i].off,
				    good_strings[i].value);
	}
}

static const struct {
	const char *text;
	const char *error;
} bad_values[] = {
	/* node */
	{ NODE("as: 0"),
	  "t.yaml:2:7: node.as: not an AS number (1..4294967295): \"0\"" },
	{ NODE("as: 4294967296"),
	  "t.yaml:2:7: node.as: not an AS number (1..4294967295): \"4294967296\"" },
	{ NODE("as: 99999999999999999999"),
	  "t.yaml:2:7: node.as: not an AS number (1..4294967295): \"99999999999999999999\"" },
	{ NODE("as: -1"),
	  "t.yaml:2:7: node.as: not an AS number (1..4294967295): \"-1\"" },
	{ NODE("as: +1"),
	  "t.yaml:2:7: node.as: not an AS number (1..4294967295): \"+1\"" },
	{ NODE("as: 1.10"),
	  "t.yaml:2:7: node.as: not an AS number (1..4294967295): \"1.10\"" },
	{ NODE("as: 0x10"),
	  "t.yaml:2:7: node.as: not an AS number (1..4294967295): \"0x10\"" },
	{ NODE("as: 010"),
	  "t.yaml:2:7: node.as: not an AS number (1..4294967295): \"010\"" },
	{ NODE("as: abc"),
	  "t.yaml:2:7: node.as: not an AS number (1..4294967295): \"abc\"" },
	{ NODE("as: \"64512\""),
	  "t.yaml:2:7: node.as: not an AS number (1..4294967295): \"64512\" (a quoted string)" },
	{ NODE("as: ~"),
	  "t.yaml:2:7: node.as: not an AS number (1..4294967295): no value" },
	{ NODE("as: [1]"),
	  "t.yaml:2:7: node.as: not an AS number (1..4294967295): a list" },
	{ NODE("name: a b"),
	  "t.yaml:2:9: node.name: not a node name (1..63 letters, digits, '-', '.' or '_'): \"a b\"" },
	{ NODE("name: \"\""),
	  "t.yaml:2:9: node.name: not a node name (1..63 letters, digits, '-', '.' or '_'): \"\"" },
	{ NODE("name: nöde"),
	  "t.yaml:2:9: node.name: not a node name (1..63 letters, digits, '-', '.' or '_'): \"n\\xc3\\xb6de\"" },
	{ NODE("name: \"a\\0b\""),
	  "t.yaml:2:9: node.name: not a node name (1..63 letters, digits, '-', '.' or '_'): \"a\\x00b\"" },
	{ NODE("name: " X10 X10 X10 X10 X10 X10 "abcd"),
	  "t.yaml:2:9: node.name: not a node name (1..63 letters, digits, '-', '.' or '_'): \"" X10 X10 X10 X10 "...\"" },
	{ NODE("name: {a: b}"),
	  "t.yaml:2:9: node.name: not a node name (1..63 letters, digits, '-', '.' or '_'): a mapping" },
	{ NODE("router-id: 0.0.0.0"),
	  "t.yaml:2:14: node.router-id: not a router ID (a nonzero IPv4 address): \"0.0.0.0\"" },
	{ NODE("router-id: 10.1"),
	  "t.yaml:2:14: node.router-id: not a router ID (a nonzero IPv4 address): \"10.1\"" },
	{ NODE("router-id: 010.0.0.1"),
	  "t.yaml:2:14: node.router-id: not a router ID (a nonzero IPv4 address): \"010.0.0.1\"" },
	{ NODE("router-id: \"fd00::1\""),
	  "t.yaml:2:14: node.router-id: not a router ID (a nonzero IPv4 address): \"fd00::1\"" },
	/* device */
	{ DEVICE("name: pod0123456789abc"),
	  "t.yaml:2:9: device.name: not a device name (1..15 characters, no '/', ':' or spaces): \"pod0123456789abc\"" },
	{ DEVICE("name: a/b"),
	  "t.yaml:2:9: device.name: not a device name (1..15 characters, no '/', ':' or spaces): \"a/b\"" },
	{ DEVICE("name: \"a:b\""),
	  "t.yaml:2:9: device.name: not a device name (1..15 characters, no '/', ':' or spaces): \"a:b\"" },
	{ DEVICE("name: \"a b\""),
	  "t.yaml:2:9: device.name: not a device name (1..15 characters, no '/', ':' or spaces): \"a b\"" },
	{ DEVICE("name: .."),
	  "t.yaml:2:9: device.name: not a device name (1..15 characters, no '/', ':' or spaces): \"..\"" },
	{ DEVICE("name: ''"),
	  "t.yaml:2:9: device.name: not a device name (1..15 characters, no '/', ':' or spaces): \"\"" },
	{ DEVICE("encap: gre"),
	  "t.yaml:2:10: device.encap: not an encapsulation (vxlan, ipip, direct or cross-subnet): \"gre\"" },
	{ DEVICE("encap: VXLAN"),
	  "t.yaml:2:10: device.encap: not an encapsulation (vxlan, ipip, direct or cross-subnet): \"VXLAN\"" },
	{ DEVICE("encap: default"),
	  "t.yaml:2:10: device.encap: not an encapsulation (vxlan, ipip, direct or cross-subnet): \"default\"" },
	{ DEVICE("encap: cross-subnet\n  cross-subnet: false"),
	  "t.yaml:3:17: device.cross-subnet: false, but device.encap is cross-subnet" },
	{ DEVICE("cross-subnet: false\n  encap: cross-subnet"),
	  "t.yaml:3:10: device.encap: cross-subnet, but device.cross-subnet is false" },
	{ DEVICE("cross-subnet: yes"),
	  "t.yaml:2:17: device.cross-subnet: not a boolean (true or false): \"yes\"" },
	{ DEVICE("cross-subnet: True"),
	  "t.yaml:2:17: device.cross-subnet: not a boolean (true or false): \"True\"" },
	{ DEVICE("cross-subnet: 1"),
	  "t.yaml:2:17: device.cross-subnet: not a boolean (true or false): \"1\"" },
	{ DEVICE("vni: 0"),
	  "t.yaml:2:8: device.vni: not a VNI (1..16777215): \"0\"" },
	{ DEVICE("vni: 16777216"),
	  "t.yaml:2:8: device.vni: not a VNI (1..16777215): \"16777216\"" },
	{ DEVICE("vxlan-port: 0"),
	  "t.yaml:2:15: device.vxlan-port: not a UDP port (1..65535): \"0\"" },
	{ DEVICE("vxlan-port: 65536"),
	  "t.yaml:2:15: device.vxlan-port: not a UDP port (1..65535): \"65536\"" },
	{ DEVICE("mtu: 575"),
	  "t.yaml:2:8: device.mtu: not an MTU (auto or 576..65535): \"575\"" },
	{ DEVICE("mtu: 65536"),
	  "t.yaml:2:8: device.mtu: not an MTU (auto or 576..65535): \"65536\"" },
	{ DEVICE("mtu: 0"),
	  "t.yaml:2:8: device.mtu: not an MTU (auto or 576..65535): \"0\"" },
	{ DEVICE("mtu: Auto"),
	  "t.yaml:2:8: device.mtu: not an MTU (auto or 576..65535): \"Auto\"" },
	{ DEVICE("mtu: \"1500\""),
	  "t.yaml:2:8: device.mtu: not an MTU (auto or 576..65535): \"1500\" (a quoted string)" },
	{ DEVICE("routes-max: 0"),
	  "t.yaml:2:15: device.routes-max: not a route limit (1..16777216): \"0\"" },
	{ DEVICE("routes-max: 16777217"),
	  "t.yaml:2:15: device.routes-max: not a route limit (1..16777216): \"16777217\"" },
	/* underlay */
	{ UNDERLAY("address: 10.0.0.256"),
	  "t.yaml:2:12: underlay.address: not an IP address: \"10.0.0.256\"" },
	{ UNDERLAY("address: 10.0.0.0/24"),
	  "t.yaml:2:12: underlay.address: not an IP address: \"10.0.0.0/24\"" },
	{ UNDERLAY("interface: a/b"),
	  "t.yaml:2:14: underlay.interface: not an interface name (1..15 characters, no '/', ':' or spaces): \"a/b\"" },
	{ UNDERLAY("interface: eth0123456789abc"),
	  "t.yaml:2:14: underlay.interface: not an interface name (1..15 characters, no '/', ':' or spaces): \"eth0123456789abc\"" },
	{ UNDERLAY("cidr: 10.0.0.0"),
	  "t.yaml:2:9: underlay.cidr: not a CIDR (address/length): \"10.0.0.0\"" },
	{ UNDERLAY("cidr: 10.0.0.1/24"),
	  "t.yaml:2:9: underlay.cidr: 10.0.0.1/24 has host bits set, did you mean 10.0.0.0/24?" },
	{ UNDERLAY("can-reach: gateway"),
	  "t.yaml:2:14: underlay.can-reach: not an IP address: \"gateway\"" },
	{ UNDERLAY("address: 10.0.0.1\n  interface: eth0"),
	  "t.yaml:3:14: underlay.interface: only one of address, interface, cidr and can-reach" },
	{ UNDERLAY("can-reach: 10.0.0.1\n  cidr: 10.0.0.0/8"),
	  "t.yaml:3:9: underlay.cidr: only one of address, interface, cidr and can-reach" },
	/* pod-cidrs, cluster-cidrs */
	{ "pod-cidrs: 10.0.0.0/8",
	  "t.yaml:1:12: pod-cidrs: not a list: \"10.0.0.0/8\"" },
	{ "pod-cidrs: {a: b}",
	  "t.yaml:1:12: pod-cidrs: not a list: a mapping" },
	{ "pod-cidrs: [10.0.0.0/33]",
	  "t.yaml:1:13: pod-cidrs[0]: not a CIDR (address/length): \"10.0.0.0/33\"" },
	{ "pod-cidrs: [10.0.0.0/08]",
	  "t.yaml:1:13: pod-cidrs[0]: not a CIDR (address/length): \"10.0.0.0/08\"" },
	{ "pod-cidrs: [10.0.0.0/]",
	  "t.yaml:1:13: pod-cidrs[0]: not a CIDR (address/length): \"10.0.0.0/\"" },
	{ "pod-cidrs: [[10.0.0.0/8]]",
	  "t.yaml:1:13: pod-cidrs[0]: not a CIDR (address/length): a list" },
	{ "pod-cidrs: [10.0.0.0/8, 10.1.2.3/16]",
	  "t.yaml:1:25: pod-cidrs[1]: 10.1.2.3/16 has host bits set, did you mean 10.1.0.0/16?" },
	{ "cluster-cidrs: [\"fd00::/129\"]",
	  "t.yaml:1:17: cluster-cidrs[0]: not a CIDR (address/length): \"fd00::/129\"" },
	{ "cluster-cidrs:\n  - 10.0.0.0/8\n  - \"fd00::1/64\"",
	  "t.yaml:3:5: cluster-cidrs[1]: fd00::1/64 has host bits set, did you mean fd00::/64?" },
	/* bgp */
	{ BGP("enabled: 1"),
	  "t.yaml:2:12: bgp.enabled: not a boolean (true or false): \"1\"" },
	{ BGP("enabled: \"false\""),
	  "t.yaml:2:12: bgp.enabled: not a boolean (true or false): \"false\" (a quoted string)" },
	{ BGP("enabled: ~"),
	  "t.yaml:2:12: bgp.enabled: not a boolean (true or false): no value" },
	{ BGP("listen-port: 65536"),
	  "t.yaml:2:16: bgp.listen-port: not a TCP port (0..65535): \"65536\"" },
	{ BGP("listen-port: -1"),
	  "t.yaml:2:16: bgp.listen-port: not a TCP port (0..65535): \"-1\"" },
	{ BGP("hold-time: 1"),
	  "t.yaml:2:14: bgp.hold-time: not a hold time (0 or 3..65535): \"1\"" },
	{ BGP("hold-time: 2"),
	  "t.yaml:2:14: bgp.hold-time: not a hold time (0 or 3..65535): \"2\"" },
	{ BGP("hold-time: 65536"),
	  "t.yaml:2:14: bgp.hold-time: not a hold time (0 or 3..65535): \"65536\"" },
	{ BGP("connect-retry: 0"),
	  "t.yaml:2:18: bgp.connect-retry: not a time in seconds (1..65535): \"0\"" },
	{ BGP("graceful-restart: on"),
	  "t.yaml:2:21: bgp.graceful-restart: not a boolean (true or false): \"on\"" },
	{ BGP("restart-time: 0"),
	  "t.yaml:2:17: bgp.restart-time: not a time in seconds (1..4095): \"0\"" },
	{ BGP("restart-time: 4096"),
	  "t.yaml:2:17: bgp.restart-time: not a time in seconds (1..4095): \"4096\"" },
	{ BGP("stale-time: 0"),
	  "t.yaml:2:15: bgp.stale-time: not a time in seconds (1..65535): \"0\"" },
	{ BGP("stale-time: 65536"),
	  "t.yaml:2:15: bgp.stale-time: not a time in seconds (1..65535): \"65536\"" },
	{ BGP("cluster-id: 0.0.0.0"),
	  "t.yaml:2:15: bgp.cluster-id: not a cluster ID (a nonzero IPv4 address): \"0.0.0.0\"" },
	{ BGP("cluster-id: 1"),
	  "t.yaml:2:15: bgp.cluster-id: not a cluster ID (a nonzero IPv4 address): \"1\"" },
	{ BGP("mesh: 10.0.0.1"),
	  "t.yaml:2:9: bgp.mesh: not a list: \"10.0.0.1\"" },
	{ BGP("mesh: [10.0.0.1, node2]"),
	  "t.yaml:2:20: bgp.mesh[1]: not an IP address: \"node2\"" },
	{ BGP("mesh: [{address: 10.0.0.1}]"),
	  "t.yaml:2:10: bgp.mesh[0]: not an IP address: a mapping" },
	{ BGP("peers: {address: 10.0.0.1}"),
	  "t.yaml:2:10: bgp.peers: not a list: a mapping" },
	{ BGP("peers: [10.0.0.1]"),
	  "t.yaml:2:11: bgp.peers[0]: not a mapping: \"10.0.0.1\"" },
	/* a peer */
	{ BGP("peers:\n    - as: 65000"),
	  "t.yaml:3:7: bgp.peers[0]: missing address" },
	{ BGP("peers:\n    - ~"),
	  "t.yaml:3:7: bgp.peers[0]: missing address" },
	{ BGP("peers:\n    - address: 10.0.0"),
	  "t.yaml:3:16: bgp.peers[0].address: not an IP address: \"10.0.0\"" },
	{ BGP("peers:\n    - address: \"fd00::1%eth0\""),
	  "t.yaml:3:16: bgp.peers[0].address: not an IP address: \"fd00::1%eth0\"" },
	{ PEER("as: 0"),
	  "t.yaml:4:11: bgp.peers[0].as: not an AS number (1..4294967295): \"0\"" },
	{ PEER("as: abc"),
	  "t.yaml:4:11: bgp.peers[0].as: not an AS number (1..4294967295): \"abc\"" },
	{ PEER("port: 0"),
	  "t.yaml:4:13: bgp.peers[0].port: not a TCP port (1..65535): \"0\"" },
	{ PEER("port: 65536"),
	  "t.yaml:4:13: bgp.peers[0].port: not a TCP port (1..65535): \"65536\"" },
	{ PEER("passive: no"),
	  "t.yaml:4:16: bgp.peers[0].passive: not a boolean (true or false): \"no\"" },
	{ PEER("multihop: 256"),
	  "t.yaml:4:17: bgp.peers[0].multihop: not a hop count (0..255): \"256\"" },
	{ PEER("password: " X80 "y"),
	  "t.yaml:4:17: bgp.peers[0].password: not a password (at most 80 octets): \"" X10 X10 X10 X10 "...\"" },
	{ PEER("password:"),
	  "t.yaml:4:16: bgp.peers[0].password: not a password (at most 80 octets): no value" },
	{ PEER("route-reflector-client: 1"),
	  "t.yaml:4:31: bgp.peers[0].route-reflector-client: not a boolean (true or false): \"1\"" },
	{ PEER("next-hop-self: y"),
	  "t.yaml:4:22: bgp.peers[0].next-hop-self: not a boolean (true or false): \"y\"" },
	{ PEER("hold-time: 2"),
	  "t.yaml:4:18: bgp.peers[0].hold-time: not a hold time (0 or 3..65535): \"2\"" },
	{ PEER("import: pod-cidrs"),
	  "t.yaml:4:15: bgp.peers[0].import: not an import policy (all or none): \"pod-cidrs\"" },
	{ PEER("import: default"),
	  "t.yaml:4:15: bgp.peers[0].import: not an import policy (all or none): \"default\"" },
	{ PEER("export: some"),
	  "t.yaml:4:15: bgp.peers[0].export: not an export policy (all, none or pod-cidrs): \"some\"" },
	{ PEER("export: [all]"),
	  "t.yaml:4:15: bgp.peers[0].export: not an export policy (all, none or pod-cidrs): a list" },
	/* control */
	{ CONTROL("socket: run/podnetd.sock"),
	  "t.yaml:2:11: control.socket: not a socket path (absolute, at most 107 characters): \"run/podnetd.sock\"" },
	{ CONTROL("socket: /" X10 X10 X10 X10 X10 X10 X10 X10 X10 X10
		  "1234567"),
	  "t.yaml:2:11: control.socket: not a socket path (absolute, at most 107 characters): \"/" X10 X10 X10 "xxxxxxxxx...\"" },
	{ CONTROL("group: " X10 X10 X10 "12"),
	  "t.yaml:2:10: control.group: not a group name (at most 31 characters): \"" X10 X10 X10 "12\"" },
	{ CONTROL("group:"),
	  "t.yaml:2:9: control.group: not a group name (at most 31 characters): no value" },
};

static void test_bad_values(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(bad_values); i++)
		expect_error(bad_values[i].text, bad_values[i].error);
}

static void test_wrong_shapes(void **state)
{
	(void)state;
	expect_error("- node", "t.yaml:1:1: not a mapping: a list");
	expect_error("hello", "t.yaml:1:1: not a mapping: \"hello\"");
	expect_error("node: 1", "t.yaml:1:7: node: not a mapping: \"1\"");
	expect_error("bgp: [a]", "t.yaml:1:6: bgp: not a mapping: a list");
	expect_error("control: \"\"",
		     "t.yaml:1:10: control: not a mapping: \"\"");
	expect_error("? [a]\n: b", "t.yaml:1:3: not a key: a list");
	expect_error("node:\n  ? {a: 1}\n  : b",
		     "t.yaml:2:5: node: not a key: a mapping");
}

static void test_unknown_keys(void **state)
{
	(void)state;
	expect_error("nodes: {}",
		     "t.yaml:1:1: nodes: unknown key, did you mean node?");
	expect_error("zzz: 1",
		     "t.yaml:1:1: zzz: unknown key (node, device, underlay, pod-cidrs, cluster-cidrs, bgp, control)");
	expect_error(NODE("nmae: x"),
		     "t.yaml:2:3: node.nmae: unknown key, did you mean name?");
	expect_error(NODE("AS: 1"),
		     "t.yaml:2:3: node.AS: unknown key, did you mean as?");
	expect_error(NODE("asn: 1"),
		     "t.yaml:2:3: node.asn: unknown key, did you mean as?");
	expect_error(NODE("x: 1"),
		     "t.yaml:2:3: node.x: unknown key (name, router-id, as)");
	expect_error(DEVICE("port: 4789"),
		     "t.yaml:2:3: device.port: unknown key (name, encap, cross-subnet, vni, vxlan-port, mtu, routes-max)");
	expect_error(BGP("holdtime: 90"),
		     "t.yaml:2:3: bgp.holdtime: unknown key, did you mean hold-time?");
	expect_error(BGP("hold_time: 90"),
		     "t.yaml:2:3: bgp.hold_time: unknown key, did you mean hold-time?");
	expect_error(PEER("pasive: true"),
		     "t.yaml:4:7: bgp.peers[0].pasive: unknown key, did you mean passive?");
	expect_error(PEER("remote-as: 1"),
		     "t.yaml:4:7: bgp.peers[0].remote-as: unknown key (address, as, port, passive, multihop, password, route-reflector-client, next-hop-self, hold-time, import, export)");
	expect_error(UNDERLAY("can_reach: 10.0.0.1"),
		     "t.yaml:2:3: underlay.can_reach: unknown key, did you mean can-reach?");
	expect_error(NODE("\"na\\tme\": x"),
		     "t.yaml:2:3: node.na\\x09me: unknown key, did you mean name?");
	expect_error(CONTROL("\"\": x"),
		     "t.yaml:2:3: control.: unknown key (socket, group)");
	expect_error("<<: {node: {}}",
		     "t.yaml:1:1: <<: unknown key (node, device, underlay, pod-cidrs, cluster-cidrs, bgp, control)");
}

static void test_duplicate_keys(void **state)
{
	(void)state;
	expect_error("node: {}\nnode: {}",
		     "t.yaml:2:1: node: duplicate key (first at 1:1)");
	expect_error(DEVICE("vni: 1\n  mtu: auto\n  vni: 2"),
		     "t.yaml:4:3: device.vni: duplicate key (first at 2:3)");
	expect_error(PEER("as: 1\n      as: 1"),
		     "t.yaml:5:7: bgp.peers[0].as: duplicate key (first at 4:7)");
	expect_error(PEER("address: 10.0.0.1"),
		     "t.yaml:4:7: bgp.peers[0].address: duplicate key (first at 3:7)");
	expect_error("bgp: {mesh: [], 'mesh': []}",
		     "t.yaml:1:17: bgp.mesh: duplicate key (first at 1:7)");
}

static void test_syntax_errors(void **state)
{
	(void)state;
	expect_error("node: [a",
		     "t.yaml:2:1: did not find expected ',' or ']' (while parsing a flow sequence at 1:7)");
	expect_error(NODE("name: x\n\tas: 1"),
		     "t.yaml:3:1: found a tab character that violates indentation (while scanning a plain scalar at 2:9)");
	expect_error("a: b: c",
		     "t.yaml:1:5: mapping values are not allowed in this context");
	expect_error(NODE("name: x\n bad: y"),
		     "t.yaml:3:2: did not find expected key (while parsing a block mapping at 1:1)");
	expect_error(NODE("name: \"x"),
		     "t.yaml:2:11: found unexpected end of stream (while scanning a quoted scalar at 2:9)");
	expect_error("x: *a",
		     "t.yaml:1:4: found undefined alias");
	expect_error(NODE("name: n\xff"),
		     "t.yaml:2:10: invalid leading UTF-8 octet (0xff)");
	expect_error(NODE("name: ö\x01"),
		     "t.yaml:2:10: control characters are not allowed (0x01)");
	expect_error("node: {}\n---\nbgp: {}",
		     "t.yaml:2:1: a second document");
	expect_error("node: {}\n---\nbgp: [",
		     "t.yaml:4:1: did not find expected node content (while parsing a flow node at 4:1)");
}

/* The document is text with a length: a NUL ends nothing. */
static void test_nul_in_text(void **state)
{
	static const char text[] = "node:\n  name: a\0b\n";

	(void)state;
	podnetd_config_defaults(&cfg);
	assert_int_equal(podnetd_config_parse(&cfg, "t.yaml", text,
					      sizeof(text) - 1, err,
					      sizeof(err)), -EINVAL);
	assert_string_equal(err,
			    "t.yaml:2:10: control characters are not allowed (0x00)");
}

static void test_aliases(void **state)
{
	(void)state;
	assert_int_equal(parse("node: {as: &as 65001}\n"
			       "bgp: {peers: [{address: 10.0.0.1, as: *as}]}\n"),
			 0);
	assert_int_equal(cfg.peers[0].as, 65001);
	assert_int_equal(parse(BGP("mesh: [&a 10.0.0.2, *a]")), 0);
	expect_invalid("bgp.mesh[1]: 10.0.0.2 is also bgp.mesh[0]");
	/* a value's place is where it is written, its path where it is used */
	expect_error("node: {name: &x abc}\n"
		     "bgp: {peers: [{address: 10.0.0.1, as: *x}]}\n",
		     "t.yaml:1:14: bgp.peers[0].as: not an AS number (1..4294967295): \"abc\"");
	/* a cycle is just a mapping where a value should be */
	expect_error("bgp: &b {peers: *b}",
		     "t.yaml:1:6: bgp.peers: not a list: a mapping");
}

static void test_mesh(void **state)
{
	const struct podnetd_peer *p;
	size_t i;

	(void)state;
	assert_int_equal(parse(BGP("mesh: [10.0.0.1, \"fd00::2\", 10.0.0.3]")),
			 0);
	assert_int_equal(cfg.n_peers, 3);
	for (i = 0; i < cfg.n_peers; i++) {
		p = &cfg.peers[i];
		assert_true(p->mesh);
		assert_int_equal(p->as, 0);
		assert_int_equal(p->port, 179);
		assert_false(p->passive_set);
		assert_false(p->next_hop_self_set);
		assert_false(p->hold_time_set);
		assert_false(p->rr_client);
		assert_string_equal(p->password, "");
		assert_int_equal(p->import, PODNETD_POLICY_DEFAULT);
		assert_int_equal(p->export, PODNETD_POLICY_DEFAULT);
	}
	assert_string_equal(cfg.peers[1].desc, "bgp.mesh[1]");
	assert_int_equal(cfg.peers[1].address.family, AF_INET6);
	assert_int_equal(cfg.peers[1].address.v6.s6_addr[15], 2);
	assert_int_equal(cfg.peers[2].address.family, AF_INET);
	assert_int_equal(cfg.peers[2].address.v4.s_addr, inet_addr("10.0.0.3"));
	assert_false(cfg.route_reflector);
	assert_int_equal(podnetd_config_validate(&cfg, err, sizeof(err)), 0);
}

static void test_peer(void **state)
{
	const struct podnetd_peer *p = &cfg.peers[1];

	(void)state;
	assert_int_equal(parse("bgp:\n  peers:\n"
			       "    - address: 10.0.0.1\n"
			       "    - address: \"fd00::fe\"\n"
			       "      as: 65000\n"
			       "      port: 1179\n"
			       "      passive: true\n"
			       "      multihop: 2\n"
			       "      password: secret\n"
			       "      route-reflector-client: true\n"
			       "      next-hop-self: false\n"
			       "      hold-time: 30\n"
			       "      import: all\n"
			       "      export: pod-cidrs\n"), 0);
	assert_int_equal(cfg.n_peers, 2);
	assert_string_equal(cfg.peers[0].desc, "bgp.peers[0]");
	assert_false(cfg.peers[0].mesh);
	assert_int_equal(cfg.peers[0].as, 0);
	assert_int_equal(cfg.peers[0].port, 179);
	assert_false(cfg.peers[0].passive_set);
	assert_false(cfg.peers[0].next_hop_self_set);
	assert_false(cfg.peers[0].hold_time_set);
	assert_int_equal(cfg.peers[0].import, PODNETD_POLICY_DEFAULT);
	assert_int_equal(cfg.peers[0].export, PODNETD_POLICY_DEFAULT);

	assert_string_equal(p->desc, "bgp.peers[1]");
	assert_false(p->mesh);
	assert_int_equal(p->address.family, AF_INET6);
	assert_int_equal(p->address.v6.s6_addr[0], 0xfd);
	assert_int_equal(p->address.v6.s6_addr[15], 0xfe);
	assert_int_equal(p->as, 65000);
	assert_int_equal(p->port, 1179);
	assert_true(p->passive);
	assert_true(p->passive_set);
	assert_int_equal(p->multihop, 2);
	assert_string_equal(p->password, "secret");
	assert_true(p->rr_client);
	assert_false(p->next_hop_self);
	assert_true(p->next_hop_self_set);
	assert_int_equal(p->hold_time, 30);
	assert_true(p->hold_time_set);
	assert_int_equal(p->import, PODNETD_POLICY_ALL);
	assert_int_equal(p->export, PODNETD_POLICY_POD_CIDRS);
	assert_true(cfg.route_reflector);
}

static void test_underlay(void **state)
{
	(void)state;
	assert_int_equal(parse(UNDERLAY("address: \"fd00::1\"")), 0);
	assert_int_equal(cfg.underlay.method, PODNETD_UNDERLAY_ADDRESS);
	assert_int_equal(cfg.underlay.address.family, AF_INET6);
	assert_int_equal(cfg.underlay.address.v6.s6_addr[15], 1);

	assert_int_equal(parse(UNDERLAY("interface: eth0")), 0);
	assert_int_equal(cfg.underlay.method, PODNETD_UNDERLAY_INTERFACE);
	assert_string_equal(cfg.underlay.interface, "eth0");

	assert_int_equal(parse(UNDERLAY("cidr: 192.168.0.0/16")), 0);
	assert_int_equal(cfg.underlay.method, PODNETD_UNDERLAY_CIDR);
	assert_int_equal(cfg.underlay.cidr.addr.family, AF_INET);
	assert_int_equal(cfg.underlay.cidr.addr.v4.s_addr,
			 inet_addr("192.168.0.0"));
	assert_int_equal(cfg.underlay.cidr.plen, 16);

	assert_int_equal(parse(UNDERLAY("can-reach: 10.0.0.254")), 0);
	assert_int_equal(cfg.underlay.method, PODNETD_UNDERLAY_CAN_REACH);
	assert_int_equal(cfg.underlay.address.v4.s_addr,
			 inet_addr("10.0.0.254"));
}

static void test_cidr_lists(void **state)
{
	(void)state;
	assert_int_equal(parse("pod-cidrs: [10.244.1.0/24, fd00:244:1::/64]\n"
			       "cluster-cidrs:\n"
			       "  - 10.244.0.0/16\n"
			       "  - \"fd00:244::/32\"\n"), 0);
	assert_int_equal(cfg.n_pod_cidrs, 2);
	assert_int_equal(cfg.pod_cidrs[0].addr.family, AF_INET);
	assert_int_equal(cfg.pod_cidrs[0].addr.v4.s_addr,
			 inet_addr("10.244.1.0"));
	assert_int_equal(cfg.pod_cidrs[0].plen, 24);
	assert_int_equal(cfg.pod_cidrs[1].addr.family, AF_INET6);
	assert_int_equal(cfg.pod_cidrs[1].addr.v6.s6_addr[5], 1);
	assert_int_equal(cfg.pod_cidrs[1].plen, 64);
	assert_int_equal(cfg.n_cluster_cidrs, 2);
	assert_int_equal(cfg.cluster_cidrs[1].plen, 32);
	assert_int_equal(podnetd_config_validate(&cfg, err, sizeof(err)), 0);
}

/* head, then n items: item i is fmt of i / 256 and i % 256. */
static char *list_text(const char *head, const char *fmt, size_t n)
{
	size_t len = strlen(head) + n * 32, off, i;
	char *text = malloc(len);

	assert_non_null(text);
	off = snprintf(text, len, "%s", head);
	for (i = 0; i < n; i++)
		off += snprintf(text + off, len - off, fmt,
				(unsigned int)(i / 256), (unsigned int)(i % 256));
	return text;
}

static void test_limits(void **state)
{
	char *text;

	(void)state;
	text = list_text("pod-cidrs:\n", "  - 10.%u.%u.0/24\n", 16);
	assert_int_equal(parse(text), 0);
	assert_int_equal(cfg.n_pod_cidrs, 16);
	free(text);
	text = list_text("cluster-cidrs:\n", "  - 10.%u.%u.0/24\n", 17);
	expect_error(text, "t.yaml:18:5: cluster-cidrs[16]: more than 16 CIDRs");
	free(text);

	text = list_text("bgp:\n  mesh:\n", "    - 10.0.%u.%u\n", 256);
	assert_int_equal(parse(text), 0);
	assert_int_equal(cfg.n_peers, 256);
	assert_string_equal(cfg.peers[255].desc, "bgp.mesh[255]");
	assert_int_equal(podnetd_config_validate(&cfg, err, sizeof(err)), 0);
	free(text);
	text = list_text("bgp:\n  mesh:\n", "    - 10.0.%u.%u\n", 257);
	expect_error(text,
		     "t.yaml:259:7: bgp.mesh[256]: more than 256 peers in bgp.mesh and bgp.peers");
	free(text);
	text = list_text("bgp:\n  peers:\n", "    - address: 10.1.%u.%u\n",
			 257);
	expect_error(text,
		     "t.yaml:259:7: bgp.peers[256]: more than 256 peers in bgp.mesh and bgp.peers");
	free(text);
}

/* A file with an error changes nothing; one without adds to lists. */
static void test_load_over(void **state)
{
	static struct podnetd_config before;
	static const char good[] = "pod-cidrs: [10.1.0.0/16]\n"
				   "bgp: {peers: [{address: 10.0.0.9}]}\n";
	static const char bad[] = "node: {as: 65001}\n"
				  "pod-cidrs: [10.2.0.0/16]\n"
				  "bgp: {peers: [{address: 10.0.0.9}, {as: 1}]}\n";

	(void)state;
	assert_int_equal(parse("pod-cidrs: [10.0.0.0/16]\n"
			       "bgp: {mesh: [10.0.0.1]}\n"), 0);
	before = cfg;
	assert_int_equal(podnetd_config_parse(&cfg, "u.yaml", bad,
					      strlen(bad), err, sizeof(err)),
			 -EINVAL);
	assert_string_equal(err, "u.yaml:3:36: bgp.peers[1]: missing address");
	assert_memory_equal(&cfg, &before, sizeof(cfg));

	assert_int_equal(podnetd_config_parse(&cfg, "u.yaml", good,
					      strlen(good), err, sizeof(err)),
			 0);
	assert_int_equal(cfg.n_pod_cidrs, 2);
	assert_int_equal(cfg.pod_cidrs[1].addr.v4.s_addr,
			 inet_addr("10.1.0.0"));
	assert_int_equal(cfg.n_peers, 2);
	assert_string_equal(cfg.peers[0].desc, "bgp.mesh[0]");
	assert_string_equal(cfg.peers[1].desc, "bgp.peers[0]");
	assert_string_equal(cfg.path, "");
}

static void test_error_buffer(void **state)
{
	static const char text[] = "node: {as: 0}";
	char small[12];

	(void)state;
	podnetd_config_defaults(&cfg);
	assert_int_equal(podnetd_config_parse(&cfg, "t.yaml", text,
					      strlen(text), NULL, 0), -EINVAL);
	assert_int_equal(podnetd_config_parse(&cfg, "t.yaml", text,
					      strlen(text), small,
					      sizeof(small)), -EINVAL);
	assert_string_equal(small, "t.yaml:1:12");
	assert_int_equal(podnetd_config_parse(&cfg, "t.yaml", "a: [",
					      4, small, sizeof(small)),
			 -EINVAL);
	assert_string_equal(small, "t.yaml:2:1:");
	assert_int_equal(podnetd_config_parse(&cfg, "t.yaml", "", 0, small,
					      sizeof(small)), 0);
	assert_string_equal(small, "");
	assert_int_equal(podnetd_config_validate(&cfg, NULL, 0), 0);
}

/* The example of the documentation: this file, as it is shown there. */
static char *source_relative(const char *rel, char *buf, size_t len)
{
	const char *slash = strrchr(__FILE__, '/');

	snprintf(buf, len, "%.*s%s", slash ? (int)(slash - __FILE__ + 1) : 0,
		 __FILE__, rel);
	return buf;
}

static char *read_text(const char *path)
{
	FILE *f = fopen(path, "r");
	char *text = calloc(1, 1 << 16);

	assert_non_null(f);
	assert_non_null(text);
	assert_true(fread(text, 1, (1 << 16) - 1, f) > 0);
	fclose(f);
	return text;
}

static void test_example_file(void **state)
{
	const struct podnetd_peer *p;
	char path[PATH_MAX], doc[PATH_MAX];
	char *example, *md;

	(void)state;
	source_relative("../../Documentation/examples/podnetd.yaml", path,
			sizeof(path));
	podnetd_config_defaults(&cfg);
	if (podnetd_config_load(&cfg, path, err, sizeof(err)))
		fail_msg("%s", err);
	assert_string_equal(cfg.path, path);
	assert_string_equal(cfg.node_name, "node1");
	assert_int_equal(cfg.router_id, 0x0a000001);
	assert_int_equal(cfg.as, 64512);
	assert_int_equal(cfg.encap, PODNET_ENCAP_VXLAN);
	assert_true(cfg.cross_subnet);
	assert_int_equal(cfg.mtu, 0);
	assert_int_equal(cfg.routes_max, 1048576);
	assert_int_equal(cfg.underlay.method, PODNETD_UNDERLAY_CIDR);
	assert_int_equal(cfg.n_pod_cidrs, 2);
	assert_int_equal(cfg.n_cluster_cidrs, 2);
	assert_int_equal(cfg.n_peers, 4);
	p = &cfg.peers[3];
	assert_string_equal(p->desc, "bgp.peers[0]");
	assert_int_equal(p->as, 65000);
	assert_string_equal(p->password, "change me");
	assert_int_equal(p->import, PODNETD_POLICY_NONE);
	assert_int_equal(p->export, PODNETD_POLICY_POD_CIDRS);
	assert_string_equal(cfg.control_group, "");
	if (podnetd_config_validate(&cfg, err, sizeof(err)))
		fail_msg("%s", err);

	example = read_text(path);
	md = read_text(source_relative("../../Documentation/podnetd.md", doc,
				       sizeof(doc)));
	if (!strstr(md, example))
		fail_msg("Documentation/podnetd.md does not show %s as it is",
			 path);
	free(example);
	free(md);
}

static void test_load_errors(void **state)
{
	char dir[] = "/tmp/test_podnetd_config.XXXXXX";
	char path[sizeof(dir) + 32], expected[sizeof(path) + 64];
	char long_path[300];
	FILE *f;
	size_t i;

	(void)state;
	assert_non_null(mkdtemp(dir));
	podnetd_config_defaults(&cfg);

	assert_int_equal(podnetd_config_load(&cfg, dir, err, sizeof(err)),
			 -EISDIR);
	snprintf(expected, sizeof(expected), "%s: Is a directory", dir);
	assert_string_equal(err, expected);

	snprintf(path, sizeof(path), "%s/none.yaml", dir);
	assert_int_equal(podnetd_config_load(&cfg, path, err, sizeof(err)),
			 -ENOENT);
	snprintf(expected, sizeof(expected), "%s: No such file or directory",
		 path);
	assert_string_equal(err, expected);

	memset(long_path, 'a', sizeof(long_path) - 1);
	long_path[0] = '/';
	long_path[sizeof(long_path) - 1] = '\0';
	assert_int_equal(podnetd_config_load(&cfg, long_path, err,
					     sizeof(err)), -ENAMETOOLONG);

	/* the file names itself in its errors */
	snprintf(path, sizeof(path), "%s/podnetd.yaml", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("node:\n  as: 0\n", f);
	fclose(f);
	assert_int_equal(podnetd_config_load(&cfg, path, err, sizeof(err)),
			 -EINVAL);
	snprintf(expected, sizeof(expected),
		 "%s:2:7: node.as: not an AS number (1..4294967295): \"0\"",
		 path);
	assert_string_equal(err, expected);
	assert_string_equal(cfg.path, "");

	/* 1 MiB of comments is fine, one more octet is not */
	f = fopen(path, "w");
	assert_non_null(f);
	for (i = 0; i < 1024; i++)
		fprintf(f, "#%1022s\n", "");
	fclose(f);
	assert_int_equal(podnetd_config_load(&cfg, path, err, sizeof(err)), 0);
	assert_string_equal(cfg.path, path);
	f = fopen(path, "a");
	assert_non_null(f);
	fputc('\n', f);
	fclose(f);
	assert_int_equal(podnetd_config_load(&cfg, path, err, sizeof(err)),
			 -EFBIG);
	snprintf(expected, sizeof(expected), "%s: File too large", path);
	assert_string_equal(err, expected);

	assert_int_equal(unlink(path), 0);
	assert_int_equal(rmdir(dir), 0);
}

static void test_validate_cidrs(void **state)
{
	(void)state;
	assert_int_equal(parse("pod-cidrs: [10.244.0.0/16, 10.244.1.0/24]\n"
			       "cluster-cidrs: [10.244.0.0/16]\n"), 0);
	expect_invalid("pod-cidrs[1]: 10.244.1.0/24 overlaps pod-cidrs[0] 10.244.0.0/16");
	assert_int_equal(parse("pod-cidrs: [10.244.1.0/24, 10.244.1.0/24]\n"
			       "cluster-cidrs: [10.244.0.0/16]\n"), 0);
	expect_invalid("pod-cidrs[1]: 10.244.1.0/24 overlaps pod-cidrs[0] 10.244.1.0/24");
	assert_int_equal(parse("cluster-cidrs: [\"fd00::/48\", 10.0.0.0/8,"
			       " \"::/0\"]\n"), 0);
	expect_invalid("cluster-cidrs[2]: ::/0 overlaps cluster-cidrs[0] fd00::/48");
	assert_int_equal(parse("pod-cidrs: [10.245.1.0/24]\n"
			       "cluster-cidrs: [10.244.0.0/16]\n"), 0);
	expect_invalid("pod-cidrs[0]: 10.245.1.0/24 is inside none of cluster-cidrs");
	assert_int_equal(parse("pod-cidrs: [10.244.0.0/15]\n"
			       "cluster-cidrs: [10.244.0.0/16]\n"), 0);
	expect_invalid("pod-cidrs[0]: 10.244.0.0/15 is inside none of cluster-cidrs");
	assert_int_equal(parse("pod-cidrs: [\"fd00::/64\"]\n"
			       "cluster-cidrs: [0.0.0.0/0]\n"), 0);
	expect_invalid("pod-cidrs[0]: fd00::/64 is inside none of cluster-cidrs");
	assert_int_equal(parse("pod-cidrs: [10.0.0.0/24]\n"), 0);
	expect_invalid("pod-cidrs[0]: 10.0.0.0/24 is inside none of cluster-cidrs");

	/* disjoint, of either family, each inside one of the cluster's */
	assert_int_equal(parse("pod-cidrs: [10.0.1.0/24, 172.16.1.0/24,"
			       " \"fd00:1::/64\"]\n"
			       "cluster-cidrs: [10.0.0.0/16, 172.16.0.0/12,"
			       " \"fd00::/16\", 10.1.0.0/16]\n"), 0);
	assert_int_equal(podnetd_config_validate(&cfg, err, sizeof(err)), 0);
	assert_string_equal(err, "");
}

static void test_validate_device(void **state)
{
	(void)state;
	assert_int_equal(parse(DEVICE("mtu: 1279\n"
				      "pod-cidrs: [10.0.0.0/24, \"fd00::/64\"]\n"
				      "cluster-cidrs: [10.0.0.0/8, \"fd00::/8\"]")),
			 0);
	expect_invalid("device.mtu: 1279 is below 1280, the least IPv6 allows, and pod-cidrs[1] is IPv6");
	assert_int_equal(parse(DEVICE("mtu: 1000\n"
				      "cluster-cidrs: [\"fd00::/8\"]")), 0);
	expect_invalid("device.mtu: 1000 is below 1280, the least IPv6 allows, and cluster-cidrs[0] is IPv6");
	assert_int_equal(parse(DEVICE("mtu: 1280\n"
				      "cluster-cidrs: [\"fd00::/8\"]")), 0);
	assert_int_equal(podnetd_config_validate(&cfg, err, sizeof(err)), 0);
	assert_int_equal(parse(DEVICE("mtu: 576\n"
				      "cluster-cidrs: [10.0.0.0/8]")), 0);
	assert_int_equal(podnetd_config_validate(&cfg, err, sizeof(err)), 0);

	assert_int_equal(parse(DEVICE("encap: direct\n  cross-subnet: true")),
			 0);
	expect_invalid("device.cross-subnet: needs encap vxlan or ipip, not direct");
	/* as the flags may leave it */
	assert_int_equal(parse(DEVICE("encap: cross-subnet")), 0);
	cfg.encap = PODNET_ENCAP_DIRECT;
	expect_invalid("device.cross-subnet: needs encap vxlan or ipip, not direct");
}

static void test_validate_peers(void **state)
{
	(void)state;
	assert_int_equal(parse(BGP("mesh: [10.0.0.1, 10.0.0.2]\n"
				   "  peers: [{address: 10.0.0.2}]")), 0);
	expect_invalid("bgp.peers[0]: 10.0.0.2 is also bgp.mesh[1]");
	assert_int_equal(parse(BGP("mesh: [\"fd00::1\", \"fd00:0::1\"]")), 0);
	expect_invalid("bgp.mesh[1]: fd00::1 is also bgp.mesh[0]");
	assert_int_equal(parse(BGP("peers:\n"
				   "    - {address: 10.0.0.254, as: 65000}\n"
				   "    - {address: 10.0.0.253, as: 65000}\n"
				   "    - {address: 10.0.0.254, port: 1179}")),
			 0);
	expect_invalid("bgp.peers[2]: 10.0.0.254 is also bgp.peers[0]");
	/* the same bytes of another family are another address */
	assert_int_equal(parse(BGP("mesh: [0.0.0.1, \"::1\", \"::\"]")), 0);
	assert_int_equal(podnetd_config_validate(&cfg, err, sizeof(err)), 0);

	/* as the flags or the daemon may leave them */
	assert_int_equal(parse(PEER("password: x")), 0);
	memset(cfg.peers[0].password, 'x', sizeof(cfg.peers[0].password));
	expect_invalid("bgp.peers[0].password: longer than 80 octets");
	cfg.peers[0].password[0] = '\0';
	cfg.peers[0].address.family = AF_UNSPEC;
	expect_invalid("bgp.peers[0]: no address");
	cfg.peers[0].desc[0] = '\0';
	expect_invalid("a peer: no address");
}

static void test_cidr_parse(void **state)
{
	static const struct {
		const char *s;
		int family;
		uint8_t plen;
	} good[] = {
		{ "10.0.0.0/8", AF_INET, 8 },
		{ "0.0.0.0/0", AF_INET, 0 },
		{ "10.1.2.3/32", AF_INET, 32 },
		{ "172.16.0.0/12", AF_INET, 12 },
		{ "::/0", AF_INET6, 0 },
		{ "fd00:244:1::/64", AF_INET6, 64 },
		{ "fd00::1/128", AF_INET6, 128 },
		{ "fc00::/7", AF_INET6, 7 },
		{ "fc00::/6", AF_INET6, 6 },
	};
	static const char *const bad[] = {
		"10.0.0.1/8", "172.31.0.0/11", "fd00::1/64", "fd00::/7",
		"10.0.0.0", "10.0.0.0/", "/8", "10.0.0.0/33", "fd00::/129",
		"10.0.0.0/08", "10.0.0.0/8x", "10.0.0.0/ 8", "10.0.0.0/+8",
		" 10.0.0.0/8", "10.0.0/8", "10.0.0.0/8/8", "fd00::%eth0/64",
		"0000:0000:0000:0000:0000:0000:0000:0000:0/64", "",
	};
	struct podnetd_cidr c;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(good); i++) {
		memset(&c, 0xaa, sizeof(c));
		if (podnetd_cidr_parse(good[i].s, &c))
			fail_msg("%s: not a CIDR", good[i].s);
		assert_int_equal(c.addr.family, good[i].family);
		assert_int_equal(c.plen, good[i].plen);
	}
	for (i = 0; i < ARRAY_SIZE(bad); i++)
		if (podnetd_cidr_parse(bad[i], &c) != -EINVAL)
			fail_msg("%s: a CIDR", bad[i]);
	assert_int_equal(podnetd_cidr_parse("192.168.1.0/24", &c), 0);
	assert_int_equal(c.addr.v4.s_addr, inet_addr("192.168.1.0"));
}

static void test_cidr_contains(void **state)
{
	static const struct {
		const char *outer, *inner;
		bool contains;
	} cases[] = {
		{ "10.0.0.0/8", "10.1.0.0/16", true },
		{ "10.0.0.0/8", "10.0.0.0/8", true },
		{ "10.0.0.0/8", "10.255.255.255/32", true },
		{ "10.0.0.0/8", "10.0.0.0/7", false },
		{ "10.0.0.0/8", "11.0.0.0/16", false },
		{ "172.16.0.0/12", "172.31.0.0/16", true },
		{ "172.16.0.0/12", "172.32.0.0/16", false },
		{ "172.16.0.0/12", "172.0.0.0/16", false },
		{ "0.0.0.0/0", "1.2.3.4/32", true },
		{ "0.0.0.0/0", "::/0", false },
		{ "::/0", "0.0.0.0/0", false },
		{ "::/0", "fd00::/8", true },
		{ "fd00::/8", "fd00:1::/32", true },
		{ "fd00::/8", "fe00::/16", false },
		{ "fd00:244::/32", "fd00:244:1::/64", true },
		{ "fd00:244::/48", "fd00:244:1::/64", false },
		{ "fd00::1/128", "fd00::1/128", true },
		{ "fd00::1/128", "fd00::/127", false },
	};
	struct podnetd_cidr outer, inner;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		assert_int_equal(podnetd_cidr_parse(cases[i].outer, &outer), 0);
		assert_int_equal(podnetd_cidr_parse(cases[i].inner, &inner), 0);
		if (podnetd_cidr_contains(&outer, &inner.addr, inner.plen) !=
		    cases[i].contains)
			fail_msg("%s in %s: not %d", cases[i].inner,
				 cases[i].outer, cases[i].contains);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_good_values),
		cmocka_unit_test(test_good_strings),
		cmocka_unit_test(test_bad_values),
		cmocka_unit_test(test_wrong_shapes),
		cmocka_unit_test(test_unknown_keys),
		cmocka_unit_test(test_duplicate_keys),
		cmocka_unit_test(test_syntax_errors),
		cmocka_unit_test(test_nul_in_text),
		cmocka_unit_test(test_aliases),
		cmocka_unit_test(test_mesh),
		cmocka_unit_test(test_peer),
		cmocka_unit_test(test_underlay),
		cmocka_unit_test(test_cidr_lists),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_load_over),
		cmocka_unit_test(test_error_buffer),
		cmocka_unit_test(test_example_file),
		cmocka_unit_test(test_load_errors),
		cmocka_unit_test(test_validate_cidrs),
		cmocka_unit_test(test_validate_device),
		cmocka_unit_test(test_validate_peers),
		cmocka_unit_test(test_cidr_parse),
		cmocka_unit_test(test_cidr_contains),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
