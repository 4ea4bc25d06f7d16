/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Internal to libpodnet: one request and its replies on a netlink socket,
 * shared by rtnetlink and generic netlink. Replies are handed to the pure
 * podnet_nl_feed(), so everything but the socket calls is testable.
 */
#ifndef PODNET_NLSOCK_H
#define PODNET_NLSOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct nl_msg;
struct nl_sock;
struct nlmsghdr;

/* Whole dumps tried before giving up on a table that keeps changing. */
#define PODNET_DUMP_ATTEMPTS 5

typedef int (*podnet_reply_fn)(const struct nlmsghdr *nlh, void *arg);

/* The receiving side of one request. */
struct podnet_nl_call {
	uint32_t seq;			/* of the request; others are ignored */
	podnet_reply_fn on_reply;	/* each data message, may be NULL */
	void *arg;
	char *errbuf;
	size_t errlen;
	int err;			/* the first: on_reply's or the kernel's */
	bool done;			/* ack, error or end of dump seen */
	bool dump_intr;			/* the dump saw the table change */
	bool has_err_offset;		/* the kernel's error blames ... */
	uint32_t err_offset;		/* ... the attribute this far in */
};

/*
 * Handles the messages of one datagram, as far as the end of the call.
 * After an error, replies are no longer passed on, but the call still ends
 * only with the kernel's ack, error or NLMSG_DONE, so that a dump that
 * failed to parse is still seen to be interrupted.
 */
void podnet_nl_feed(struct podnet_nl_call *call, const void *buf, size_t len);

/*
 * Runs attempt until it finishes, well or not, without an interrupted
 * dump, at most PODNET_DUMP_ATTEMPTS times: then -EAGAIN.
 */
int podnet_dump_retry(int (*attempt)(void *ctx, bool *interrupted), void *ctx,
		      char *errbuf, size_t errlen);

/* A connected socket that asks for extended acks. */
int podnet_nl_open(int protocol, struct nl_sock **skp, char *errbuf,
		   size_t errlen);

/* Turns a libnl error into an errno, described in errbuf. */
int podnet_nl_error(int nlerr, char *errbuf, size_t errlen);

/*
 * Sends req, which stays the caller's, and feeds the replies to call, whose
 * seq it sets, up to the ack, error or end of dump: call->err.
 */
int podnet_nl_exchange(struct nl_sock *sk, struct nl_msg *req,
		       struct podnet_nl_call *call);

/*
 * Sends req (consumed; NULL means its builder ran out of memory), passes
 * each reply to on_reply, if any, and waits for the ack or end of dump.
 */
int podnet_nl_call(struct nl_sock *sk, struct nl_msg *req,
		   podnet_reply_fn on_reply, void *arg,
		   char *errbuf, size_t errlen);

/*
 * A dump: like podnet_nl_call, but restarted from scratch, after calling
 * restart(arg), whenever the kernel flags it interrupted.
 */
int podnet_nl_dump(struct nl_sock *sk, struct nl_msg *req,
		   podnet_reply_fn on_reply, void (*restart)(void *arg),
		   void *arg, char *errbuf, size_t errlen);

#endif /* PODNET_NLSOCK_H */
