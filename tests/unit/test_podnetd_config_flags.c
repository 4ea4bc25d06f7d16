// SPDX-License-Identifier: GPL-2.0
/* podnetd's command line, and its flags applied over a configuration. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <cmocka.h>

#include "config_flags.h"

#define ARGV(...) ((char *const[]){ "podnetd", __VA_ARGS__, NULL })
#define ARGC(...) ((int)(sizeof((char *const[]){ "podnetd", __VA_ARGS__ }) / \
			 sizeof(char *)))
#define PARSE(f, err, ...) \
	podnetd_flags_parse(ARGC(__VA_ARGS__), ARGV(__VA_ARGS__), (f), (err), \
			    sizeof(err))

static struct podnetd_flags flags;
static struct podnetd_config cfg;

static void test_defaults(void **state)
{
	char err[256];

	(void)state;
	assert_int_equal(podnetd_flags_parse(1, ARGV(NULL), &flags, err,
					     sizeof(err)), 0);
	assert_string_equal(flags.config, PODNETD_CONFIG_PATH);
	assert_false(flags.config_given);
	assert_false(flags.check);
	podnetd_config_defaults(&cfg);
	assert_int_equal(podnetd_flags_apply(&flags, &cfg, err, sizeof(err)),
			 0);
	assert_int_equal(cfg.as, 64512);
	assert_string_equal(cfg.device, "podnet0");
}

static void test_overrides(void **state)
{
	char err[256];

	(void)state;
	assert_int_equal(PARSE(&flags, err, "-c", "/x.yaml", "--check", "-v",
			       "--as", "65001", "--router-id", "10.0.0.9",
			       "--device", "pn1", "--encap", "cross-subnet",
			       "--underlay-interface", "eth1",
			       "--pod-cidr", "10.244.1.0/24",
			       "--pod-cidr", "fd00:244:1::/64",
			       "--cluster-cidr", "10.244.0.0/16",
			       "--listen-port", "0",
			       "--control-socket", "/run/x.sock",
			       "--no-graceful-restart"), 0);
	assert_string_equal(flags.config, "/x.yaml");
	assert_true(flags.config_given && flags.check && flags.verbose);
	podnetd_config_defaults(&cfg);
	cfg.n_pod_cidrs = 3;
	assert_int_equal(podnetd_flags_apply(&flags, &cfg, err, sizeof(err)),
			 0);
	assert_int_equal(cfg.as, 65001);
	assert_int_equal(cfg.router_id, 0x0a000009);
	assert_string_equal(cfg.device, "pn1");
	assert_int_equal(cfg.encap, PODNET_ENCAP_VXLAN);
	assert_true(cfg.cross_subnet);
	assert_int_equal(cfg.underlay.method, PODNETD_UNDERLAY_INTERFACE);
	assert_string_equal(cfg.underlay.interface, "eth1");
	assert_int_equal(cfg.n_pod_cidrs, 2);	/* replaced, not appended */
	assert_int_equal(cfg.pod_cidrs[1].addr.family, AF_INET6);
	assert_int_equal(cfg.pod_cidrs[1].plen, 64);
	assert_int_equal(cfg.n_cluster_cidrs, 1);
	assert_int_equal(cfg.listen_port, 0);
	assert_string_equal(cfg.control_socket, "/run/x.sock");
	assert_false(cfg.graceful_restart);
}

/* --mesh replaces the file's mesh peers and keeps its other peers */
static void test_mesh_replaces_mesh(void **state)
{
	char err[256];

	(void)state;
	podnetd_config_defaults(&cfg);
	cfg.n_peers = 3;
	cfg.peers[0].mesh = true;
	cfg.peers[1].mesh = false;
	cfg.peers[1].as = 65000;
	cfg.peers[2].mesh = true;
	assert_int_equal(PARSE(&flags, err, "--mesh", "192.168.1.1",
			       "--mesh", "fd00::2"), 0);
	assert_int_equal(podnetd_flags_apply(&flags, &cfg, err, sizeof(err)),
			 0);
	assert_int_equal(cfg.n_peers, 3);
	assert_false(cfg.peers[0].mesh);
	assert_int_equal(cfg.peers[0].as, 65000);
	assert_true(cfg.peers[1].mesh);
	assert_int_equal(cfg.peers[1].address.family, AF_INET);
	assert_int_equal(cfg.peers[1].port, 179);
	assert_string_equal(cfg.peers[2].desc, "--mesh[1]");
	assert_int_equal(cfg.peers[2].address.family, AF_INET6);
}

static void test_errors(void **state)
{
	static const struct {
		char *flag, *value;
		const char *error;
	} cases[] = {
		{ "--as", "0", "--as 0: not an AS number (1..4294967295)" },
		{ "--as", "4294967296",
		  "--as 4294967296: not an AS number (1..4294967295)" },
		{ "--as", "-1", "--as -1: not an AS number (1..4294967295)" },
		{ "--router-id", "fd00::1",
		  "--router-id fd00::1: not an IPv4 address" },
		{ "--encap", "gre",
		  "--encap gre: not vxlan, ipip, direct or cross-subnet" },
		{ "--device", "a-name-longer-than-15",
		  "--device a-name-longer-than-15: not an interface name" },
		{ "--pod-cidr", "10.244.1.1/24",
		  "--pod-cidr 10.244.1.1/24: not a CIDR, or too many" },
		{ "--underlay-address", "nowhere",
		  "--underlay-address nowhere: not an IP address" },
		{ "--listen-port", "65536",
		  "--listen-port 65536: not a port (0..65535)" },
		{ "--control-socket", "relative.sock",
		  "--control-socket relative.sock: not an absolute path of "
		  "under 108 octets" },
		{ "--mesh", "10.0.0", "--mesh 10.0.0: not an IP address, or "
		  "too many" },
	};
	char err[256];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		err[0] = '\0';
		assert_int_equal(PARSE(&flags, err, cases[i].flag,
				       cases[i].value), -EINVAL);
		assert_string_equal(err, cases[i].error);
	}
	assert_int_equal(PARSE(&flags, err, "--bogus"), -EINVAL);
	assert_string_equal(err, "unknown option --bogus");
	assert_int_equal(PARSE(&flags, err, "--as"), -EINVAL);
	assert_string_equal(err, "--as needs a value");
	assert_int_equal(PARSE(&flags, err, "extra"), -EINVAL);
	assert_string_equal(err, "unexpected argument extra");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_overrides),
		cmocka_unit_test(test_mesh_replaces_mesh),
		cmocka_unit_test(test_errors),
	};

	return cmocka_run_group_tests_name("podnetd_config_flags", tests, NULL,
					   NULL);
}
