// SPDX-License-Identifier: GPL-2.0
/* Endpoint addresses, prefixes and MACs as podnetctl reads and prints them. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <errno.h>
#include <string.h>
#include <arpa/inet.h>
#include <cmocka.h>

#include "ctl.h"

static void assert_addr(const char *s, int family, const char *canonical)
{
	struct podnet_addr addr;
	char err[128] = "", text[INET6_ADDRSTRLEN];

	assert_int_equal(ctl_parse_host_addr(s, &addr, err, sizeof(err)), 0);
	assert_string_equal(err, "");
	assert_int_equal(addr.family, family);
	ctl_format_addr(&addr, text);
	assert_string_equal(text, canonical);
}

static void assert_addr_refused(const char *s, const char *message)
{
	struct podnet_addr addr = { .family = -1 };
	char err[160] = "";

	assert_int_equal(ctl_parse_host_addr(s, &addr, err, sizeof(err)), -EINVAL);
	assert_string_equal(err, message);
	assert_int_equal(addr.family, -1);
}

static void test_good_addresses(void **state)
{
	(void)state;
	assert_addr("10.0.0.2", AF_INET, "10.0.0.2");
	assert_addr("10.0.0.2/32", AF_INET, "10.0.0.2");
	assert_addr("fd00::2", AF_INET6, "fd00::2");
	assert_addr("FD00:0:0::2/128", AF_INET6, "fd00::2");
	assert_addr("fe80::1", AF_INET6, "fe80::1");
	assert_addr("::ffff:10.0.0.2", AF_INET6, "::ffff:10.0.0.2");
}

static void test_bad_addresses(void **state)
{
	static const char *const bad[] = {
		"", "10.0.0", "10.0.0.256", "10.0.0.2.1", "010.0.0.2",
		"10.0.0.2 ", " 10.0.0.2", "fd00::2::3", "fe80::1%eth0", "pod",
		"/32", "10.0.0.x/32",
		"0000:0000:0000:0000:0000:0000:0000:0000:0000:0002",
	};
	char message[160];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(message, sizeof(message), "bad address '%s'", bad[i]);
		assert_addr_refused(bad[i], message);
	}
}

static void test_bad_prefixes(void **state)
{
	(void)state;
	assert_addr_refused("10.0.0.2/24",
			    "bad prefix '/24' in '10.0.0.2/24': an endpoint is one address (/32)");
	assert_addr_refused("10.0.0.2/",
			    "bad prefix '/' in '10.0.0.2/': an endpoint is one address (/32)");
	assert_addr_refused("10.0.0.2/032",
			    "bad prefix '/032' in '10.0.0.2/032': an endpoint is one address (/32)");
	assert_addr_refused("10.0.0.2/128",
			    "bad prefix '/128' in '10.0.0.2/128': an endpoint is one address (/32)");
	assert_addr_refused("10.0.0.2/32/32",
			    "bad prefix '/32/32' in '10.0.0.2/32/32': an endpoint is one address (/32)");
	assert_addr_refused("fd00::2/64",
			    "bad prefix '/64' in 'fd00::2/64': an endpoint is one address (/128)");
	assert_addr_refused("fd00::2/32",
			    "bad prefix '/32' in 'fd00::2/32': an endpoint is one address (/128)");
}

static void test_not_unicast(void **state)
{
	static const char *const bad[] = {
		"0.0.0.0", "255.255.255.255", "224.0.0.1", "239.1.2.3/32",
		"::", "::/128", "ff02::1",
	};
	char message[160];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(message, sizeof(message),
			 "bad address '%s': not a unicast host address", bad[i]);
		assert_addr_refused(bad[i], message);
	}
}

static void assert_mac(const char *s, const uint8_t *expected,
		       const char *canonical)
{
	uint8_t mac[PODNET_MAC_LEN];
	char err[128] = "", text[CTL_MAC_STRLEN];

	assert_int_equal(ctl_parse_mac(s, mac, err, sizeof(err)), 0);
	assert_memory_equal(mac, expected, PODNET_MAC_LEN);
	ctl_format_mac(mac, text);
	assert_string_equal(text, canonical);
}

static void test_good_macs(void **state)
{
	static const uint8_t a[] = { 0x02, 0x42, 0xac, 0x11, 0x00, 0x02 };
	static const uint8_t b[] = { 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0xff };

	(void)state;
	assert_mac("02:42:ac:11:00:02", a, "02:42:ac:11:00:02");
	assert_mac("02:42:AC:11:00:02", a, "02:42:ac:11:00:02");
	assert_mac("2:42:ac:11:0:2", a, "02:42:ac:11:00:02");
	assert_mac("a:b:c:d:e:ff", b, "0a:0b:0c:0d:0e:ff");
}

static void assert_mac_refused(const char *s, const char *reason)
{
	uint8_t mac[PODNET_MAC_LEN] = { 0x5a };
	char err[128] = "", message[128];

	snprintf(message, sizeof(message), "bad MAC '%s'%s", s, reason);
	assert_int_equal(ctl_parse_mac(s, mac, err, sizeof(err)), -EINVAL);
	assert_string_equal(err, message);
	assert_int_equal(mac[0], 0x5a);
}

static void test_bad_macs(void **state)
{
	static const char *const bad[] = {
		"", "02:42:ac:11:00", "02:42:ac:11:00:02:03", "002:42:ac:11:00:02",
		"02-42-ac-11-00-02", "02:42:ac:11:00:0g", "02:42:ac:11:00:02 ",
		"02:42:ac:11:00:02:", ":02:42:ac:11:00:02", "02:42::11:00:02",
		"0242ac110002", "+2:42:ac:11:00:02",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_mac_refused(bad[i], "");
}

static void test_mac_not_unicast(void **state)
{
	(void)state;
	assert_mac_refused("01:00:5e:00:00:01", ": not a unicast address");
	assert_mac_refused("ff:ff:ff:ff:ff:ff", ": not a unicast address");
	assert_mac_refused("00:00:00:00:00:00", ": not a unicast address");
}

/* podnetctl's own IPv4 parser agrees with inet_pton(). */
static void test_ipv4_like_inet_pton(void **state)
{
	static const char *const cases[] = {
		"0.0.0.0", "255.255.255.255", "10.244.1.0", "1.2.3.4",
		"256.0.0.0", "1.2.3.256", "01.2.3.4", "1.2.3.04", "1.2.3.00",
		"1.2.3", "1.2.3.4.", ".1.2.3.4", "1..2.3", "1.2.3.4 ", "1.2.3.-4",
		"1.2.3.1234", "0x1.2.3.4", "1.2.3.4/32", "", "::1", "1.2.3.4a",
	};
	struct podnet_addr addr;
	struct in_addr want;
	size_t i;
	int ours;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		ours = ctl_parse_addr(cases[i], &addr);
		if (inet_pton(AF_INET, cases[i], &want) == 1) {
			assert_int_equal(ours, 0);
			assert_int_equal(addr.family, AF_INET);
			assert_int_equal(addr.v4.s_addr, want.s_addr);
		} else {
			assert_true(ours || addr.family == AF_INET6);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ipv4_like_inet_pton),
		cmocka_unit_test(test_good_addresses),
		cmocka_unit_test(test_bad_addresses),
		cmocka_unit_test(test_bad_prefixes),
		cmocka_unit_test(test_not_unicast),
		cmocka_unit_test(test_good_macs),
		cmocka_unit_test(test_bad_macs),
		cmocka_unit_test(test_mac_not_unicast),
	};

	return cmocka_run_group_tests_name("podnetctl addresses", tests,
					   NULL, NULL);
}
