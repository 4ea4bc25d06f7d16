/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The part of iproute2's in-binary interface that link_podnet.so uses.
 *
 * iproute2 installs no development headers, so a link plugin has to declare
 * what it uses from the `ip` binary itself. `ip` is linked with
 * -rdynamic, so the functions below resolve against it when it dlopen()s
 * $IP_LIB_DIR/link_podnet.so and looks up the symbol "podnet_link_util".
 *
 * Matches iproute2 6.1.0 (Debian 12 "bookworm", package iproute2 6.1.0-3):
 *   ip/ip_common.h      struct link_util
 *   include/json_print.h enum output_type, print_color_{string,uint,bool}
 *   include/color.h     enum color_attr (COLOR_NONE)
 *   include/utils.h     get_u32, invarg, incomplete_command
 *   include/libnetlink.h addattr{8,16,32,_l}, rta_getattr_u{8,16,32}
 * and checked against /usr/sbin/ip of that package: the size (72) and
 * relocated members of vxlan_link_util/bridge_link_util, COLOR_NONE as the
 * constant color_fprintf() compares with, print_color_uint() taking a
 * 32-bit value. Only what link_podnet.c uses is declared. smoke-host.sh
 * (make check) fails if the struct layout or COLOR_NONE drift.
 */
#ifndef PODNET_IPROUTE2_ABI_H
#define PODNET_IPROUTE2_ABI_H

#include <stdbool.h>
#include <stdio.h>
#include <linux/types.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>

/* ip/ip_common.h. All nine members, in order: `ip` writes ->next. */
struct link_util {
	struct link_util *next;
	const char *id;
	int maxattr;
	int (*parse_opt)(struct link_util *lu, int argc, char **argv,
			 struct nlmsghdr *n);
	void (*print_opt)(struct link_util *lu, FILE *f, struct rtattr *tb[]);
	void (*print_xstats)(struct link_util *lu, FILE *f,
			     struct rtattr *xstats);
	void (*print_help)(struct link_util *lu, int argc, char **argv,
			   FILE *f);
	int (*parse_ifla_xstats)(struct link_util *lu, int argc, char **argv);
	int (*print_ifla_xstats)(struct nlmsghdr *n, void *arg);
};

/* ip/ip_common.h: size of the buffer behind the nlmsghdr given to
 * parse_opt (struct iplink_req .buf); the maxlen iproute2's own link
 * types pass to addattr*(). */
#define IPROUTE2_IPLINK_REQ_BUF 1024

/* include/json_print.h */
enum output_type {
	PRINT_FP = 1,
	PRINT_JSON = 2,
	PRINT_ANY = 4,
};

/* include/color.h: COLOR_IFNAME .. COLOR_OPERSTATE_DOWN, then COLOR_NONE. */
enum color_attr {
	COLOR_NONE = 6,
};

int print_color_string(enum output_type t, enum color_attr color,
		       const char *key, const char *fmt, const char *value);
int print_color_uint(enum output_type t, enum color_attr color,
		     const char *key, const char *fmt, unsigned int value);
int print_color_bool(enum output_type t, enum color_attr color,
		     const char *key, const char *fmt, bool value);

/* include/utils.h */
int get_u32(__u32 *val, const char *arg, int base);
void invarg(const char *msg, const char *arg) __attribute__((noreturn));
void incomplete_command(void) __attribute__((noreturn));

/* include/libnetlink.h */
int addattr8(struct nlmsghdr *n, int maxlen, int type, __u8 data);
int addattr16(struct nlmsghdr *n, int maxlen, int type, __u16 data);
int addattr32(struct nlmsghdr *n, int maxlen, int type, __u32 data);
int addattr_l(struct nlmsghdr *n, int maxlen, int type, const void *data,
	      int alen);

static inline __u8 rta_getattr_u8(const struct rtattr *rta)
{
	return *(const __u8 *)RTA_DATA(rta);
}

static inline __u16 rta_getattr_u16(const struct rtattr *rta)
{
	return *(const __u16 *)RTA_DATA(rta);
}

static inline __u32 rta_getattr_u32(const struct rtattr *rta)
{
	return *(const __u32 *)RTA_DATA(rta);
}

#endif /* PODNET_IPROUTE2_ABI_H */
