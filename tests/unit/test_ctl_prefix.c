// SPDX-License-Identifier: GPL-2.0
/* Route prefixes as podnetctl reads and prints them. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <errno.h>
#include <string.h>
#include <cmocka.h>

#include "ctl.h"

static void assert_prefix(const char *s, int family, bool has_plen,
			  const char *canonical)
{
	char err[160] = "", text[CTL_PREFIX_STRLEN];
	struct podnet_addr addr;
	bool given = !has_plen;
	uint8_t plen;

	assert_int_equal(ctl_parse_prefix(s, &addr, &plen, &given, err,
					  sizeof(err)), 0);
	assert_string_equal(err, "");
	assert_int_equal(addr.family, family);
	assert_int_equal(given, has_plen);
	ctl_format_prefix(&addr, plen, text);
	assert_string_equal(text, canonical);
}

static void assert_refused(const char *s, const char *message)
{
	struct podnet_addr addr = { .family = -1 };
	uint8_t plen = 99;
	char err[160] = "";
	bool given = true;

	assert_int_equal(ctl_parse_prefix(s, &addr, &plen, &given, err,
					  sizeof(err)), -EINVAL);
	assert_string_equal(err, message);
	assert_int_equal(addr.family, -1);
	assert_int_equal(plen, 99);
	assert_true(given);
}

static void test_good_prefixes(void **state)
{
	(void)state;
	assert_prefix("10.244.1.0/24", AF_INET, true, "10.244.1.0/24");
	assert_prefix("10.244.1.5", AF_INET, false, "10.244.1.5/32");
	assert_prefix("10.244.1.5/32", AF_INET, true, "10.244.1.5/32");
	assert_prefix("0.0.0.0/0", AF_INET, true, "0.0.0.0/0");
	assert_prefix("10.244.1.128/25", AF_INET, true, "10.244.1.128/25");
	assert_prefix("10.240.0.0/12", AF_INET, true, "10.240.0.0/12");
	assert_prefix("FD00:1:0::/64", AF_INET6, true, "fd00:1::/64");
	assert_prefix("fd00::1", AF_INET6, false, "fd00::1/128");
	assert_prefix("::/0", AF_INET6, true, "::/0");
	assert_prefix("fd00:1:2:3:4:5:6:8/125", AF_INET6, true,
		      "fd00:1:2:3:4:5:6:8/125");
	/* Unlike an endpoint, a pod prefix may be any address. */
	assert_prefix("224.0.0.0/4", AF_INET, true, "224.0.0.0/4");
}

static void test_bad_prefixes(void **state)
{
	static const char *const bad[] = {
		"", "/24", "10.0.0/24", "10.0.0.256/24", "pod/24", " 10.0.0.0/8",
		"fd00::1::/64", "fe80::%eth0/64",
		"0000:0000:0000:0000:0000:0000:0000:0000:0000:0000/64",
	};
	char message[160];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(message, sizeof(message), "bad prefix '%s'", bad[i]);
		assert_refused(bad[i], message);
	}
}

static void test_bad_lengths(void **state)
{
	(void)state;
	assert_refused("10.0.0.0/33",
		       "bad prefix length '/33' in '10.0.0.0/33': 0 to 32");
	assert_refused("fd00::/129",
		       "bad prefix length '/129' in 'fd00::/129': 0 to 128");
	assert_refused("10.0.0.0/", "bad prefix length '/' in '10.0.0.0/': 0 to 32");
	assert_refused("10.0.0.0/-8",
		       "bad prefix length '/-8' in '10.0.0.0/-8': 0 to 32");
	assert_refused("10.0.0.0/+8",
		       "bad prefix length '/+8' in '10.0.0.0/+8': 0 to 32");
	assert_refused("10.0.0.0/08",
		       "bad prefix length '/08' in '10.0.0.0/08': 0 to 32");
	assert_refused("10.0.0.0/8x",
		       "bad prefix length '/8x' in '10.0.0.0/8x': 0 to 32");
	assert_refused("10.0.0.0/8/8",
		       "bad prefix length '/8/8' in '10.0.0.0/8/8': 0 to 32");
	assert_refused("10.0.0.0/ 8",
		       "bad prefix length '/ 8' in '10.0.0.0/ 8': 0 to 32");
	assert_refused("10.0.0.0/99999999999",
		       "bad prefix length '/99999999999' in '10.0.0.0/99999999999': 0 to 32");
}

/* A prefix with host bits is a typo; the message says what was meant. */
static void test_host_bits(void **state)
{
	(void)state;
	assert_refused("10.244.1.5/24",
		       "bad prefix '10.244.1.5/24': bits set past the length (10.244.1.0/24?)");
	assert_refused("10.244.1.129/25",
		       "bad prefix '10.244.1.129/25': bits set past the length (10.244.1.128/25?)");
	assert_refused("10.0.0.1/0",
		       "bad prefix '10.0.0.1/0': bits set past the length (0.0.0.0/0?)");
	assert_refused("fd00:1::1/64",
		       "bad prefix 'fd00:1::1/64': bits set past the length (fd00:1::/64?)");
	assert_refused("fd00:1:2:3:4:5:6:f/125",
		       "bad prefix 'fd00:1:2:3:4:5:6:f/125': bits set past the length (fd00:1:2:3:4:5:6:8/125?)");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_prefixes),
		cmocka_unit_test(test_bad_prefixes),
		cmocka_unit_test(test_bad_lengths),
		cmocka_unit_test(test_host_bits),
	};

	return cmocka_run_group_tests_name("podnetctl prefixes", tests, NULL,
					   NULL);
}
