// SPDX-License-Identifier: LGPL-2.1-or-later
#include <errno.h>
#include <stdio.h>
#include <linux/netlink.h>

#include "nlsock.h"
#include "podnet.h"

/* The first error stands: the rest of the call is only read to its end. */
static void fail(struct podnet_nl_call *call, int err)
{
	if (!call->err)
		call->err = err;
}

static void fail_malformed(struct podnet_nl_call *call)
{
	if (!call->err)
		snprintf(call->errbuf, call->errlen, "malformed netlink reply");
	fail(call, -EBADMSG);
}

static void feed_one(struct podnet_nl_call *call, const struct nlmsghdr *nlh)
{
	switch (nlh->nlmsg_type) {
	case NLMSG_ERROR:
		if (!call->err) {
			call->err = podnet_nlmsgerr_parse(nlh, call->errbuf,
							  call->errlen);
			call->has_err_offset = call->err &&
				!podnet_nlmsgerr_offset(nlh, &call->err_offset);
		}
		call->done = true;
		return;
	case NLMSG_DONE:
		if (!call->err)
			call->err = podnet_nldone_parse(nlh, call->errbuf,
							call->errlen);
		call->done = true;
		return;
	case NLMSG_NOOP:
		return;
	}
	if (nlh->nlmsg_type < NLMSG_MIN_TYPE) {
		fail_malformed(call);
	} else if (call->on_reply && !call->err) {
		int err = call->on_reply(nlh, call->arg);

		if (err == -EBADMSG)
			fail_malformed(call);
		else
			fail(call, err);
	}
}

/* A whole message: header and the length it claims, within the rest. */
static bool msg_ok(const struct nlmsghdr *nlh, size_t rem)
{
	return rem >= sizeof(*nlh) && nlh->nlmsg_len >= sizeof(*nlh) &&
	       nlh->nlmsg_len <= rem;
}

void podnet_nl_feed(struct podnet_nl_call *call, const void *buf, size_t len)
{
	const struct nlmsghdr *nlh = buf;
	size_t rem = len, step;

	while (!call->done && msg_ok(nlh, rem)) {
		if (nlh->nlmsg_seq == call->seq) {
			if (nlh->nlmsg_flags & NLM_F_DUMP_INTR)
				call->dump_intr = true;
			feed_one(call, nlh);
		}
		/* The last message may come without its padding. */
		step = NLMSG_ALIGN(nlh->nlmsg_len);
		rem -= step < rem ? step : rem;
		nlh = (const void *)((const char *)nlh + step);
	}
	/* Past a broken frame nothing can be read: the call ends here. */
	if (!call->done && rem) {
		fail_malformed(call);
		call->done = true;
	}
}
