/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Internal to libpodnet: one request and its replies on NETLINK_ROUTE. */
#ifndef PODNET_RTNL_H
#define PODNET_RTNL_H

#include "nlsock.h"

/* podnet_nl_call() on a socket of its own. */
int podnet_rtnl_call(struct nl_msg *req, podnet_reply_fn on_reply, void *arg,
		     char *errbuf, size_t errlen);

#endif /* PODNET_RTNL_H */
