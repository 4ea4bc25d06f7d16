/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Internal to libpodnet: strict parsing of netlink attributes. */
#ifndef PODNET_NLATTR_H
#define PODNET_NLATTR_H

#include <netlink/attr.h>

struct nlmsghdr;

/* Policies of exactly sized attributes, for the parsers below. */
#define PODNET_POLICY_U8 { .type = NLA_U8, .maxlen = sizeof(uint8_t) }
#define PODNET_POLICY_U16 { .type = NLA_U16, .maxlen = sizeof(uint16_t) }
#define PODNET_POLICY_U32 { .type = NLA_U32, .maxlen = sizeof(uint32_t) }
#define PODNET_POLICY_BYTES(n) \
	{ .type = NLA_UNSPEC, .minlen = (n), .maxlen = (n) }

/*
 * Like nla_parse(), but -EBADMSG for any attribute that overruns the
 * stream or breaks the policy. Attributes above max are ignored, so a
 * newer kernel may add some.
 */
int podnet_parse_attrs(struct nlattr **tb, int max, struct nlattr *head,
		       int len, const struct nla_policy *policy);
int podnet_parse_nested(struct nlattr **tb, int max, struct nlattr *nest,
			const struct nla_policy *policy);
/* The attributes after a family header of hdrlen bytes. */
int podnet_parse_msg(const struct nlmsghdr *nlh, int hdrlen,
		     struct nlattr **tb, int max,
		     const struct nla_policy *policy);

#endif /* PODNET_NLATTR_H */
