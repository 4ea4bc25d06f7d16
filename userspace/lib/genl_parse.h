/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Internal to libpodnet: the top level of a podnet family message. */
#ifndef PODNET_GENL_PARSE_H
#define PODNET_GENL_PARSE_H

#include <linux/podnet.h>

struct nlattr;
struct nlmsghdr;

/*
 * Checks every top-level attribute, repeated ones included, and indexes
 * the last of each type: 0 or -EBADMSG.
 */
int podnet_genl_parse_top(const struct nlmsghdr *nlh,
			  struct nlattr *tb[PODNET_A_MAX + 1]);

#endif /* PODNET_GENL_PARSE_H */
