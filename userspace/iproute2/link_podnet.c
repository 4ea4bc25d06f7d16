// SPDX-License-Identifier: GPL-2.0
/*
 * link_podnet.so: iproute2 support for links of kind "podnet".
 *
 *   ip link add podnet0 type podnet [ mode { bridge | routed } ]
 *                                   [ ageing SECONDS ]
 *   ip link set podnet0 type podnet [ mode ... ] [ ageing SECONDS ]
 *   ip -d link show podnet0      ... podnet mode routed ageing 300
 *   ip -j -d link show podnet0   "info_data":{"mode":"routed","ageing":300}
 *
 * `ip` dlopen()s $IP_LIB_DIR/link_podnet.so for an unknown kind and uses
 * the struct link_util named podnet_link_util. The helpers called here live
 * in the `ip` binary; iproute2_abi.h declares them.
 */
#include <stdio.h>
#include <string.h>

#include <linux/podnet.h>

#include "iproute2_abi.h"

static const char *const podnet_mode_names[] = {
	[PODNET_MODE_BRIDGE] = "bridge",
	[PODNET_MODE_ROUTED] = "routed",
};

#define PODNET_N_MODES \
	(sizeof(podnet_mode_names) / sizeof(podnet_mode_names[0]))

_Static_assert(PODNET_N_MODES == PODNET_MODE_MAX + 1,
	       "every enum podnet_mode value needs a name");

static void podnet_print_help(struct link_util *lu, int argc, char **argv,
			      FILE *f)
{
	(void)lu;
	(void)argc;
	(void)argv;

	fprintf(f,
		"Usage: ... podnet [ mode { bridge | routed } ]\n"
		"                  [ ageing SECONDS ]\n"
		"\n"
		"Where: mode    bridge: L2 learning switch among the ports (default)\n"
		"               routed: no L2 between pods, proxy ARP/ND gateway\n"
		"       ageing  FDB ageing time in seconds, %u..%u (default %u)\n",
		PODNET_AGEING_TIME_MIN, PODNET_AGEING_TIME_MAX,
		PODNET_AGEING_TIME_DEFAULT);
}

static int podnet_mode_from_name(const char *name, __u32 *mode)
{
	__u32 i;

	for (i = 0; i < PODNET_N_MODES; i++) {
		if (strcmp(name, podnet_mode_names[i]) == 0) {
			*mode = i;
			return 0;
		}
	}
	return -1;
}

static int podnet_parse_opt(struct link_util *lu, int argc, char **argv,
			    struct nlmsghdr *n)
{
	char msg[96];
	__u32 val;

	for (; argc > 0; argc--, argv++) {
		if (strcmp(*argv, "mode") == 0) {
			if (--argc <= 0)
				incomplete_command();
			argv++;
			if (podnet_mode_from_name(*argv, &val))
				invarg("mode must be \"bridge\" or \"routed\"",
				       *argv);
			addattr32(n, IPROUTE2_IPLINK_REQ_BUF,
				  IFLA_PODNET_MODE, val);
		} else if (strcmp(*argv, "ageing") == 0) {
			if (--argc <= 0)
				incomplete_command();
			argv++;
			if (get_u32(&val, *argv, 10) ||
			    val < PODNET_AGEING_TIME_MIN ||
			    val > PODNET_AGEING_TIME_MAX) {
				snprintf(msg, sizeof(msg),
					 "ageing must be %u..%u seconds",
					 PODNET_AGEING_TIME_MIN,
					 PODNET_AGEING_TIME_MAX);
				invarg(msg, *argv);
			}
			addattr32(n, IPROUTE2_IPLINK_REQ_BUF,
				  IFLA_PODNET_AGEING_TIME, val);
		} else if (strcmp(*argv, "help") == 0) {
			podnet_print_help(lu, argc, argv, stderr);
			return -1;
		} else {
			fprintf(stderr, "podnet: unknown option \"%s\"\n",
				*argv);
			podnet_print_help(lu, argc, argv, stderr);
			return -1;
		}
	}
	return 0;
}

static void podnet_print_opt(struct link_util *lu, FILE *f,
			     struct rtattr *tb[])
{
	__u32 val;

	(void)lu;
	(void)f;	/* iproute2's print helpers write to stdout */

	if (!tb)
		return;

	if (tb[IFLA_PODNET_MODE] &&
	    RTA_PAYLOAD(tb[IFLA_PODNET_MODE]) >= sizeof(__u32)) {
		val = rta_getattr_u32(tb[IFLA_PODNET_MODE]);
		if (val < PODNET_N_MODES)
			print_color_string(PRINT_ANY, COLOR_NONE, "mode",
					   "mode %s ", podnet_mode_names[val]);
		else
			print_color_uint(PRINT_ANY, COLOR_NONE, "mode",
					 "mode %u ", val);
	}

	if (tb[IFLA_PODNET_AGEING_TIME] &&
	    RTA_PAYLOAD(tb[IFLA_PODNET_AGEING_TIME]) >= sizeof(__u32)) {
		val = rta_getattr_u32(tb[IFLA_PODNET_AGEING_TIME]);
		print_color_uint(PRINT_ANY, COLOR_NONE, "ageing",
				 "ageing %u ", val);
	}
}

/* Looked up by name: "<kind>_link_util". */
struct link_util podnet_link_util = {
	.id		= PODNET_LINK_KIND,
	.maxattr	= IFLA_PODNET_MAX,
	.parse_opt	= podnet_parse_opt,
	.print_opt	= podnet_print_opt,
	.print_help	= podnet_print_help,
};
