// SPDX-License-Identifier: GPL-2.0
/* podnetctl's exit status and streams for what needs no kernel. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "ctl.h"

struct run {
	int status;
	char *out;
	char *err;
};

static struct run run(int argc, char *const argv[])
{
	struct run r;
	size_t out_len, err_len;
	FILE *out = open_memstream(&r.out, &out_len);
	FILE *err = open_memstream(&r.err, &err_len);

	assert_non_null(out);
	assert_non_null(err);
	r.status = ctl_main(argc, argv, out, err);
	assert_int_equal(fclose(out), 0);
	assert_int_equal(fclose(err), 0);
	return r;
}

#define RUN(...) run((int)(sizeof((char *const[]){ "podnetctl", __VA_ARGS__ }) / \
			   sizeof(char *)), \
		     (char *const[]){ "podnetctl", __VA_ARGS__, NULL })

static void run_free(struct run *r)
{
	free(r->out);
	free(r->err);
}

static void assert_usage_exit(struct run r, const char *message)
{
	char expected[256];

	snprintf(expected, sizeof(expected),
		 "podnetctl: %s\nTry 'podnetctl help'.\n", message);
	assert_int_equal(r.status, CTL_EXIT_USAGE);
	assert_string_equal(r.out, "");
	assert_string_equal(r.err, expected);
	run_free(&r);
}

static void test_help(void **state)
{
	struct run r = RUN("help");

	(void)state;
	assert_int_equal(r.status, CTL_EXIT_OK);
	assert_non_null(strstr(r.out, "usage: podnetctl [-j] COMMAND\n"));
	assert_non_null(strstr(r.out, "endpoint add DEV ADDRESS PORT"));
	assert_string_equal(r.err, "");
	run_free(&r);
	r = RUN("--help");
	assert_int_equal(r.status, CTL_EXIT_OK);
	assert_non_null(strstr(r.out, "usage: podnetctl"));
	run_free(&r);
}

static void test_version(void **state)
{
	struct run r = RUN("--version");

	(void)state;
	assert_int_equal(r.status, CTL_EXIT_OK);
	assert_string_equal(r.out, "podnetctl " PODNET_VERSION "\n");
	assert_string_equal(r.err, "");
	run_free(&r);
}

static void test_usage_errors_exit_2(void **state)
{
	(void)state;
	assert_usage_exit(RUN("frobnicate"), "unknown command 'frobnicate'");
	assert_usage_exit(RUN("-j"), "missing command");
	assert_usage_exit(RUN("endpoint", "add", "p0", "10.0.0.300", "veth1"),
			  "bad address '10.0.0.300'");
	assert_usage_exit(RUN("endpoint", "del", "p0", "fd00::2/64"),
			  "bad prefix '/64' in 'fd00::2/64': an endpoint is one address (/128)");
	assert_usage_exit(RUN("endpoint", "add", "p0", "10.0.0.3", "veth1",
			      "mac", "zz:00:00:00:00:01"),
			  "bad MAC 'zz:00:00:00:00:01'");
	assert_usage_exit(RUN("set", "p0", "mode", "l3"),
			  "bad mode 'l3': bridge or routed");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_help),
		cmocka_unit_test(test_version),
		cmocka_unit_test(test_usage_errors_exit_2),
	};

	return cmocka_run_group_tests_name("podnetctl exit status", tests,
					   NULL, NULL);
}
