/* SPDX-License-Identifier: GPL-2.0 */
/* Replies of the podnet family, crafted with libnl, for the parser tests. */
#ifndef PODNET_TEST_GENL_REPLY_H
#define PODNET_TEST_GENL_REPLY_H

#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include "podnet.h"

/* Any id the controller might hand out. */
#define FAMILY 0x1c

static inline struct nl_msg *genl_reply_new(uint8_t cmd)
{
	struct nl_msg *msg = nlmsg_alloc();

	assert_non_null(msg);
	assert_non_null(genlmsg_put(msg, 0, 1, FAMILY, 0, NLM_F_MULTI, cmd,
				    PODNET_GENL_VERSION));
	return msg;
}

/* Makes the last n bytes of the message vanish. */
static inline struct nl_msg *genl_reply_cut(struct nl_msg *msg, int n)
{
	nlmsg_hdr(msg)->nlmsg_len -= n;
	return msg;
}

/* The first attribute of type inside the nest of type nest_type. */
static inline struct nlattr *genl_reply_find(struct nl_msg *msg, int nest_type,
					     int type)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct nlattr *nest;

	nest = nlmsg_find_attr(nlh, GENL_HDRLEN, nest_type);
	assert_non_null(nest);
	return nla_find(nla_data(nest), nla_len(nest), type);
}

#endif /* PODNET_TEST_GENL_REPLY_H */
