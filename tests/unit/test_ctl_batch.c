// SPDX-License-Identifier: GPL-2.0
/* Route batch files: lines, comments, and errors that name file:line. */
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

struct line {
	struct podnet_route rt;
	struct podnet_route_change change;
	bool parsed;
	char err[256];
};

static int parse_line(const char *text, struct line *l)
{
	char buf[512];

	snprintf(buf, sizeof(buf), "%s", text);
	memset(l, 0, sizeof(*l));
	return ctl_batch_parse_line(buf, &l->rt, &l->change, &l->parsed, l->err,
				    sizeof(l->err));
}

static void assert_line_refused(const char *text, const char *message)
{
	struct line l;

	assert_int_equal(parse_line(text, &l), -EINVAL);
	assert_string_equal(l.err, message);
	assert_false(l.parsed);
}

static void test_add_line(void **state)
{
	struct line l;

	(void)state;
	assert_int_equal(parse_line("add 10.244.1.0/24 via 192.168.1.11\n", &l),
			 0);
	assert_true(l.parsed);
	assert_int_equal(l.rt.dst.family, AF_INET);
	assert_int_equal(l.rt.dst.v4.s_addr, inet_addr("10.244.1.0"));
	assert_int_equal(l.rt.plen, 24);
	assert_int_equal(l.rt.via.v4.s_addr, inet_addr("192.168.1.11"));
	assert_false(l.change.del);
	assert_false(l.change.replace);

	assert_int_equal(parse_line("\tadd  fd00:1::/64 via fd00::11 encap vxlan "
				    "mac 02:00:00:00:00:01 generation 9 replace"
				    "  # moved\r\n", &l), 0);
	assert_true(l.parsed);
	assert_int_equal(l.rt.dst.family, AF_INET6);
	assert_int_equal(l.rt.encap, PODNET_ENCAP_VXLAN);
	assert_true(l.rt.has_mac);
	assert_int_equal(l.change.generation, 9);
	assert_true(l.change.replace);
	assert_false(l.change.del);
}

static void test_del_line(void **state)
{
	struct line l;

	(void)state;
	assert_int_equal(parse_line("del 10.244.1.0/24", &l), 0);
	assert_true(l.parsed);
	assert_true(l.change.del);
	assert_int_equal(l.rt.plen, 24);
	assert_int_equal(parse_line("del 10.244.1.5#gone", &l), 0);
	assert_true(l.change.del);
	assert_int_equal(l.rt.plen, 32);
}

static void test_blank_and_comment_lines(void **state)
{
	static const char *const lines[] = {
		"", "\n", "   \t \r\n", "# add 10.0.0.0/8 via 1.2.3.4",
		"   # indented comment", "#", "\f\v\n",
	};
	struct line l;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		assert_int_equal(parse_line(lines[i], &l), 0);
		assert_false(l.parsed);
	}
}

static void test_bad_lines(void **state)
{
	(void)state;
	assert_line_refused("replace 10.0.0.0/8 via 1.2.3.4",
			    "unknown batch command 'replace': add or del");
	assert_line_refused("ADD 10.0.0.0/8 via 1.2.3.4",
			    "unknown batch command 'ADD': add or del");
	assert_line_refused("add", "missing prefix");
	assert_line_refused("add 10.0.0.0/8", "missing via ADDRESS");
	assert_line_refused("add 10.0.0.1/8 via 1.2.3.4",
			    "bad prefix '10.0.0.1/8': bits set past the length (10.0.0.0/8?)");
	assert_line_refused("add 10.0.0.0/8 via 1.2.3.4 encap udp",
			    "bad encap 'udp': default, direct, vxlan or ipip");
	assert_line_refused("add 10.0.0.0/8 via 1.2.3.4 via",
			    "via given twice");
	assert_line_refused("add 10.0.0.0/8 via # 1.2.3.4",
			    "missing value after 'via'");
	assert_line_refused("del", "missing prefix");
	assert_line_refused("del 10.0.0.0/8 via 1.2.3.4",
			    "unexpected argument 'via'");
	assert_line_refused("add 10.0.0.0/8 via 1.2.3.4 replace replace replace "
			    "replace replace replace replace replace replace "
			    "replace replace replace replace",
			    "more than 16 words");
}

struct file {
	struct ctl_batch b;
	char err[512];
	int status;
};

static void read_text(const char *text, struct file *f)
{
	FILE *in = fmemopen((void *)text, strlen(text), "r");

	assert_non_null(in);
	memset(f, 0, sizeof(*f));
	f->status = ctl_batch_read(in, "routes.txt", &f->b, f->err,
				   sizeof(f->err));
	fclose(in);
}

static void test_read_file(void **state)
{
	struct file f;

	(void)state;
	read_text("# routes of node-2\n"
		  "add 10.244.1.0/24 via 192.168.1.11\n"
		  "\n"
		  "add 10.244.2.0/24 via 192.168.1.12 encap ipip\n"
		  "del 10.244.3.0/24\n"
		  "add fd00:2::/64 via 192.168.1.12 generation 4 replace", &f);
	assert_int_equal(f.status, 0);
	assert_int_equal(f.b.count, 4);
	assert_int_equal(f.b.lines[0], 2);
	assert_int_equal(f.b.lines[1], 4);
	assert_int_equal(f.b.lines[2], 5);
	assert_int_equal(f.b.lines[3], 6);
	assert_int_equal(f.b.routes[1].encap, PODNET_ENCAP_IPIP);
	assert_true(f.b.changes[2].del);
	assert_true(f.b.changes[3].replace);
	assert_int_equal(f.b.changes[3].generation, 4);
	assert_int_equal(f.b.routes[3].dst.family, AF_INET6);
	ctl_batch_free(&f.b);
	assert_null(f.b.routes);
	assert_int_equal(f.b.count, 0);
}

static void test_read_empty(void **state)
{
	struct file f;

	(void)state;
	read_text("", &f);
	assert_int_equal(f.status, 0);
	assert_int_equal(f.b.count, 0);
	read_text("# nothing\n\n", &f);
	assert_int_equal(f.status, 0);
	assert_int_equal(f.b.count, 0);
	ctl_batch_free(&f.b);
}

/* The first bad line ends the read, and the message says where it is. */
static void test_read_error_names_the_line(void **state)
{
	struct file f;

	(void)state;
	read_text("add 10.244.1.0/24 via 192.168.1.11\n"
		  "# fine\n"
		  "add 10.244.2.0/24 via 192.168.1.300\n"
		  "del 10.244.3.0/33\n", &f);
	assert_int_equal(f.status, -EINVAL);
	assert_string_equal(f.err,
			    "routes.txt:3: bad via address '192.168.1.300'");
	ctl_batch_free(&f.b);
	read_text("\n\n\n\nfrobnicate\n", &f);
	assert_string_equal(f.err,
			    "routes.txt:5: unknown batch command 'frobnicate': add or del");
	ctl_batch_free(&f.b);
}

static void test_read_nul_byte(void **state)
{
	static const char text[] = "add 10.0.0.0/8 via 1.2.3.4\ndel 10.0.0.0/8\0x\n";
	FILE *in = fmemopen((void *)text, sizeof(text) - 1, "r");
	struct ctl_batch b = { 0 };
	char err[128];

	(void)state;
	assert_non_null(in);
	assert_int_equal(ctl_batch_read(in, "-", &b, err, sizeof(err)), -EINVAL);
	assert_string_equal(err, "-:2: NUL byte in the line");
	fclose(in);
	ctl_batch_free(&b);
}

/* The benchmark's size: every line read, in order. */
static void test_read_100k_routes(void **state)
{
	size_t n = 100000, i, len = 0;
	char *text = malloc(n * 64);
	struct file f;

	(void)state;
	assert_non_null(text);
	for (i = 0; i < n; i++)
		len += sprintf(text + len, "add 10.%zu.%zu.0/24 via 192.168.%zu.%zu\n",
			       i >> 8 & 0xff, i & 0xff, i >> 8 & 0xff,
			       (i & 0xff) | 1);
	read_text(text, &f);
	assert_int_equal(f.status, 0);
	assert_int_equal(f.b.count, n);
	assert_int_equal(f.b.lines[n - 1], n);
	assert_int_equal(f.b.routes[n - 1].dst.v4.s_addr,
			 inet_addr("10.134.159.0"));
	ctl_batch_free(&f.b);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_add_line),
		cmocka_unit_test(test_del_line),
		cmocka_unit_test(test_blank_and_comment_lines),
		cmocka_unit_test(test_bad_lines),
		cmocka_unit_test(test_read_file),
		cmocka_unit_test(test_read_empty),
		cmocka_unit_test(test_read_error_names_the_line),
		cmocka_unit_test(test_read_nul_byte),
		cmocka_unit_test(test_read_100k_routes),
	};

	return cmocka_run_group_tests_name("route batch files", tests, NULL,
					   NULL);
}
