// SPDX-License-Identifier: GPL-2.0
/*
 * link_podnet.so: iproute2 support for links of kind "podnet".
 *
 *   ip link add podnet0 type podnet [ mode { bridge | routed } ]
 *       [ ageing SECONDS ] [ encap { vxlan | ipip | direct } ]
 *       [ cross-subnet { on | off } ] [ vni VNI ] [ port UDPPORT ]
 *       [ local ADDRESS ] [ underlay { DEV | none } ] [ routes-max N ]
 *   ip link set podnet0 type podnet ...the same options...
 *   ip -d link show podnet0      ... podnet mode routed ageing 300 encap ...
 *   ip -j -d link show podnet0   "info_data":{"mode":"routed",...}
 *
 * `ip` dlopen()s $IP_LIB_DIR/link_podnet.so for an unknown kind and uses
 * the struct link_util named podnet_link_util. The helpers called here live
 * in the `ip` binary; iproute2_abi.h declares them.
 */
#include <stdio.h>
#include <string.h>
#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>

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

/* DEFAULT is a route's, never a device's: not accepted, shown if reported. */
static const char *const podnet_encap_names[] = {
	[PODNET_ENCAP_DEFAULT] = "default",
	[PODNET_ENCAP_DIRECT] = "direct",
	[PODNET_ENCAP_VXLAN] = "vxlan",
	[PODNET_ENCAP_IPIP] = "ipip",
};

#define PODNET_N_ENCAPS \
	(sizeof(podnet_encap_names) / sizeof(podnet_encap_names[0]))

_Static_assert(PODNET_N_ENCAPS == PODNET_ENCAP_MAX + 1,
	       "every enum podnet_encap value needs a name");

static void podnet_print_help(struct link_util *lu, int argc, char **argv,
			      FILE *f)
{
	(void)lu;
	(void)argc;
	(void)argv;

	fprintf(f,
		"Usage: ... podnet [ mode { bridge | routed } ]\n"
		"                  [ ageing SECONDS ]\n"
		"                  [ encap { vxlan | ipip | direct } ]\n"
		"                  [ cross-subnet { on | off } ]\n"
		"                  [ vni VNI ] [ port UDPPORT ]\n"
		"                  [ local ADDRESS ] [ underlay { DEV | none } ]\n"
		"                  [ routes-max N ]\n"
		"\n"
		"Where: mode    bridge: L2 learning switch among the ports (default)\n"
		"               routed: no L2 between pods, proxy ARP/ND gateway\n"
		"       ageing  FDB ageing time in seconds, %u..%u (default %u)\n"
		"       encap   how routes without their own reach other nodes\n"
		"               (default vxlan)\n"
		"       cross-subnet on: direct when the next node is on-link\n"
		"       vni     VXLAN network identifier, 0..%u (default %u)\n"
		"       port    VXLAN UDP port (default %u)\n"
		"       local   outer source address, IPv4 and/or IPv6\n"
		"               (default: the underlay route's source)\n"
		"       underlay the device the MTU follows\n"
		"       routes-max limit on routes, 1..%u (default %u)\n",
		PODNET_AGEING_TIME_MIN, PODNET_AGEING_TIME_MAX,
		PODNET_AGEING_TIME_DEFAULT, PODNET_VNI_MAX, PODNET_VNI_DEFAULT,
		PODNET_VXLAN_PORT_DEFAULT, PODNET_ROUTES_MAX_LIMIT,
		PODNET_ROUTES_MAX_DEFAULT);
}

static int podnet_name_index(const char *name, const char *const *names,
			     __u32 n, __u32 *index)
{
	__u32 i;

	for (i = 0; i < n; i++) {
		if (names[i] && strcmp(name, names[i]) == 0) {
			*index = i;
			return 0;
		}
	}
	return -1;
}

/* The next word, the value of an option. */
static char *podnet_value(int *argc, char ***argv)
{
	if (--*argc <= 0)
		incomplete_command();
	return *++*argv;
}

/* A decimal min..max, or invarg() naming the option, range and unit. */
static __u32 podnet_number(const char *arg, __u32 min, __u32 max,
			   const char *what, const char *unit)
{
	char msg[96];
	__u32 val;

	if (get_u32(&val, arg, 10) || val < min || val > max) {
		snprintf(msg, sizeof(msg), "%s must be %u..%u%s", what, min,
			 max, unit);
		invarg(msg, arg);
	}
	return val;
}

static void podnet_parse_local(struct nlmsghdr *n, const char *arg)
{
	struct in6_addr v6;
	struct in_addr v4;

	if (inet_pton(AF_INET, arg, &v4) == 1)
		addattr_l(n, IPROUTE2_IPLINK_REQ_BUF, IFLA_PODNET_LOCAL4,
			  &v4, sizeof(v4));
	else if (inet_pton(AF_INET6, arg, &v6) == 1)
		addattr_l(n, IPROUTE2_IPLINK_REQ_BUF, IFLA_PODNET_LOCAL6,
			  &v6, sizeof(v6));
	else
		invarg("local must be an IPv4 or IPv6 address", arg);
}

static void podnet_parse_underlay(struct nlmsghdr *n, const char *arg)
{
	__u32 ifindex = 0;

	if (strcmp(arg, "none") != 0) {
		ifindex = if_nametoindex(arg);
		if (!ifindex)
			invarg("underlay must be a device or \"none\"", arg);
	}
	addattr32(n, IPROUTE2_IPLINK_REQ_BUF, IFLA_PODNET_UNDERLAY, ifindex);
}

/* One option and its value: 0, or -1 for an option podnet does not have. */
static int podnet_parse_one(int *argc, char ***argv, struct nlmsghdr *n)
{
	const char *opt = **argv, *arg;
	__u32 val;

	if (strcmp(opt, "mode") == 0) {
		arg = podnet_value(argc, argv);
		if (podnet_name_index(arg, podnet_mode_names, PODNET_N_MODES,
				      &val))
			invarg("mode must be \"bridge\" or \"routed\"", arg);
		addattr32(n, IPROUTE2_IPLINK_REQ_BUF, IFLA_PODNET_MODE, val);
	} else if (strcmp(opt, "ageing") == 0) {
		val = podnet_number(podnet_value(argc, argv),
				    PODNET_AGEING_TIME_MIN,
				    PODNET_AGEING_TIME_MAX, "ageing", " seconds");
		addattr32(n, IPROUTE2_IPLINK_REQ_BUF, IFLA_PODNET_AGEING_TIME,
			  val);
	} else if (strcmp(opt, "encap") == 0) {
		arg = podnet_value(argc, argv);
		if (podnet_name_index(arg, podnet_encap_names, PODNET_N_ENCAPS,
				      &val) || val == PODNET_ENCAP_DEFAULT)
			invarg("encap must be \"vxlan\", \"ipip\" or \"direct\"",
			       arg);
		addattr32(n, IPROUTE2_IPLINK_REQ_BUF, IFLA_PODNET_ENCAP, val);
	} else if (strcmp(opt, "cross-subnet") == 0) {
		arg = podnet_value(argc, argv);
		if (strcmp(arg, "on") != 0 && strcmp(arg, "off") != 0)
			invarg("cross-subnet must be \"on\" or \"off\"", arg);
		addattr8(n, IPROUTE2_IPLINK_REQ_BUF, IFLA_PODNET_CROSS_SUBNET,
			 strcmp(arg, "on") == 0);
	} else if (strcmp(opt, "vni") == 0) {
		val = podnet_number(podnet_value(argc, argv), 0,
				    PODNET_VNI_MAX, "vni", "");
		addattr32(n, IPROUTE2_IPLINK_REQ_BUF, IFLA_PODNET_VNI, val);
	} else if (strcmp(opt, "port") == 0) {
		val = podnet_number(podnet_value(argc, argv), 1, 65535,
				    "port", "");
		addattr16(n, IPROUTE2_IPLINK_REQ_BUF, IFLA_PODNET_VXLAN_PORT,
			  val);
	} else if (strcmp(opt, "local") == 0) {
		podnet_parse_local(n, podnet_value(argc, argv));
	} else if (strcmp(opt, "underlay") == 0) {
		podnet_parse_underlay(n, podnet_value(argc, argv));
	} else if (strcmp(opt, "routes-max") == 0) {
		val = podnet_number(podnet_value(argc, argv), 1,
				    PODNET_ROUTES_MAX_LIMIT, "routes-max", "");
		addattr32(n, IPROUTE2_IPLINK_REQ_BUF, IFLA_PODNET_ROUTES_MAX,
			  val);
	} else {
		return -1;
	}
	return 0;
}

static int podnet_parse_opt(struct link_util *lu, int argc, char **argv,
			    struct nlmsghdr *n)
{
	for (; argc > 0; argc--, argv++) {
		if (strcmp(*argv, "help") == 0) {
			podnet_print_help(lu, argc, argv, stderr);
			return -1;
		}
		if (podnet_parse_one(&argc, &argv, n)) {
			fprintf(stderr, "podnet: unknown option \"%s\"\n",
				*argv);
			podnet_print_help(lu, argc, argv, stderr);
			return -1;
		}
	}
	return 0;
}

/* The attribute, when it has at least len bytes. */
static const struct rtattr *podnet_attr(struct rtattr *tb[], int type,
					size_t len)
{
	return tb[type] && RTA_PAYLOAD(tb[type]) >= len ? tb[type] : NULL;
}

/* name of a known value, or the number a newer module may report. */
static void podnet_print_enum(const char *key, const char *const *names,
			      __u32 n, __u32 val)
{
	char fmt[32];

	snprintf(fmt, sizeof(fmt), "%s %%%c ", key, val < n ? 's' : 'u');
	if (val < n)
		print_color_string(PRINT_ANY, COLOR_NONE, key, fmt, names[val]);
	else
		print_color_uint(PRINT_ANY, COLOR_NONE, key, fmt, val);
}

static void podnet_print_local(struct rtattr *tb[])
{
	char buf[INET6_ADDRSTRLEN];
	const struct rtattr *rta;

	rta = podnet_attr(tb, IFLA_PODNET_LOCAL4, sizeof(struct in_addr));
	if (rta && inet_ntop(AF_INET, RTA_DATA(rta), buf, sizeof(buf))) {
		print_color_string(PRINT_FP, COLOR_NONE, NULL, "local %s ", buf);
		print_color_string(PRINT_JSON, COLOR_NONE, "local4", NULL, buf);
	}
	rta = podnet_attr(tb, IFLA_PODNET_LOCAL6, sizeof(struct in6_addr));
	if (rta && inet_ntop(AF_INET6, RTA_DATA(rta), buf, sizeof(buf))) {
		print_color_string(PRINT_FP, COLOR_NONE, NULL, "local %s ", buf);
		print_color_string(PRINT_JSON, COLOR_NONE, "local6", NULL, buf);
	}
}

static void podnet_print_underlay(struct rtattr *tb[])
{
	const struct rtattr *rta;
	char name[IF_NAMESIZE];
	__u32 ifindex;

	rta = podnet_attr(tb, IFLA_PODNET_UNDERLAY, sizeof(__u32));
	ifindex = rta ? rta_getattr_u32(rta) : 0;
	if (!ifindex)
		return;
	if (!if_indextoname(ifindex, name))
		snprintf(name, sizeof(name), "if%u", ifindex);
	print_color_string(PRINT_ANY, COLOR_NONE, "underlay", "underlay %s ",
			   name);
}

static void podnet_print_opt(struct link_util *lu, FILE *f,
			     struct rtattr *tb[])
{
	const struct rtattr *rta;

	(void)lu;
	(void)f;	/* iproute2's print helpers write to stdout */

	if (!tb)
		return;

	rta = podnet_attr(tb, IFLA_PODNET_MODE, sizeof(__u32));
	if (rta)
		podnet_print_enum("mode", podnet_mode_names, PODNET_N_MODES,
				  rta_getattr_u32(rta));
	rta = podnet_attr(tb, IFLA_PODNET_AGEING_TIME, sizeof(__u32));
	if (rta)
		print_color_uint(PRINT_ANY, COLOR_NONE, "ageing", "ageing %u ",
				 rta_getattr_u32(rta));
	rta = podnet_attr(tb, IFLA_PODNET_ENCAP, sizeof(__u32));
	if (rta)
		podnet_print_enum("encap", podnet_encap_names, PODNET_N_ENCAPS,
				  rta_getattr_u32(rta));
	rta = podnet_attr(tb, IFLA_PODNET_CROSS_SUBNET, sizeof(__u8));
	if (rta) {
		print_color_string(PRINT_FP, COLOR_NONE, NULL,
				   "cross-subnet %s ",
				   rta_getattr_u8(rta) ? "on" : "off");
		print_color_bool(PRINT_JSON, COLOR_NONE, "cross_subnet", NULL,
				 rta_getattr_u8(rta));
	}
	rta = podnet_attr(tb, IFLA_PODNET_VNI, sizeof(__u32));
	if (rta)
		print_color_uint(PRINT_ANY, COLOR_NONE, "vni", "vni %u ",
				 rta_getattr_u32(rta));
	rta = podnet_attr(tb, IFLA_PODNET_VXLAN_PORT, sizeof(__u16));
	if (rta)
		print_color_uint(PRINT_ANY, COLOR_NONE, "port", "port %u ",
				 rta_getattr_u16(rta));
	podnet_print_local(tb);
	podnet_print_underlay(tb);
	rta = podnet_attr(tb, IFLA_PODNET_ROUTES_MAX, sizeof(__u32));
	if (rta)
		print_color_uint(PRINT_ANY, COLOR_NONE, "routes_max",
				 "routes-max %u ", rta_getattr_u32(rta));
}

/* Looked up by name: "<kind>_link_util". */
struct link_util podnet_link_util = {
	.id		= PODNET_LINK_KIND,
	.maxattr	= IFLA_PODNET_MAX,
	.parse_opt	= podnet_parse_opt,
	.print_opt	= podnet_print_opt,
	.print_help	= podnet_print_help,
};
