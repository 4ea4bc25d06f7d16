// SPDX-License-Identifier: LGPL-2.1-or-later
#include <linux/netlink.h>
#include <netlink/msg.h>
#include <netlink/socket.h>

#include "rtnl.h"

int podnet_rtnl_call(struct nl_msg *req, podnet_reply_fn on_reply, void *arg,
		     char *errbuf, size_t errlen)
{
	struct nl_sock *sk;
	int err;

	if (errlen)
		errbuf[0] = '\0';
	err = podnet_nl_open(NETLINK_ROUTE, &sk, errbuf, errlen);
	if (err) {
		nlmsg_free(req);
		return err;
	}
	err = podnet_nl_call(sk, req, on_reply, arg, errbuf, errlen);
	nl_socket_free(sk);
	return err;
}
