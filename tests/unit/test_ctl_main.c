// SPDX-License-Identifier: GPL-2.0
/* podnetctl's exit status and streams for what needs no kernel. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>
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
	assert_non_null(strstr(r.out, "route add DEV PREFIX via ADDRESS"));
	assert_non_null(strstr(r.out, "route batch DEV [FILE|-]"));
	assert_non_null(strstr(r.out, "cross-subnet on|off"));
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
	assert_usage_exit(RUN("set", "p0", "vni", "x"),
			  "bad vni 'x': 0 to 16777215");
	assert_usage_exit(RUN("route", "add", "p0", "10.0.0.0/24", "via",
			      "10.0.0.256"),
			  "bad via address '10.0.0.256'");
	assert_usage_exit(RUN("route", "del", "p0", "10.0.0.7/24"),
			  "bad prefix '10.0.0.7/24': bits set past the length (10.0.0.0/24?)");
}

static void assert_fail_exit(struct run r, const char *message)
{
	char expected[256];

	snprintf(expected, sizeof(expected), "podnetctl: %s\n", message);
	assert_int_equal(r.status, CTL_EXIT_FAIL);
	assert_string_equal(r.out, "");
	assert_string_equal(r.err, expected);
	run_free(&r);
}

/* A batch file is read whole first: its errors need no kernel. */
static void test_batch_file_errors(void **state)
{
	char path[] = "/tmp/podnet-batch-XXXXXX";
	char message[128];
	int fd = mkstemp(path);
	FILE *f;

	(void)state;
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	assert_non_null(f);
	fputs("add 10.244.1.0/24 via 192.168.1.11\n"
	      "add 10.244.2.0/24 via 192.168.1.12 encap gre\n", f);
	assert_int_equal(fclose(f), 0);
	snprintf(message, sizeof(message),
		 "%s:2: bad encap 'gre': default, direct, vxlan or ipip", path);
	assert_fail_exit(RUN("route", "batch", "p0", path), message);
	assert_int_equal(unlink(path), 0);
	snprintf(message, sizeof(message), "%s: %s", path, strerror(ENOENT));
	assert_fail_exit(RUN("route", "batch", "p0", path), message);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_help),
		cmocka_unit_test(test_version),
		cmocka_unit_test(test_usage_errors_exit_2),
		cmocka_unit_test(test_batch_file_errors),
	};

	return cmocka_run_group_tests_name("podnetctl exit status", tests,
					   NULL, NULL);
}
