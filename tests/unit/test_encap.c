// SPDX-License-Identifier: GPL-2.0
/* Encapsulation names, both ways. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <errno.h>
#include <cmocka.h>

#include "podnet.h"

static void assert_encap_name(const char *name, enum podnet_encap expected)
{
	enum podnet_encap encap = PODNET_ENCAP_MAX + 1;

	assert_int_equal(podnet_encap_from_string(name, &encap), 0);
	assert_int_equal(encap, expected);
	assert_string_equal(podnet_encap_to_string(expected), name);
}

static void test_known_encaps(void **state)
{
	(void)state;
	assert_encap_name("default", PODNET_ENCAP_DEFAULT);
	assert_encap_name("direct", PODNET_ENCAP_DIRECT);
	assert_encap_name("vxlan", PODNET_ENCAP_VXLAN);
	assert_encap_name("ipip", PODNET_ENCAP_IPIP);
}

static void test_every_encap_round_trips(void **state)
{
	enum podnet_encap encap, back;

	(void)state;
	for (encap = 0; encap <= PODNET_ENCAP_MAX; encap++) {
		assert_non_null(podnet_encap_to_string(encap));
		back = PODNET_ENCAP_MAX + 1;
		assert_int_equal(podnet_encap_from_string(
				podnet_encap_to_string(encap), &back), 0);
		assert_int_equal(back, encap);
	}
}

static void test_bad_names_rejected(void **state)
{
	static const char *const bad[] = {
		"", "VXLAN", "IPIP", "vxla", "vxlan ", " ipip", "gre", "udp",
		"host-gw", "0", "2",
	};
	enum podnet_encap encap = PODNET_ENCAP_IPIP;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(podnet_encap_from_string(bad[i], &encap),
				 -EINVAL);
		assert_int_equal(encap, PODNET_ENCAP_IPIP);
	}
}

static void test_unknown_encap_has_no_name(void **state)
{
	(void)state;
	assert_null(podnet_encap_to_string(PODNET_ENCAP_MAX + 1));
	assert_null(podnet_encap_to_string((enum podnet_encap)-1));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_known_encaps),
		cmocka_unit_test(test_every_encap_round_trips),
		cmocka_unit_test(test_bad_names_rejected),
		cmocka_unit_test(test_unknown_encap_has_no_name),
	};

	return cmocka_run_group_tests_name("encap names", tests, NULL, NULL);
}
