// SPDX-License-Identifier: LGPL-2.1-or-later
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <linux/netlink.h>
#include <netlink/errno.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>
#include <netlink/socket.h>

#include "nlsock.h"

int podnet_nl_error(int nlerr, char *errbuf, size_t errlen)
{
	snprintf(errbuf, errlen, "netlink: %s", nl_geterror(nlerr));
	return nlerr == -NLE_NOMEM ? -ENOMEM : -EPROTO;
}

/* Kernels before 4.12 lack these: requests still work, without messages. */
static void request_extack(struct nl_sock *sk)
{
	int fd = nl_socket_get_fd(sk);
	int one = 1;

	setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	/* Errors then carry the extack without an echo of the request. */
	setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
}

int podnet_nl_open(int protocol, struct nl_sock **skp, char *errbuf,
		   size_t errlen)
{
	struct nl_sock *sk;
	int err;

	sk = nl_socket_alloc();
	if (!sk)
		return podnet_nl_error(-NLE_NOMEM, errbuf, errlen);
	err = nl_connect(sk, protocol);
	if (err) {
		nl_socket_free(sk);
		return podnet_nl_error(err, errbuf, errlen);
	}
	/* Without peeking, a reply larger than the buffer is lost. */
	nl_socket_enable_msg_peek(sk);
	request_extack(sk);
	*skp = sk;
	return 0;
}

int podnet_nl_exchange(struct nl_sock *sk, struct nl_msg *req,
		       struct podnet_nl_call *call)
{
	struct sockaddr_nl peer;
	unsigned char *buf;
	int n;

	n = nl_send_auto(sk, req);
	call->seq = nlmsg_hdr(req)->nlmsg_seq;
	while (n >= 0 && !call->done) {
		n = nl_recv(sk, &peer, &buf, NULL);
		if (n <= 0)
			break;
		/* Any process may send to our port: only the kernel answers. */
		if (!peer.nl_pid)
			podnet_nl_feed(call, buf, n);
		free(buf);
	}
	if (call->done)
		return call->err;
	return podnet_nl_error(n ? n : -NLE_FAILURE, call->errbuf,
			       call->errlen);
}

int podnet_nl_call(struct nl_sock *sk, struct nl_msg *req,
		   podnet_reply_fn on_reply, void *arg,
		   char *errbuf, size_t errlen)
{
	struct podnet_nl_call call = {
		.on_reply = on_reply,
		.arg = arg,
		.errbuf = errbuf,
		.errlen = errlen,
	};
	int err;

	if (!req)
		return -ENOMEM;
	err = podnet_nl_exchange(sk, req, &call);
	nlmsg_free(req);
	return err;
}

struct dump {
	struct nl_sock *sk;
	struct nl_msg *req;
	podnet_reply_fn on_reply;
	void (*restart)(void *arg);
	void *arg;
	char *errbuf;
	size_t errlen;
};

static int dump_attempt(void *ctx, bool *interrupted)
{
	struct dump *d = ctx;
	struct podnet_nl_call call = {
		.on_reply = d->on_reply,
		.arg = d->arg,
		.errbuf = d->errbuf,
		.errlen = d->errlen,
	};
	int err;

	d->restart(d->arg);
	/* A new sequence number, so stragglers of the last attempt are ignored. */
	nlmsg_hdr(d->req)->nlmsg_seq = NL_AUTO_SEQ;
	err = podnet_nl_exchange(d->sk, d->req, &call);
	*interrupted = call.dump_intr;
	return err;
}

int podnet_nl_dump(struct nl_sock *sk, struct nl_msg *req,
		   podnet_reply_fn on_reply, void (*restart)(void *arg),
		   void *arg, char *errbuf, size_t errlen)
{
	struct dump d = {
		.sk = sk,
		.req = req,
		.on_reply = on_reply,
		.restart = restart,
		.arg = arg,
		.errbuf = errbuf,
		.errlen = errlen,
	};
	int err;

	if (!req)
		return -ENOMEM;
	err = podnet_dump_retry(dump_attempt, &d, errbuf, errlen);
	nlmsg_free(req);
	return err;
}
