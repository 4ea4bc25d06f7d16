// SPDX-License-Identifier: GPL-2.0
/*
 * Following the host over rtnetlink: any link, address or route change
 * schedules a reconcile (debounced), which looks at the state afresh
 * rather than trusting each message; a lost message (the socket overran)
 * makes a full resync, since we cannot know what we missed.
 */
#include <errno.h>
#include <stdlib.h>
#include <event2/event.h>
#include <linux/rtnetlink.h>
#include <netlink/netlink.h>
#include <netlink/msg.h>

#include "log.h"
#include "podnetd.h"

#define NETWATCH_RCVBUF		(4 << 20)
#define RECONCILE_DELAY_MS	200

struct netwatch {
	struct podnetd *d;
	struct nl_sock *sk;
	struct event *ev;
	bool changed;
};

static int on_msg(struct nl_msg *msg, void *arg)
{
	struct netwatch *nw = arg;

	(void)msg;
	nw->changed = true;
	return NL_OK;
}

static void on_readable(evutil_socket_t fd, short what, void *arg)
{
	struct netwatch *nw = arg;
	int err;

	(void)fd;
	(void)what;
	nw->changed = false;
	err = nl_recvmsgs_default(nw->sk);
	if (err == -NLE_NOMEM) {
		/* ENOBUFS: the kernel dropped notifications */
		log_warn("rtnetlink overrun: full resync");
		podnetd_reconcile(nw->d, "rtnetlink overrun");
		kernel_resync(nw->d, "rtnetlink overrun");
		return;
	}
	if (nw->changed)
		podnetd_reconcile(nw->d, NULL);
}

/* PODNETD_NETLINK_RCVBUF shrinks it, so tests can make it overrun. */
static int netwatch_rcvbuf(void)
{
	const char *s = getenv("PODNETD_NETLINK_RCVBUF");
	int n = s ? atoi(s) : 0;

	return n > 0 ? n : NETWATCH_RCVBUF;
}

struct netwatch *netwatch_new(struct podnetd *d)
{
	struct netwatch *nw = calloc(1, sizeof(*nw));

	if (!nw)
		return NULL;
	nw->d = d;
	nw->sk = nl_socket_alloc();
	if (!nw->sk)
		goto fail;
	nl_socket_disable_seq_check(nw->sk);
	nl_socket_modify_cb(nw->sk, NL_CB_VALID, NL_CB_CUSTOM, on_msg, nw);
	if (nl_connect(nw->sk, NETLINK_ROUTE) ||
	    nl_socket_add_memberships(nw->sk, RTNLGRP_LINK,
				      RTNLGRP_IPV4_IFADDR, RTNLGRP_IPV6_IFADDR,
				      RTNLGRP_IPV4_ROUTE, RTNLGRP_IPV6_ROUTE,
				      0) ||
	    nl_socket_set_nonblocking(nw->sk))
		goto fail;
	nl_socket_set_buffer_size(nw->sk, netwatch_rcvbuf(), 0);
	nw->ev = event_new(d->base, nl_socket_get_fd(nw->sk),
			   EV_READ | EV_PERSIST, on_readable, nw);
	if (!nw->ev || event_add(nw->ev, NULL))
		goto fail;
	return nw;
fail:
	netwatch_free(nw);
	return NULL;
}

void netwatch_free(struct netwatch *nw)
{
	if (!nw)
		return;
	if (nw->ev)
		event_free(nw->ev);
	if (nw->sk)
		nl_socket_free(nw->sk);
	free(nw);
}
