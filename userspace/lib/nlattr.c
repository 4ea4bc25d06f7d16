// SPDX-License-Identifier: LGPL-2.1-or-later
#include <errno.h>
#include <netlink/msg.h>

#include "nlattr.h"

int podnet_parse_attrs(struct nlattr **tb, int max, struct nlattr *head,
		       int len, const struct nla_policy *policy)
{
	const struct nlattr *nla = head;
	int rem = len;

	/* libnl skips a truncated attribute at the end; that is a corrupt message. */
	while (nla_ok(nla, rem))
		nla = nla_next(nla, &rem);
	if (rem > 0 || nla_parse(tb, max, head, len, policy) < 0)
		return -EBADMSG;
	return 0;
}

int podnet_parse_nested(struct nlattr **tb, int max, struct nlattr *nest,
			const struct nla_policy *policy)
{
	return podnet_parse_attrs(tb, max, nla_data(nest), nla_len(nest),
				  policy);
}

int podnet_parse_msg(const struct nlmsghdr *nlh, int hdrlen,
		     struct nlattr **tb, int max,
		     const struct nla_policy *policy)
{
	if (!nlmsg_valid_hdr(nlh, hdrlen))
		return -EBADMSG;
	return podnet_parse_attrs(tb, max, nlmsg_attrdata(nlh, hdrlen),
				  nlmsg_attrlen(nlh, hdrlen), policy);
}
