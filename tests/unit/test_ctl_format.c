// SPDX-License-Identifier: GPL-2.0
/* podnetctl's text and JSON output for each object, and its error texts. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <cmocka.h>

#include "ctl.h"

/* Captures what a formatter writes to a stream. */
struct capture {
	FILE *f;
	char *text;
	size_t len;
};

static void capture_start(struct capture *c)
{
	c->f = open_memstream(&c->text, &c->len);
	assert_non_null(c->f);
}

static void assert_captured(struct capture *c, const char *expected)
{
	assert_int_equal(fclose(c->f), 0);
	assert_string_equal(c->text, expected);
	free(c->text);
}

/* The JSON as podnetctl prints it: compact, keys in the order built. */
static void assert_json(json_t *doc, const char *expected)
{
	struct capture c;

	capture_start(&c);
	assert_int_equal(ctl_emit_json(c.f, doc), 0);
	assert_captured(&c, expected);
}

static const struct podnet_dev dev = {
	.ifindex = 5, .name = "podnet0", .mode = PODNET_MODE_ROUTED,
	.ageing_time = 300, .port_count = 2, .endpoint_count = 3,
	.fdb_count = 4, .route_count = 6,
	.overlay = {
		.encap = PODNET_ENCAP_VXLAN, .vni = 1, .vxlan_port = 4789,
		.routes_max = 1048576,
	},
};

static struct podnet_dev dev_with_local_and_underlay(void)
{
	struct podnet_dev d = dev;

	d.overlay.encap = PODNET_ENCAP_IPIP;
	d.overlay.cross_subnet = true;
	d.overlay.has_local4 = true;
	assert_int_equal(inet_pton(AF_INET, "192.168.1.10", &d.overlay.local4), 1);
	d.overlay.has_local6 = true;
	assert_int_equal(inet_pton(AF_INET6, "fd00::10", &d.overlay.local6), 1);
	d.overlay.underlay = 2;
	return d;
}

static void test_dev_text(void **state)
{
	struct podnet_dev d = dev_with_local_and_underlay();
	struct capture c;

	(void)state;
	capture_start(&c);
	ctl_dev_text(c.f, &dev, NULL);
	ctl_dev_text(c.f, &d, "eth0");
	d.overlay.underlay = 9;
	ctl_dev_text(c.f, &d, NULL);
	assert_captured(&c,
		"podnet0: ifindex 5 mode routed ageing 300s ports 2 endpoints 3 fdb 4 routes 6\n"
		"    encap vxlan cross-subnet off vni 1 port 4789 routes-max 1048576\n"
		"podnet0: ifindex 5 mode routed ageing 300s ports 2 endpoints 3 fdb 4 routes 6\n"
		"    encap ipip cross-subnet on vni 1 port 4789 routes-max 1048576 local 192.168.1.10 local fd00::10 underlay eth0\n"
		"podnet0: ifindex 5 mode routed ageing 300s ports 2 endpoints 3 fdb 4 routes 6\n"
		"    encap ipip cross-subnet on vni 1 port 4789 routes-max 1048576 local 192.168.1.10 local fd00::10 underlay if9\n");
}

static void test_dev_json(void **state)
{
	struct podnet_dev d = dev_with_local_and_underlay();

	(void)state;
	assert_json(ctl_dev_json(&dev, NULL),
		    "{\"ifname\":\"podnet0\",\"ifindex\":5,\"mode\":\"routed\","
		    "\"ageing_time\":300,\"port_count\":2,\"endpoint_count\":3,"
		    "\"fdb_count\":4,\"route_count\":6,\"encap\":\"vxlan\","
		    "\"cross_subnet\":false,\"vni\":1,\"vxlan_port\":4789,"
		    "\"local4\":null,\"local6\":null,\"underlay\":null,"
		    "\"underlay_ifindex\":0,\"routes_max\":1048576}\n");
	assert_json(ctl_dev_json(&d, "eth0"),
		    "{\"ifname\":\"podnet0\",\"ifindex\":5,\"mode\":\"routed\","
		    "\"ageing_time\":300,\"port_count\":2,\"endpoint_count\":3,"
		    "\"fdb_count\":4,\"route_count\":6,\"encap\":\"ipip\","
		    "\"cross_subnet\":true,\"vni\":1,\"vxlan_port\":4789,"
		    "\"local4\":\"192.168.1.10\",\"local6\":\"fd00::10\","
		    "\"underlay\":\"eth0\",\"underlay_ifindex\":2,"
		    "\"routes_max\":1048576}\n");
}

static struct podnet_route route(const char *dst, int plen, const char *via)
{
	struct podnet_route rt = {
		.dst.family = strchr(dst, ':') ? AF_INET6 : AF_INET,
		.plen = plen,
		.via.family = strchr(via, ':') ? AF_INET6 : AF_INET,
		.generation = 3,
	};

	assert_int_equal(inet_pton(rt.dst.family, dst, &rt.dst.v6), 1);
	assert_int_equal(inet_pton(rt.via.family, via, &rt.via.v6), 1);
	return rt;
}

static struct podnet_route route_with_all(void)
{
	struct podnet_route rt = route("fd00:1::", 64, "192.168.1.12");
	static const uint8_t mac[] = { 0x02, 0x42, 0xac, 0x11, 0x00, 0x02 };

	rt.encap = PODNET_ENCAP_VXLAN;
	rt.has_mac = true;
	memcpy(rt.mac, mac, sizeof(mac));
	rt.generation = 4294967295U;
	rt.path = PODNET_ENCAP_DIRECT;
	return rt;
}

static void test_route_text(void **state)
{
	struct podnet_route plain = route("10.244.1.0", 24, "192.168.1.11");
	struct podnet_route all = route_with_all();
	struct capture c;

	(void)state;
	capture_start(&c);
	ctl_route_text(c.f, &plain);
	ctl_route_text(c.f, &all);
	assert_captured(&c,
		"10.244.1.0/24 via 192.168.1.11 encap default generation 3\n"
		"fd00:1::/64 via 192.168.1.12 encap vxlan mac 02:42:ac:11:00:02 generation 4294967295 path direct\n");
}

static void test_route_json(void **state)
{
	struct podnet_route plain = route("10.244.1.0", 24, "192.168.1.11");
	struct podnet_route all = route_with_all();

	(void)state;
	assert_json(ctl_route_json(&plain),
		    "{\"dst\":\"10.244.1.0/24\",\"family\":\"inet\","
		    "\"via\":\"192.168.1.11\",\"encap\":\"default\","
		    "\"mac\":null,\"generation\":3,\"path\":null}\n");
	assert_json(ctl_route_json(&all),
		    "{\"dst\":\"fd00:1::/64\",\"family\":\"inet6\","
		    "\"via\":\"192.168.1.12\",\"encap\":\"vxlan\","
		    "\"mac\":\"02:42:ac:11:00:02\",\"generation\":4294967295,"
		    "\"path\":\"direct\"}\n");
}

static void test_route_order(void **state)
{
	struct podnet_route routes[] = {
		route("fd00:1::", 64, "fd00::1"),
		route("10.244.2.0", 24, "192.168.1.1"),
		route("10.244.1.0", 25, "192.168.1.1"),
		route("10.244.1.0", 24, "192.168.1.1"),
		route("9.0.0.0", 8, "192.168.1.1"),
		route("::", 0, "fd00::1"),
	};
	static const char *const sorted[] = {
		"9.0.0.0/8", "10.244.1.0/24", "10.244.1.0/25", "10.244.2.0/24",
		"::/0", "fd00:1::/64",
	};
	char text[CTL_PREFIX_STRLEN];
	size_t i;

	(void)state;
	qsort(routes, 6, sizeof(routes[0]), ctl_route_compare);
	for (i = 0; i < 6; i++) {
		ctl_format_prefix(&routes[i].dst, routes[i].plen, text);
		assert_string_equal(text, sorted[i]);
	}
}

static void test_port_text(void **state)
{
	struct podnet_port port = { .ifindex = 7, .hairpin = true };
	struct capture c;

	(void)state;
	capture_start(&c);
	ctl_port_text(c.f, &port, "veth1");
	port.hairpin = false;
	ctl_port_text(c.f, &port, NULL);
	assert_captured(&c, "veth1: ifindex 7 hairpin on\nif7: ifindex 7 hairpin off\n");
}

static void test_port_json(void **state)
{
	struct podnet_port port = { .ifindex = 7, .hairpin = true };

	(void)state;
	assert_json(ctl_port_json(&port, "veth1"),
		    "{\"ifname\":\"veth1\",\"ifindex\":7,\"hairpin\":true}\n");
	port.hairpin = false;
	assert_json(ctl_port_json(&port, NULL),
		    "{\"ifname\":null,\"ifindex\":7,\"hairpin\":false}\n");
}

static struct podnet_endpoint endpoint(const char *addr, bool has_mac)
{
	struct podnet_endpoint ep = {
		.addr.family = strchr(addr, ':') ? AF_INET6 : AF_INET,
		.port_ifindex = 7,
		.has_mac = has_mac,
		.mac = { 0x02, 0x42, 0xac, 0x11, 0x00, 0x02 },
	};

	assert_int_equal(inet_pton(ep.addr.family, addr, &ep.addr.v6), 1);
	return ep;
}

static void test_endpoint_text(void **state)
{
	struct podnet_endpoint v4 = endpoint("10.0.0.2", false);
	struct podnet_endpoint v6 = endpoint("fd00::2", true);
	struct capture c;

	(void)state;
	capture_start(&c);
	ctl_endpoint_text(c.f, &v4, "veth1");
	ctl_endpoint_text(c.f, &v6, NULL);
	assert_captured(&c, "10.0.0.2 port veth1\n"
			    "fd00::2 port if7 mac 02:42:ac:11:00:02\n");
}

static void test_endpoint_json(void **state)
{
	struct podnet_endpoint v4 = endpoint("10.0.0.2", false);
	struct podnet_endpoint v6 = endpoint("fd00::2", true);

	(void)state;
	assert_json(ctl_endpoint_json(&v4, "veth1"),
		    "{\"address\":\"10.0.0.2\",\"family\":\"inet\","
		    "\"port\":\"veth1\",\"port_ifindex\":7,\"mac\":null}\n");
	assert_json(ctl_endpoint_json(&v6, NULL),
		    "{\"address\":\"fd00::2\",\"family\":\"inet6\","
		    "\"port\":null,\"port_ifindex\":7,"
		    "\"mac\":\"02:42:ac:11:00:02\"}\n");
}

static const struct podnet_fdb_entry learned = {
	.mac = { 0x02, 0x42, 0xac, 0x11, 0x00, 0x02 },
	.port_ifindex = 7, .age_ms = 12045,
};

static const struct podnet_fdb_entry local = {
	.mac = { 0x0a, 0, 0, 0, 0, 1 },
	.port_ifindex = 5, .flags = PODNET_FDB_F_LOCAL,
};

static void test_fdb_text(void **state)
{
	struct capture c;

	(void)state;
	capture_start(&c);
	ctl_fdb_text(c.f, &learned, "veth1");
	ctl_fdb_text(c.f, &local, "podnet0");
	assert_captured(&c, "02:42:ac:11:00:02 port veth1 age 12.045s\n"
			    "0a:00:00:00:00:01 port podnet0 local\n");
}

static void test_fdb_json(void **state)
{
	(void)state;
	assert_json(ctl_fdb_json(&learned, "veth1"),
		    "{\"mac\":\"02:42:ac:11:00:02\",\"port\":\"veth1\","
		    "\"port_ifindex\":7,\"age_ms\":12045,\"local\":false}\n");
	assert_json(ctl_fdb_json(&local, NULL),
		    "{\"mac\":\"0a:00:00:00:00:01\",\"port\":null,"
		    "\"port_ifindex\":5,\"age_ms\":0,\"local\":true}\n");
}

/* Only what the module reported, in uapi order. */
static struct podnet_stats stats(void)
{
	struct podnet_stats s = { 0 };

	s.counter[PODNET_STATS_A_RX_PACKETS] = 10;
	s.counter[PODNET_STATS_A_DROP_OTHER] = 1ULL << 40;
	s.counter[PODNET_STATS_A_TX_PACKETS] = 99;	/* not reported */
	s.counter[PODNET_STATS_A_DROP_DECAP_SOURCE] = 7;
	s.reported = 1U << PODNET_STATS_A_RX_PACKETS |
		     1U << PODNET_STATS_A_DROP_OTHER |
		     1U << PODNET_STATS_A_DROP_DECAP_SOURCE;
	return s;
}

static void test_stats_text(void **state)
{
	struct podnet_stats s = stats();
	struct capture c;

	(void)state;
	capture_start(&c);
	ctl_stats_text(c.f, &s);
	assert_captured(&c, "rx_packets         10\n"
			    "drop_other         1099511627776\n"
			    "drop_decap_source  7\n");
}

static void test_stats_json(void **state)
{
	struct podnet_stats s = stats();

	(void)state;
	assert_json(ctl_stats_json(&s),
		    "{\"rx_packets\":10,\"drop_other\":1099511627776,"
		    "\"drop_decap_source\":7}\n");
}

static void test_json_list(void **state)
{
	struct podnet_port port = { .ifindex = 7 };
	json_t *doc = json_array();

	(void)state;
	ctl_json_append(&doc, ctl_port_json(&port, "a"));
	ctl_json_append(&doc, ctl_port_json(&port, "b"));
	assert_json(doc, "[{\"ifname\":\"a\",\"ifindex\":7,\"hairpin\":false},"
			 "{\"ifname\":\"b\",\"ifindex\":7,\"hairpin\":false}]\n");
	assert_json(json_array(), "[]\n");
}

/* Out of memory at any point: no document, nothing leaked, an error. */
static void test_json_out_of_memory(void **state)
{
	struct podnet_port port = { .ifindex = 7 };
	json_t *doc = json_array();

	(void)state;
	ctl_json_append(&doc, NULL);
	assert_null(doc);
	ctl_json_append(&doc, ctl_port_json(&port, "a"));
	assert_null(doc);
	assert_int_equal(ctl_emit_json(stdout, doc), -ENOMEM);
}

static void test_error_text(void **state)
{
	(void)state;
	assert_string_equal(ctl_error_text(-ENOPKG, ""),
			    "podnet kernel module not loaded (modprobe podnet)");
	assert_string_equal(ctl_error_text(-EPERM, "Operation not permitted"),
			    "permission denied: needs CAP_NET_ADMIN");
	assert_string_equal(ctl_error_text(-EACCES, ""),
			    "permission denied: needs CAP_NET_ADMIN");
	assert_string_equal(ctl_error_text(-ENODEV, "no such podnet device 'p0'"),
			    "no such podnet device 'p0'");
	assert_string_equal(ctl_error_text(-EMEDIUMTYPE, "'eth0' is not a podnet device"),
			    "'eth0' is not a podnet device");
	assert_string_equal(ctl_error_text(-EBUSY, ""), strerror(EBUSY));
	assert_string_equal(ctl_error_text(-EBUSY, NULL), strerror(EBUSY));
}

static void test_iflabel(void **state)
{
	char buf[IF_NAMESIZE];

	(void)state;
	assert_string_equal(ctl_iflabel(7, "veth1", buf), "veth1");
	assert_string_equal(ctl_iflabel(2147483647, NULL, buf), "if2147483647");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dev_text),
		cmocka_unit_test(test_dev_json),
		cmocka_unit_test(test_route_text),
		cmocka_unit_test(test_route_json),
		cmocka_unit_test(test_route_order),
		cmocka_unit_test(test_port_text),
		cmocka_unit_test(test_port_json),
		cmocka_unit_test(test_endpoint_text),
		cmocka_unit_test(test_endpoint_json),
		cmocka_unit_test(test_fdb_text),
		cmocka_unit_test(test_fdb_json),
		cmocka_unit_test(test_stats_text),
		cmocka_unit_test(test_stats_json),
		cmocka_unit_test(test_json_list),
		cmocka_unit_test(test_json_out_of_memory),
		cmocka_unit_test(test_error_text),
		cmocka_unit_test(test_iflabel),
	};

	return cmocka_run_group_tests_name("podnetctl output", tests, NULL, NULL);
}
