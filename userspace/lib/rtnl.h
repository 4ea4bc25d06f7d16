/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Internal to libpodnet: one request and its replies on NETLINK_ROUTE. */
#ifndef PODNET_RTNL_H
#define PODNET_RTNL_H

#include <stddef.h>

struct nl_msg;
struct nlmsghdr;

typedef int (*podnet_reply_fn)(const struct nlmsghdr *nlh, void *arg);

/*
 * Sends req (consumed; NULL means its builder ran out of memory), passes
 * each reply to on_reply, if any, and waits for the kernel's ack.
 */
int podnet_rtnl_call(struct nl_msg *req, podnet_reply_fn on_reply, void *arg,
		     char *errbuf, size_t errlen);

#endif /* PODNET_RTNL_H */
