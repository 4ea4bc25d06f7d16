// SPDX-License-Identifier: LGPL-2.1-or-later
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <sys/socket.h>
#include <linux/netlink.h>
#include <netlink/errno.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>
#include <netlink/socket.h>

#include "podnet.h"
#include "rtnl.h"

struct rtnl_call {
	podnet_reply_fn on_reply;
	void *arg;
	char *errbuf;
	size_t errlen;
	int err;
	bool done;
};

static int rtnl_on_valid(struct nl_msg *msg, void *arg)
{
	struct rtnl_call *call = arg;

	if (call->on_reply && !call->err)
		call->err = call->on_reply(nlmsg_hdr(msg), call->arg);
	return NL_OK;
}

static int rtnl_on_ack(struct nl_msg *msg __attribute__((unused)), void *arg)
{
	struct rtnl_call *call = arg;

	call->done = true;
	return NL_STOP;
}

static int rtnl_on_error(struct sockaddr_nl *nla __attribute__((unused)),
			 struct nlmsgerr *e, void *arg)
{
	/* libnl passes only the nlmsgerr; its header holds the extack flags. */
	const struct nlmsghdr *nlh = (const void *)((char *)e - NLMSG_HDRLEN);
	struct rtnl_call *call = arg;

	call->err = podnet_nlmsgerr_parse(nlh, call->errbuf, call->errlen);
	call->done = true;
	return NL_STOP;
}

/* Kernels before 4.12 lack these: requests still work, without messages. */
static void rtnl_request_extack(struct nl_sock *sk)
{
	int fd = nl_socket_get_fd(sk);
	int one = 1;

	setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	/* Errors then carry the extack without an echo of the request. */
	setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
}

static int rtnl_exchange(struct nl_sock *sk, struct nl_msg *req,
			 struct rtnl_call *call)
{
	struct nl_cb *cb;
	int err;

	cb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!cb)
		return -NLE_NOMEM;
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, rtnl_on_valid, call);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, rtnl_on_ack, call);
	nl_cb_err(cb, NL_CB_CUSTOM, rtnl_on_error, call);

	err = nl_connect(sk, NETLINK_ROUTE);
	if (!err) {
		rtnl_request_extack(sk);
		err = nl_send_auto(sk, req);
	}
	while (err >= 0 && !call->done)
		err = nl_recvmsgs(sk, cb);
	nl_cb_put(cb);
	return err;
}

int podnet_rtnl_call(struct nl_msg *req, podnet_reply_fn on_reply, void *arg,
		     char *errbuf, size_t errlen)
{
	struct rtnl_call call = {
		.on_reply = on_reply,
		.arg = arg,
		.errbuf = errbuf,
		.errlen = errlen,
	};
	struct nl_sock *sk;
	int err;

	if (errlen)
		errbuf[0] = '\0';
	if (!req)
		return -ENOMEM;
	sk = nl_socket_alloc();
	err = sk ? rtnl_exchange(sk, req, &call) : -NLE_NOMEM;
	nl_socket_free(sk);
	nlmsg_free(req);
	if (call.done)
		return call.err;
	snprintf(errbuf, errlen, "netlink: %s", nl_geterror(err));
	return err == -NLE_NOMEM ? -ENOMEM : -EPROTO;
}
