// SPDX-License-Identifier: LGPL-2.1-or-later
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <linux/netlink.h>
#include <netlink/msg.h>

#include "nlattr.h"
#include "podnet.h"

static const struct nla_policy extack_policy[NLMSGERR_ATTR_MAX + 1] = {
	[NLMSGERR_ATTR_MSG] = { .type = NLA_STRING },
	[NLMSGERR_ATTR_OFFS] = PODNET_POLICY_U32,
};

/* Errors are negative errnos; anything else is a corrupt message. */
static int kernel_error(int error)
{
	return error > 0 ? -EBADMSG : error;
}

/* The extended ack after a header of hdrlen bytes: 0, or -ENOENT. */
static int extack_parse(const struct nlmsghdr *nlh, int hdrlen,
			struct nlattr **tb)
{
	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS) ||
	    podnet_parse_msg(nlh, hdrlen, tb, NLMSGERR_ATTR_MAX, extack_policy))
		return -ENOENT;
	return 0;
}

/* A garbled message does not change the error it comes with. */
static void copy_extack(const struct nlmsghdr *nlh, int hdrlen, char *msgbuf,
			size_t msglen)
{
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];

	if (!extack_parse(nlh, hdrlen, tb) && tb[NLMSGERR_ATTR_MSG])
		snprintf(msgbuf, msglen, "%s",
			 nla_get_string(tb[NLMSGERR_ATTR_MSG]));
}

/* Where an NLMSG_ERROR's extended ack starts, or -EBADMSG. */
static int nlmsgerr_hdrlen(const struct nlmsghdr *nlh)
{
	const struct nlmsgerr *e = nlmsg_data(nlh);
	int hdrlen = sizeof(*e);

	if (nlh->nlmsg_type != NLMSG_ERROR || !nlmsg_valid_hdr(nlh, hdrlen))
		return -EBADMSG;
	/* Uncapped, the request is echoed between nlmsgerr and the TLVs. */
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED)) {
		if (e->msg.nlmsg_len < NLMSG_HDRLEN ||
		    e->msg.nlmsg_len > nlh->nlmsg_len)
			return -EBADMSG;
		hdrlen += e->msg.nlmsg_len - NLMSG_HDRLEN;
	}
	return hdrlen;
}

int podnet_nlmsgerr_parse(const struct nlmsghdr *nlh, char *msgbuf,
			  size_t msglen)
{
	const struct nlmsgerr *e = nlmsg_data(nlh);
	int hdrlen;

	if (msglen)
		msgbuf[0] = '\0';
	if (nlh->nlmsg_type != NLMSG_ERROR || !nlmsg_valid_hdr(nlh, sizeof(*e)))
		return -EBADMSG;
	hdrlen = nlmsgerr_hdrlen(nlh);
	if (hdrlen >= 0)
		copy_extack(nlh, hdrlen, msgbuf, msglen);
	return kernel_error(e->error);
}

int podnet_nlmsgerr_offset(const struct nlmsghdr *nlh, uint32_t *offset)
{
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];
	int hdrlen = nlmsgerr_hdrlen(nlh);

	if (hdrlen < 0 || extack_parse(nlh, hdrlen, tb) ||
	    !tb[NLMSGERR_ATTR_OFFS])
		return -ENOENT;
	*offset = nla_get_u32(tb[NLMSGERR_ATTR_OFFS]);
	return 0;
}

int podnet_nldone_parse(const struct nlmsghdr *nlh, char *msgbuf,
			size_t msglen)
{
	int error;

	if (msglen)
		msgbuf[0] = '\0';
	if (nlh->nlmsg_type != NLMSG_DONE || !nlmsg_valid_hdr(nlh, sizeof(error)))
		return -EBADMSG;
	memcpy(&error, nlmsg_data(nlh), sizeof(error));
	copy_extack(nlh, sizeof(error), msgbuf, msglen);
	return kernel_error(error);
}
