// SPDX-License-Identifier: GPL-2.0
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <errno.h>
#include <cmocka.h>

#include "podnet.h"

static void assert_mode_name(const char *name, enum podnet_mode expected)
{
	enum podnet_mode mode = !expected;

	assert_int_equal(podnet_mode_from_string(name, &mode), 0);
	assert_int_equal(mode, expected);
	assert_string_equal(podnet_mode_to_string(expected), name);
}

static void test_known_modes(void **state)
{
	(void)state;
	assert_mode_name("bridge", PODNET_MODE_BRIDGE);
	assert_mode_name("routed", PODNET_MODE_ROUTED);
}

static void test_every_mode_round_trips(void **state)
{
	enum podnet_mode mode, back;

	(void)state;
	for (mode = 0; mode <= PODNET_MODE_MAX; mode++) {
		assert_non_null(podnet_mode_to_string(mode));
		back = !mode;
		assert_int_equal(podnet_mode_from_string(
				podnet_mode_to_string(mode), &back), 0);
		assert_int_equal(back, mode);
	}
}

static void test_bad_names_rejected(void **state)
{
	static const char *const bad[] = {
		"", "Bridge", "ROUTED", "bridg", "bridge ", " routed",
		"routedx", "0", "1",
	};
	enum podnet_mode mode = PODNET_MODE_ROUTED;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(podnet_mode_from_string(bad[i], &mode), -EINVAL);
		assert_int_equal(mode, PODNET_MODE_ROUTED);
	}
}

static void test_unknown_mode_has_no_name(void **state)
{
	(void)state;
	assert_null(podnet_mode_to_string(PODNET_MODE_MAX + 1));
	assert_null(podnet_mode_to_string((enum podnet_mode)-1));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_known_modes),
		cmocka_unit_test(test_every_mode_round_trips),
		cmocka_unit_test(test_bad_names_rejected),
		cmocka_unit_test(test_unknown_mode_has_no_name),
	};

	return cmocka_run_group_tests_name("mode names", tests, NULL, NULL);
}
